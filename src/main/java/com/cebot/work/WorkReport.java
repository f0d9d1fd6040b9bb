package com.cebot.work;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What an operator sees of the durable work ({@code status}) and how they re-drive what failed
 * ({@code retry-failed}). Reads the store only, except {@link #retryFailed}, which touches failed rows
 * and nothing else.
 */
public final class WorkReport {

    /** Rows of a queue in one status; {@code claimed} are being worked on now. */
    public record Depth(String queue, String status, int rows, int claimed, Instant nextDue) {}

    /** A row that failed for good. */
    public record FailedRow(
            long id,
            String queue,
            String workKey,
            String kind,
            String forUser,
            int attempts,
            String lastError,
            Instant doneAt) {}

    /** A job still to run. */
    public record Upcoming(String workKey, String kind, Instant dueAt) {}

    /**
     * Reads of the unfinished or failed rows name every queue the schema allows, so they walk the
     * index on queue and status, never the rows already done.
     */
    @RegisterConstructorMapper(Depth.class)
    @RegisterConstructorMapper(FailedRow.class)
    @RegisterConstructorMapper(Upcoming.class)
    interface Queries {
        @SqlQuery("""
                SELECT queue, status, COUNT(*) AS rows,
                       SUM(CASE WHEN lease_owner IS NOT NULL AND lease_until >= :now THEN 1 ELSE 0 END) AS claimed,
                       MIN(CASE WHEN status = 'pending' THEN due_at END) AS next_due
                FROM work WHERE queue IN ('inbox', 'outbox', 'job') AND status IN ('pending', 'failed')
                GROUP BY queue, status ORDER BY queue, status
                """)
        List<Depth> depths(Instant now);

        @SqlQuery("""
                SELECT id, queue, work_key, kind, for_user, attempts, last_error, done_at FROM work
                WHERE queue IN ('inbox', 'outbox', 'job') AND status = 'failed'
                ORDER BY done_at DESC, id DESC LIMIT :limit
                """)
        List<FailedRow> failed(int limit);

        @SqlQuery("""
                SELECT work_key, kind, due_at FROM work
                WHERE queue = 'job' AND status = 'pending' ORDER BY due_at, id LIMIT :limit
                """)
        List<Upcoming> upcoming(int limit);

        /**
         * Puts failed rows back, with their attempts reset, and keeps {@code uncertain}: a write whose
         * fate was unknown is looked for before it is made again, so nothing is posted twice.
         */
        @SqlUpdate("""
                UPDATE work SET status = 'pending', due_at = :now, attempts = 0, done_at = NULL,
                                attempt_open = 0, lease_owner = NULL, lease_until = NULL
                WHERE queue IN ('inbox', 'outbox', 'job') AND status = 'failed'
                """)
        int retryAll(Instant now);

        /**
         * The row, and rows that failed because they waited for it (replies to a card that failed).
         * Both are found by id, so both stores look them up: PostgreSQL read every failed row to test
         * an OR of the id and a subquery.
         */
        @SqlUpdate("""
                UPDATE work SET status = 'pending', due_at = :now, attempts = 0, done_at = NULL,
                                attempt_open = 0, lease_owner = NULL, lease_until = NULL
                WHERE status = 'failed'
                  AND id IN (SELECT :id
                             UNION ALL
                             SELECT f.id FROM work w JOIN work f ON f.queue = w.queue AND f.after_key = w.work_key
                             WHERE w.id = :id)
                """)
        int retryOne(long id, Instant now);

        @SqlQuery("SELECT status FROM work WHERE id = :id")
        java.util.Optional<String> statusOf(long id);
    }

    private final Jdbi jdbi;

    public WorkReport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Depth> depths(Instant now) {
        return jdbi.withExtension(Queries.class, q -> q.depths(now));
    }

    public List<FailedRow> failed(int limit) {
        return jdbi.withExtension(Queries.class, q -> q.failed(limit));
    }

    public List<Upcoming> upcoming(int limit) {
        return jdbi.withExtension(Queries.class, q -> q.upcoming(limit));
    }

    /** What {@code retry-failed} did. */
    public sealed interface Retried {
        record Requeued(int rows) implements Retried {}

        record NoSuchRow(long id) implements Retried {}

        record NotFailed(long id, String status) implements Retried {}
    }

    public Retried retryFailed(OptionalLong id, Instant now) {
        return jdbi.inTransaction(h -> {
            Queries q = h.attach(Queries.class);
            if (id.isEmpty()) {
                return new Retried.Requeued(q.retryAll(now));
            }
            var status = q.statusOf(id.getAsLong());
            if (status.isEmpty()) {
                return new Retried.NoSuchRow(id.getAsLong());
            }
            if (!"failed".equals(status.get())) {
                return new Retried.NotFailed(id.getAsLong(), status.get());
            }
            return new Retried.Requeued(q.retryOne(id.getAsLong(), now));
        });
    }
}
