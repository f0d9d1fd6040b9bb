package com.cebot.sdrcollab;

import com.cebot.feature.StoredRecords;
import com.cebot.feature.StoredRecords.Count;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SDR questions, forgotten per person and purged once answered: older means answered before the
 * cut-off. An open question is kept, however old. The rotation keeps no one's words, only turns:
 * it is not purged, but a forgotten person leaves it.
 */
interface SdrRecords extends StoredRecords.Tables {

    String WORKFLOW = "SDR questions: ";

    @SqlQuery("SELECT id FROM sdr_question WHERE asker = :person")
    List<Long> askedBy(String person);

    /** Those answered longest ago first, read from the index on status and answer. */
    @SqlQuery("""
            SELECT id FROM sdr_question WHERE status = 'answered' AND answered_at < :before
            ORDER BY answered_at, id LIMIT :limit
            """)
    List<Long> answeredBefore(Instant before, int limit);

    @SqlUpdate("DELETE FROM sdr_question_event WHERE question_id IN (<ids>)")
    int deleteEventsOf(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("DELETE FROM sdr_question_skip WHERE question_id IN (<ids>)")
    int deleteSkipsOf(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("DELETE FROM sdr_question WHERE id IN (<ids>)")
    int deleteQuestions(@BindList("ids") Collection<Long> ids);

    /** An open question they held has no owner: "I'll take it" or Pass on its reply gives it one. */
    @SqlUpdate("UPDATE sdr_question SET assignee = NULL WHERE assignee = :person")
    int unassign(String person);

    @SqlUpdate("""
            UPDATE sdr_question SET
                escalated_by = CASE WHEN escalated_by = :person THEN NULL ELSE escalated_by END,
                first_response_by = CASE WHEN first_response_by = :person THEN NULL ELSE first_response_by END,
                answered_by = CASE WHEN answered_by = :person THEN NULL ELSE answered_by END
            WHERE escalated_by = :person OR first_response_by = :person OR answered_by = :person
            """)
    int unname(String person);

    /**
     * A question kept as words names people only as {@code <@U…>}: each such mention of them goes.
     * (replace() finds the mention on both databases; PostgreSQL has no instr().)
     */
    @SqlUpdate("""
            UPDATE sdr_question SET question_text = replace(question_text, '<@' || :person || '>', '@someone')
            WHERE replace(question_text, '<@' || :person || '>', '') <> question_text
            """)
    int unmention(String person);

    @SqlUpdate("DELETE FROM sdr_question_event WHERE actor = :person OR subject = :person")
    int deleteEventsNaming(String person);

    @SqlUpdate("DELETE FROM sdr_question_skip WHERE user_id = :person")
    int deleteSkipsOfPerson(String person);

    @SqlUpdate("DELETE FROM sdr_rotation WHERE user_id = :person")
    int leaveRotation(String person);

    /** Questions still stored: their reply is redrawn and their thread gets notes. */
    @Override
    @SqlQuery("""
            SELECT question_key FROM sdr_question WHERE question_key IN (<keys>)
            UNION SELECT reply_key FROM sdr_question WHERE reply_key IN (<keys>)
            """)
    Set<String> anchorsInUse(@BindList("keys") Collection<String> keys);

    @Override
    default List<Count> forget(String person) {
        List<Long> asked = askedBy(person);
        int questions = asked.isEmpty() ? 0 : deleteQuestionsWithAll(asked);
        int held = unassign(person);
        int named = unname(person);
        int mentioned = unmention(person);
        int steps = deleteEventsNaming(person) + deleteSkipsOfPerson(person);
        return List.of(
                new Count(WORKFLOW + "questions they asked", questions),
                new Count(WORKFLOW + "questions they held, now without an owner", held),
                new Count(WORKFLOW + "questions they responded to, answered or escalated, without their name", named),
                new Count(WORKFLOW + "others' questions mentioning them, without the mention", mentioned),
                new Count(WORKFLOW + "steps of others' questions naming them", steps),
                new Count(WORKFLOW + "their turn in the rotation", leaveRotation(person)));
    }

    @Override
    default List<Count> purge(Instant before, int limit) {
        List<Long> ids = answeredBefore(before, limit);
        return ids.isEmpty()
                ? List.of()
                : List.of(new Count(WORKFLOW + "answered questions", deleteQuestionsWithAll(ids)));
    }

    default int deleteQuestionsWithAll(List<Long> ids) {
        deleteEventsOf(ids);
        deleteSkipsOf(ids);
        return deleteQuestions(ids);
    }
}
