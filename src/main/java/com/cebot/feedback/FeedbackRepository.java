package com.cebot.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Gaps, their submissions and what happened to them. */
@RegisterConstructorMapper(Gap.class)
@RegisterConstructorMapper(Submission.class)
@RegisterConstructorMapper(FeedbackRepository.Sharer.class)
interface FeedbackRepository {

    /**
     * A gap with how many customers want it, and how many of them it hits hardest at each severity
     * (a customer named twice counts once, at their worse severity); each query adds WHERE,
     * GROUP BY g.id and ORDER BY.
     */
    String GAP = """
            SELECT g.id, g.title, g.category, g.status, g.merged_into, g.record_link, g.version, g.card_key,
                   g.card_channel, g.card_ts, g.created_at,
                   (SELECT COUNT(DISTINCT s.customer_id) FROM feedback_submission s WHERE s.gap_id = g.id) AS customers,
                   (SELECT COUNT(DISTINCT s.customer_id) FROM feedback_submission s
                    WHERE s.gap_id = g.id AND s.severity = 'blocker') AS blockers,
                   (SELECT COUNT(DISTINCT s.customer_id) FROM feedback_submission s
                    WHERE s.gap_id = g.id AND s.severity = 'major' AND NOT EXISTS (
                        SELECT 1 FROM feedback_submission w WHERE w.gap_id = g.id AND w.customer_id = s.customer_id
                          AND w.severity = 'blocker')) AS majors,
                   (SELECT COUNT(DISTINCT s.customer_id) FROM feedback_submission s
                    WHERE s.gap_id = g.id AND s.severity = 'minor' AND NOT EXISTS (
                        SELECT 1 FROM feedback_submission w WHERE w.gap_id = g.id AND w.customer_id = s.customer_id
                          AND w.severity IN ('blocker', 'major'))) AS minors
            FROM feedback_gap g
            """;

    String SUBMISSION = """
            SELECT s.id, s.share_key, s.gap_id, s.customer_id, c.name AS customer_name, s.shared_by, s.anonymous,
                   s.need, s.severity, s.blocks, s.workaround, s.link, s.created_at
            FROM feedback_submission s
            JOIN customer c ON c.id = s.customer_id
            """;

    /** Someone who shared to a gap, with the customers they asked for, first shared first. */
    record Sharer(String userId, String customers) {

        List<String> customerNames() {
            return List.of(customers.split("\n"));
        }
    }

    @SqlQuery("""
            INSERT INTO feedback_gap (title, title_key, category, card_key, created_at)
            VALUES (:title, :titleKey, :category, :cardKey, :now)
            RETURNING id
            """)
    long insertGap(String title, String titleKey, String category, String cardKey, Instant now);

    @SqlUpdate("""
            INSERT INTO feedback_submission (share_key, gap_id, customer_id, shared_by, anonymous, need, severity,
                                             blocks, workaround, link, source_channel, source_ts, created_at)
            VALUES (:shareKey, :gapId, :customerId, :sharedBy, :anonymous, :need, :severity, :blocks, :workaround,
                    :link, :sourceChannel, :sourceTs, :now)
            ON CONFLICT (share_key, customer_id) DO NOTHING
            """)
    void insertSubmission(
            String shareKey,
            long gapId,
            long customerId,
            String sharedBy,
            boolean anonymous,
            String need,
            String severity,
            String blocks,
            String workaround,
            String link,
            String sourceChannel,
            String sourceTs,
            Instant now);

    @SqlQuery("""
            INSERT INTO feedback_gap_event (gap_id, action, status, previous, note, other_gap, actor, at)
            VALUES (:gapId, :action, :status, :previous, :note, :otherGap, :actor, :now)
            RETURNING id
            """)
    long insertEvent(
            long gapId,
            String action,
            String status,
            String previous,
            String note,
            Long otherGap,
            String actor,
            Instant now);

    /** Every change to a gap counts, so each redraw of its card has a key of its own. */
    @SqlQuery("UPDATE feedback_gap SET version = version + 1 WHERE id = :id RETURNING version")
    int bumpVersion(long id);

