package com.cebot.work;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * How much work waits in each queue, for the operators' metrics: one read of the unfinished and
 * failed rows through the index on queue, status and due time, so it costs what waits, never the
 * rows already done.
 */
public final class QueueLevels {

    /**
     * One queue's rows now. {@code claimed} are pending rows a process is working on; {@code oldestDue}
     * is when the longest-waiting due row became due (a retry is due at its next attempt), null when
     * none is due.
     */
    public record Level(String queue, int pending, int claimed, int failed, Instant oldestDue) {

        static Level empty(String queue) {
            return new Level(queue, 0, 0, 0, null);
        }
    }

    @RegisterConstructorMapper(Level.class)
    interface Queries {
        @SqlQuery("""
                SELECT queue,
                       SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
                       SUM(CASE WHEN status = 'pending' AND lease_owner IS NOT NULL AND lease_until >= :now
                                THEN 1 ELSE 0 END) AS claimed,
                       SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
                       MIN(CASE WHEN status = 'pending' AND due_at <= :now THEN due_at END) AS oldest_due
                FROM work WHERE queue IN (<queues>) AND status IN ('pending', 'failed')
                GROUP BY queue
                """)
        List<Level> levels(@BindList("queues") List<String> queues, Instant now);
    }

    private final Jdbi jdbi;
    private final List<String> queues;

    /** @param queues the queues to read, by name */
    public QueueLevels(Jdbi jdbi, List<String> queues) {
        this.jdbi = jdbi;
        this.queues = List.copyOf(queues);
    }

    public List<String> queues() {
        return queues;
    }

    /** Every queue asked for, in that order; a queue with no rows waiting or failed reads as empty. */
    public List<Level> read(Instant now) {
        List<Level> found = jdbi.withExtension(Queries.class, q -> q.levels(queues, now));
        return queues.stream()
                .map(name -> found.stream()
                        .filter(l -> l.queue().equals(name))
                        .findFirst()
                        .orElse(Level.empty(name)))
                .toList();
    }
}
