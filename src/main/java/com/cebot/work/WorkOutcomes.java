package com.cebot.work;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What came of an attempt at a claimed row, written only by the process that holds its claim.
 * Apart from {@link WorkRepository} because each item finished attaches this anew, and JDBI builds
 * a handler for every method of a SqlObject on each attach.
 */
interface WorkOutcomes {

    @SqlUpdate("""
            UPDATE work SET status = 'done', done_at = :now, result = :result, last_error = NULL, uncertain = 0,
                            attempt_open = 0, lease_owner = NULL, lease_until = NULL
            WHERE id = :id AND lease_owner = :owner AND status = 'pending'
            """)
    int markDone(long id, String owner, String result, Instant now);

    @SqlUpdate("""
            UPDATE work SET due_at = :dueAt, last_error = :error, uncertain = :uncertain,
                            attempts = attempts + :counted, attempt_open = 0, lease_owner = NULL, lease_until = NULL
            WHERE id = :id AND lease_owner = :owner AND status = 'pending'
            """)
    int markRetry(long id, String owner, Instant dueAt, String error, boolean uncertain, int counted);

    @SqlUpdate("""
            UPDATE work SET status = 'failed', done_at = :now, last_error = :error, attempts = attempts + :counted,
                            attempt_open = 0, lease_owner = NULL, lease_until = NULL
            WHERE id = :id AND lease_owner = :owner AND status = 'pending'
            """)
    int markFailed(long id, String owner, String error, int counted, Instant now);

    /** Gives a claimed row back untouched (stopping before its turn came). */
    @SqlUpdate("""
            UPDATE work SET attempt_open = 0, lease_owner = NULL, lease_until = NULL
            WHERE id = :id AND lease_owner = :owner AND status = 'pending'
            """)
    int release(long id, String owner);
}
