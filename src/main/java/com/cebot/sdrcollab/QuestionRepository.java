package com.cebot.sdrcollab;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Question.class)
interface QuestionRepository {

    String COLUMNS = """
            id, channel, ts, asker, source, question_key, reply_key, urgency, status, assignee, assigned_at,
            assignment, version, escalated_by, escalated_at, first_response_by, first_response_at,
            first_response_secs, answered_by, answered_at, asked_at, question_text
            FROM sdr_question
            """;

    /** A question message; a repeat of the same message adds nothing (no id). */
    @SqlQuery("""
            INSERT INTO sdr_question (channel, ts, asker, source, question_key, reply_key, urgency, asked_at,
                                      question_text)
            VALUES (:channel, :ts, :asker, :source, :questionKey, :replyKey, :urgency, :now, :text)
            ON CONFLICT DO NOTHING
            RETURNING id
            """)
    Optional<Long> insert(
            String channel,
            String ts,
            String asker,
            String source,
            String questionKey,
            String replyKey,
            String urgency,
            Instant now,
            String text);

    @SqlQuery("SELECT " + COLUMNS + " WHERE id = :id")
    Optional<Question> byId(long id);

    /** How many questions the person asked after {@code since}, however they asked. */
    @SqlQuery("SELECT COUNT(*) FROM sdr_question WHERE asker = :asker AND asked_at > :since")
    int askedSince(String asker, Instant since);

    @SqlQuery("SELECT " + COLUMNS + " WHERE channel = :channel AND ts = :ts")
    Optional<Question> byMessage(String channel, String ts);

    @SqlQuery("SELECT " + COLUMNS + " WHERE question_key = :key")
    Optional<Question> byKey(String key);

    /** Open questions still waiting for a first response, for the replies worth looking at. */
    @SqlQuery(
            "SELECT ts, asker FROM sdr_question WHERE status = 'open' AND first_response_at IS NULL AND ts IS NOT NULL")
    @RegisterConstructorMapper(Waiting.class)
    List<Waiting> waiting();

    record Waiting(String ts, String asker) {}

    @SqlQuery("SELECT " + COLUMNS + " WHERE asked_at >= :from AND asked_at < :to ORDER BY asked_at, id")
    List<Question> askedBetween(Instant from, Instant to);

    @SqlQuery("SELECT " + COLUMNS + " WHERE status = 'open' ORDER BY asked_at, id")
    List<Question> open();

    /** How many open questions each person holds. */
    @SqlQuery("SELECT assignee, COUNT(*) AS open FROM sdr_question WHERE status = 'open' AND assignee IS NOT NULL"
            + " GROUP BY assignee")
    @RegisterConstructorMapper(Load.class)
    List<Load> load();

    record Load(String assignee, int open) {}

    @SqlUpdate("UPDATE sdr_question SET ts = :ts WHERE id = :id")
    void posted(long id, String ts);

    @SqlUpdate("""
            UPDATE sdr_question SET assignee = :assignee, assigned_at = :now, assignment = assignment + 1,
                                    version = version + 1
            WHERE id = :id
            """)
    void assign(long id, String assignee, Instant now);

    @SqlUpdate("UPDATE sdr_question SET assignee = NULL, version = version + 1 WHERE id = :id")
    void unassign(long id);

    /** Only an open question is answered; the second of two fast presses changes nothing. */
    @SqlUpdate("""
            UPDATE sdr_question SET status = 'answered', answered_by = :by, answered_at = :now, version = version + 1
            WHERE id = :id AND status = 'open'
            """)
    int answered(long id, String by, Instant now);

    @SqlUpdate("""
            UPDATE sdr_question SET first_response_by = :by, first_response_at = :at, first_response_secs = :secs,
                                    version = version + 1
            WHERE id = :id AND first_response_at IS NULL
            """)
    int firstResponse(long id, String by, Instant at, long secs);

    @SqlUpdate("""
            UPDATE sdr_question SET escalated_by = :by, escalated_at = :now, version = version + 1
            WHERE id = :id AND escalated_at IS NULL
            """)
    int escalated(long id, String by, Instant now);

    @SqlUpdate("""
            INSERT INTO sdr_question_event (question_id, action, actor, subject, at)
            VALUES (:questionId, :action, :actor, :subject, :now)
            """)
    void event(long questionId, String action, String actor, String subject, Instant now);

    @SqlQuery("SELECT action || ':' || COALESCE(actor, '') || ':' || COALESCE(subject, '') FROM sdr_question_event"
            + " WHERE question_id = :questionId ORDER BY id")
    List<String> events(long questionId);

    @SqlUpdate(
            "INSERT INTO sdr_question_skip (question_id, user_id) VALUES (:questionId, :user) ON CONFLICT DO NOTHING")
    void skip(long questionId, String user);

    @SqlQuery("SELECT user_id FROM sdr_question_skip WHERE question_id = :questionId")
    List<String> skipped(long questionId);

    @SqlQuery("SELECT user_id, last_turn FROM sdr_rotation")
    @RegisterConstructorMapper(Turn.class)
    List<Turn> turns();

    record Turn(String userId, long lastTurn) {}

    /** Gives {@code user} the next turn: after everyone else's. */
    @SqlUpdate("""
            INSERT INTO sdr_rotation (user_id, last_turn)
            VALUES (:user, (SELECT COALESCE(MAX(last_turn), 0) + 1 FROM sdr_rotation))
            ON CONFLICT (user_id) DO UPDATE SET last_turn = excluded.last_turn
            """)
    void took(String user);
}
