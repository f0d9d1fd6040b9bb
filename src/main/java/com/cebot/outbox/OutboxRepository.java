package com.cebot.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(OutboxRow.class)
interface OutboxRepository {

    @SqlUpdate("""
            INSERT INTO outbox (message_key, anchor_key, method, args, topic, ref, next_attempt_at, created_at)
            VALUES (:key, :anchorKey, :method, :args, :topic, :ref, :now, :now)
            ON CONFLICT (message_key) DO NOTHING
            """)
    int insert(String key, String anchorKey, String method, String args, String topic, String ref, Instant now);

    /**
     * Due rows whose anchor has landed and that are first in line for their anchor, oldest first:
     * replies and updates to one card are applied in the order they happened.
     */
    @SqlQuery("""
            SELECT o.id, o.message_key, o.anchor_key, o.method, o.args, o.topic, o.ref, o.attempts,
                   o.maybe_sent, o.created_at, a.channel AS anchor_channel, a.ts AS anchor_ts
            FROM outbox o
            LEFT JOIN outbox a ON a.message_key = o.anchor_key
            WHERE o.status = 'pending'
              AND o.next_attempt_at <= :now
              AND (o.anchor_key IS NULL OR a.status = 'delivered')
              AND NOT EXISTS (SELECT 1 FROM outbox e
                              WHERE e.status = 'pending' AND e.anchor_key = o.anchor_key AND e.id < o.id)
            ORDER BY o.id
            LIMIT :limit
            """)
    List<OutboxRow> due(Instant now, int limit);

    @SqlQuery("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'")
    Optional<Instant> nextAttemptAt();

    /** Written before the call: if the process dies mid-call, the next attempt looks first. */
    @SqlUpdate("UPDATE outbox SET attempts = attempts + 1, maybe_sent = :maybeSent WHERE id = :id")
    void markAttempt(long id, boolean maybeSent);

    @SqlUpdate("""
            UPDATE outbox SET status = 'delivered', channel = :channel, ts = :ts, delivered_at = :now,
                              maybe_sent = 0, last_error = NULL
            WHERE id = :id AND status = 'pending'
            """)
    int markDelivered(long id, String channel, String ts, Instant now);

    @SqlUpdate("""
            UPDATE outbox SET next_attempt_at = :next, last_error = :error, maybe_sent = :maybeSent
            WHERE id = :id
            """)
    void markRetry(long id, Instant next, String error, boolean maybeSent);

    @SqlUpdate("UPDATE outbox SET status = 'failed', last_error = :error, maybe_sent = 0 WHERE id = :id")
    void markFailed(long id, String error);

    /** Rows waiting on an anchor that will never land would otherwise wait forever. */
    @SqlQuery("""
            SELECT o.id, o.message_key, o.anchor_key, o.method, o.args, o.topic, o.ref, o.attempts,
                   o.maybe_sent, o.created_at, a.channel AS anchor_channel, a.ts AS anchor_ts
            FROM outbox o JOIN outbox a ON a.message_key = o.anchor_key
            WHERE o.status = 'pending' AND a.status = 'failed'
            """)
    List<OutboxRow> orphans();

    @SqlQuery("SELECT status FROM outbox WHERE message_key = :key")
    Optional<String> status(String key);

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
    int pendingCount();
}
