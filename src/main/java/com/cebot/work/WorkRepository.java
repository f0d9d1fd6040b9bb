package com.cebot.work;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The {@code work} table. Every write that finishes an attempt names the lease owner, so a process
 * whose lease ran out (and whose row another process took over) changes nothing.
 */
@RegisterConstructorMapper(WorkItem.class)
interface WorkRepository {

    /**
     * Claims up to {@code limit} due rows for {@code owner} until {@code until}, in one statement, so
     * two processes never claim one row. A row waiting on another is due once that one is finished
     * (done, failed or gone) and no earlier row waits on the same one. A row claimed before and never
     * finished (its process died mid-attempt) counts that attempt as failed and as uncertain.
     *
     * <p>People take turns: the claim takes everyone's first due row, then everyone's second, and so
     * on ({@code turn}), so a person with a hundred rows waiting holds another's single row back by
     * one row, not a hundred. Each person's rows keep their due order, and rows waiting on one anchor
     * are never due together. Only each person's first {@code limit} due rows can make the claim, so
     * those are all that is read (from the index on person and due time): a flood of one person's
     * rows costs a walk of that index, not a sort of every pending row.
     */
    @SqlQuery("""
            WITH people AS (SELECT DISTINCT person FROM work
                            WHERE queue = :queue AND status = 'pending' AND due_at <= :now),
                 next AS (SELECT n.id, n.person, n.due_at FROM people p JOIN work n ON n.id IN (
                              SELECT w.id FROM work w
                              LEFT JOIN work a ON a.queue = w.queue AND a.work_key = w.after_key
                              WHERE w.queue = :queue AND w.status = 'pending' AND w.person IS p.person
                                AND w.due_at <= :now
                                AND (w.lease_until IS NULL OR w.lease_until < :now)
                                AND w.kind IN (<kinds>)
                                AND (w.after_key IS NULL OR a.status IS NULL OR a.status <> 'pending')
                                AND NOT EXISTS (SELECT 1 FROM work e
                                                WHERE e.queue = w.queue AND e.after_key = w.after_key
                                                  AND e.status = 'pending' AND e.id < w.id)
                              ORDER BY w.due_at, w.id
                              LIMIT :limit))
            UPDATE work SET lease_owner = :owner, lease_until = :until,
                            attempts = attempts + attempt_open,
                            uncertain = CASE WHEN attempt_open = 1 THEN 1 ELSE uncertain END,
                            attempt_open = 1
            WHERE id IN (
                SELECT id FROM (SELECT id, due_at, ROW_NUMBER() OVER (PARTITION BY person ORDER BY due_at, id) AS turn
                                FROM next)
                ORDER BY turn, due_at, id
                LIMIT :limit)
            RETURNING id, queue, work_key AS key, kind, ref, topic, payload, for_user, person, after_key, attempts,
                      uncertain, last_error, due_at, created_at, NULL AS after_status, NULL AS after_result
            """)
    List<WorkItem> claim(
            String queue,
            @BindList("kinds") Collection<String> kinds,
            String owner,
            Instant now,
            Instant until,
            int limit);

    /**
     * {@link #claim} as PostgreSQL does it, at READ COMMITTED with processes claiming at once: the
     * rows read are locked ({@code FOR UPDATE SKIP LOCKED}), so a second claimer passes over them
     * instead of waiting; a row another claimer took since this statement began is read again as it
     * is now (leased, the last line of the WHERE) and left. The same rows in the same turns, leases
     * and anchor order.
     */
    @SqlQuery("""
            WITH people AS (SELECT DISTINCT person FROM work
                            WHERE queue = :queue AND status = 'pending' AND due_at <= :now),
                 next AS (SELECT n.id, n.person, n.due_at FROM people p CROSS JOIN LATERAL (
                              SELECT w.id, w.person, w.due_at FROM work w
                              WHERE w.queue = :queue AND w.status = 'pending'
                                AND (w.person = p.person OR (w.person IS NULL AND p.person IS NULL))
                                AND w.due_at <= :now
                                AND (w.lease_until IS NULL OR w.lease_until < :now)
                                AND w.kind IN (<kinds>)
                                AND (w.after_key IS NULL OR NOT EXISTS (SELECT 1 FROM work a
                                                                        WHERE a.queue = w.queue AND a.work_key = w.after_key
                                                                          AND a.status = 'pending'))
                                AND NOT EXISTS (SELECT 1 FROM work e
                                                WHERE e.queue = w.queue AND e.after_key = w.after_key
                                                  AND e.status = 'pending' AND e.id < w.id)
                              ORDER BY w.due_at, w.id
                              LIMIT :limit
                              FOR UPDATE OF w SKIP LOCKED) n)
            UPDATE work SET lease_owner = :owner, lease_until = :until,
                            attempts = attempts + attempt_open,
                            uncertain = CASE WHEN attempt_open = 1 THEN 1 ELSE uncertain END,
                            attempt_open = 1
            WHERE id IN (
                SELECT id FROM (SELECT id, due_at, ROW_NUMBER() OVER (PARTITION BY person ORDER BY due_at, id) AS turn
                                FROM next) turns
                ORDER BY turn, due_at, id
                LIMIT :limit)
              AND status = 'pending' AND (lease_until IS NULL OR lease_until < :now)
            RETURNING id, queue, work_key AS key, kind, ref, topic, payload, for_user, person, after_key, attempts,
                      uncertain, last_error, due_at, created_at, NULL AS after_status, NULL AS after_result
            """)
    List<WorkItem> claimSkipLocked(
            String queue,
            @BindList("kinds") Collection<String> kinds,
            String owner,
            Instant now,
            Instant until,
            int limit);

    /** Where the rows some claimed rows wait for stand, and what came of them. */
    @SqlQuery("""
            SELECT work_key, status, result FROM work WHERE queue = :queue AND work_key IN (<keys>)
            """)
    @RegisterConstructorMapper(Awaited.class)
    List<Awaited> awaited(String queue, @BindList("keys") Collection<String> keys);

    record Awaited(String workKey, String status, String result) {}

    /**
     * Whether a row may be due, read before a claim. A poll mostly finds nothing, and the claim's
     * write transaction costs some forty times this read (1.7 ms against 0.04 ms of CPU each).
     */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM work WHERE queue = :queue AND status = 'pending' AND due_at <= :now
                                                AND (lease_until IS NULL OR lease_until < :now))
            """)
    boolean anyDue(String queue, Instant now);

    /** Kinds with due rows, so that rows nobody handles are noticed. */
    @SqlQuery("SELECT DISTINCT kind FROM work WHERE queue = :queue AND status = 'pending' AND due_at <= :now")
    List<String> dueKinds(String queue, Instant now);

    /** Extends the claim on rows still held by {@code owner}; returns their ids. */
    @SqlQuery("""
            UPDATE work SET lease_until = :until
            WHERE id IN (<ids>) AND lease_owner = :owner AND status = 'pending'
            RETURNING id
            """)
    List<Long> renew(@BindList("ids") Collection<Long> ids, String owner, Instant until);

    @SqlQuery("SELECT status FROM work WHERE queue = :queue AND work_key = :key")
    Optional<String> status(String queue, String key);
}
