package com.cebot.db;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Remembers payloads already handled. Slack delivers at least once (retries after a slow ack,
 * overlapping sockets during a refresh), so every effect is keyed on what Slack sent.
 */
public interface Deliveries {

    /** @return true the first time a key is seen; false for a repeat delivery. */
    default boolean firstTime(String key, Instant now) {
        return insertIfAbsent(key, now) == 1;
    }

    @org.jdbi.v3.sqlobject.statement.SqlQuery("SELECT COUNT(*) > 0 FROM delivery WHERE delivery_key = :key")
    boolean seen(String key);

    @SqlUpdate("""
            INSERT INTO delivery (delivery_key, seen_at) VALUES (:key, :now)
            ON CONFLICT (delivery_key) DO NOTHING
            """)
    int insertIfAbsent(String key, Instant now);

    /** Slack's last retry comes minutes after the first try; a day of memory is ample. */
    @SqlUpdate("DELETE FROM delivery WHERE seen_at < :before")
    int forgetBefore(Instant before);
}
