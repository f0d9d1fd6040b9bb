package com.cebot.inbox;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(InboxItem.class)
interface InboxRepository {

    @SqlUpdate("""
            INSERT INTO inbox (delivery_key, kind, user_id, payload, next_attempt_at, received_at)
            VALUES (:deliveryKey, :kind, :userId, :payload, :now, :now)
            ON CONFLICT (delivery_key) DO NOTHING
            """)
    int insert(String deliveryKey, String kind, String userId, String payload, Instant now);

    @SqlQuery("""
            SELECT id, delivery_key, kind, user_id, payload, attempts, received_at FROM inbox
            WHERE status = 'pending' AND next_attempt_at <= :now
            ORDER BY id LIMIT :limit
            """)
    List<InboxItem> due(Instant now, int limit);

    /** Claims the row: only the transaction that flips it from pending processes it. */
    @SqlUpdate("UPDATE inbox SET status = 'done', done_at = :now WHERE id = :id AND status = 'pending'")
    int markDone(long id, Instant now);

    @SqlUpdate("UPDATE inbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next WHERE id = :id")
    void markRetry(long id, String error, Instant next);

    @SqlUpdate("UPDATE inbox SET status = 'failed', attempts = attempts + 1, last_error = :error WHERE id = :id")
    void markFailed(long id, String error);
}