    @SqlUpdate("UPDATE feedback_gap SET card_channel = :channel, card_ts = :ts WHERE id = :id")
    void cardPosted(long id, String channel, String ts);

    /** Only a gap still at {@code expected} and not merged changes: the first of two presses wins. */
    @SqlUpdate("""
            UPDATE feedback_gap SET status = :status
            WHERE id = :id AND status = :expected AND merged_into IS NULL
            """)
    int setStatus(long id, String expected, String status);

    @SqlUpdate("UPDATE feedback_gap SET merged_into = :target WHERE id = :id AND merged_into IS NULL")
    int markMerged(long id, long target);

    @SqlUpdate("UPDATE feedback_submission SET gap_id = :target WHERE gap_id = :source")
    int moveSubmissions(long source, long target);

    @SqlUpdate("UPDATE feedback_gap SET record_link = :link WHERE id = :id")
    void setRecordLink(long id, String link);

    @SqlQuery(GAP + " WHERE g.id = :id GROUP BY g.id")
    Optional<Gap> gap(long id);

    /** Gaps whose title holds {@code pattern}, for the typeahead to rank; merged ones never. */
    @SqlQuery(GAP + """
             WHERE g.merged_into IS NULL AND g.title_key LIKE :pattern ESCAPE '!' AND g.id <> :excluding
               AND (:closedToo = 1 OR g.status NOT IN ('resolved', 'wont_do'))
            GROUP BY g.id
            ORDER BY customers DESC, g.id DESC
            LIMIT :limit
            """)
    List<Gap> titled(String pattern, long excluding, boolean closedToo, int limit);

    /** The customers who want a gap, in the order they were first named. */
    @SqlQuery("""
            SELECT c.name FROM feedback_submission s JOIN customer c ON c.id = s.customer_id
            WHERE s.gap_id = :gapId
            GROUP BY c.id
            ORDER BY MIN(s.id)
            LIMIT :limit
            """)
    List<String> customerNames(long gapId, int limit);

    @SqlQuery(SUBMISSION + " WHERE s.gap_id = :gapId ORDER BY s.id DESC LIMIT 1")
    Optional<Submission> latest(long gapId);

    @SqlQuery(SUBMISSION + " WHERE s.share_key = :shareKey ORDER BY s.id")
    List<Submission> share(String shareKey);

    /** Each sharer's customers of a gap, once each: sharers in the order they first shared, customers too. */
    @SqlQuery("""
            SELECT s.shared_by, c.name AS customer
            FROM (SELECT shared_by, customer_id, MIN(id) AS first FROM feedback_submission
                  WHERE gap_id = :gapId GROUP BY shared_by, customer_id) s
            JOIN customer c ON c.id = s.customer_id
            ORDER BY MIN(s.first) OVER (PARTITION BY s.shared_by), s.first
            """)
    @RegisterConstructorMapper(SharedCustomer.class)
    List<SharedCustomer> sharedCustomers(long gapId);

    record SharedCustomer(String sharedBy, String customer) {}

    /** Who shared to a gap: their Home lists it. */
    @SqlQuery("SELECT DISTINCT shared_by FROM feedback_submission WHERE gap_id = :gapId AND shared_by IS NOT NULL")
    List<String> sharedBy(long gapId);

    /** Who shared to a gap, each once, with the customers they asked for (one per line). */
    default List<Sharer> sharers(long gapId) {
        Map<String, List<String>> customers = new LinkedHashMap<>();
        for (SharedCustomer row : sharedCustomers(gapId)) {
            customers.computeIfAbsent(row.sharedBy(), k -> new ArrayList<>()).add(row.customer());
        }
        return customers.entrySet().stream()
                .map(e -> new Sharer(e.getKey(), String.join("\n", e.getValue())))
                .toList();
    }

    /** Submissions from {@code since} on, oldest first, for export. */
    @SqlQuery(SUBMISSION + " WHERE s.created_at >= :since ORDER BY s.created_at, s.id")
    List<Submission> since(Instant since);

    @SqlQuery(GAP + " WHERE g.id IN (<ids>) GROUP BY g.id")
    List<Gap> gaps(@BindList("ids") List<Long> ids);
}
