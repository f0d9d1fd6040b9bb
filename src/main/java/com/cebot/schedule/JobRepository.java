package com.cebot.schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Job.class)
interface JobRepository {

    @SqlUpdate("""
            INSERT INTO job (job_key, kind, ref, due_at, created_at)
            VALUES (:key, :kind, :ref, :dueAt, :now)
            ON CONFLICT (job_key) DO NOTHING
            """)
    int insert(String key, String kind, String ref, Instant dueAt, Instant now);

    @SqlUpdate("""
            UPDATE job SET status = 'cancelled', done_at = :now
            WHERE job_key = :key AND status = 'pending'
            """)
    int cancel(String key, Instant now);

    @SqlUpdate("""
            UPDATE job SET status = 'cancelled', done_at = :now
            WHERE kind = :kind AND ref = :ref AND status = 'pending'
            """)
    int cancelAll(String kind, String ref, Instant now);

    /** Kinds with due jobs, so that kinds nobody handles are noticed and never crowd out the rest. */
    @SqlQuery("SELECT DISTINCT kind FROM job WHERE status = 'pending' AND due_at <= :now")
    List<String> dueKinds(Instant now);

    @SqlQuery("""
            SELECT id FROM job
            WHERE status = 'pending' AND due_at <= :now AND kind IN (<kinds>)
            ORDER BY due_at, id
            LIMIT :limit
            """)
    List<Long> due(Instant now, @BindList("kinds") Collection<String> kinds, int limit);

    /**
     * Marks a due job done and returns it as it is now. Only one caller can win this update; the
     * loser gets nothing. The due_at check keeps a job that another runner has just pushed back
     * (after a failure) from running before its backoff is over.
     */
    @SqlQuery("""
            UPDATE job SET status = 'done', done_at = :now
            WHERE id = :id AND status = 'pending' AND due_at <= :now
            RETURNING id, job_key AS key, kind, ref, due_at, attempts
            """)
    Optional<Job> claim(long id, Instant now);

    @SqlUpdate("""
            UPDATE job SET attempts = attempts + 1, last_error = :error, due_at = :retryAt
            WHERE id = :id AND status = 'pending'
            """)
    int retryLater(long id, Instant retryAt, String error);

    @SqlUpdate("""
            UPDATE job SET attempts = attempts + 1, last_error = :error, status = 'cancelled', done_at = :now
            WHERE id = :id AND status = 'pending'
            """)
    int giveUp(long id, String error, Instant now);
}
