package com.cebot.work;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code work} table's writes that add rows or take pending ones back, made in the caller's
 * transaction. Apart from {@link WorkRepository} because JDBI builds a handler, with its own copy
 * of the configuration, for every method of a SqlObject each time one is attached (about 6.5 µs a
 * method here): these are attached once for every shared transaction of forms, before their acks.
 */
interface WorkInserts {

    /**
     * Adds rows that are not there yet; a key already in the queue is left alone. A row's person is
     * its {@code forUser} when it names none, and it is due now when it names no time. @return 1 for
     * each row added, 0 for each key already there, in the order of {@code works}: a shared
     * transaction of forms is one prepared statement, where a statement each was most of what storing
     * them cost
     */
    @SqlBatch("""
            INSERT INTO work (queue, work_key, kind, ref, topic, payload, for_user, person, after_key, due_at, created_at)
            VALUES (:queue, :w.key, :w.kind, :w.ref, :w.topic, :w.payload, :w.forUser,
                    COALESCE(:w.person, :w.forUser), :w.afterKey, COALESCE(:w.dueAt, :now), :now)
            ON CONFLICT (queue, work_key) DO NOTHING
            """)
    int[] insert(String queue, @BindMethods("w") List<NewWork> works, Instant now);

    /** A row that is finished as it is added: something done elsewhere that other rows may wait on. */
    @SqlUpdate("""
            INSERT INTO work (queue, work_key, kind, status, result, due_at, created_at, done_at)
            VALUES (:queue, :key, :kind, 'done', :result, :now, :now, :now)
            ON CONFLICT (queue, work_key) DO NOTHING
            """)
    int insertDone(String queue, String key, String kind, String result, Instant now);

    @SqlUpdate("""
            UPDATE work SET status = 'cancelled', done_at = :now
            WHERE queue = :queue AND work_key = :key AND status = 'pending'
            """)
    int cancel(String queue, String key, Instant now);

    @SqlUpdate("""
            UPDATE work SET status = 'cancelled', done_at = :now
            WHERE queue = :queue AND kind = :kind AND ref = :ref AND status = 'pending'
            """)
    int cancelAll(String queue, String kind, String ref, Instant now);
}
