package com.cebot.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
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

    @SqlQuery("SELECT COUNT(*) > 0 FROM delivery WHERE delivery_key = :key")
    boolean seen(String key);

    @SqlUpdate("""
            INSERT INTO delivery (delivery_key, seen_at) VALUES (:key, :now)
            ON CONFLICT (delivery_key) DO NOTHING
            """)
    int insertIfAbsent(String key, Instant now);

    /**
     * Records keys handled meanwhile, in one statement: at 200 events a second, a statement (and a
     * SqlObject attached) for each cost more CPU than handling the events themselves.
     */
    @SqlBatch("""
            INSERT INTO delivery (delivery_key, seen_at) VALUES (:key, :now)
            ON CONFLICT (delivery_key) DO NOTHING
            """)
    void insertAllIfAbsent(@Bind("key") List<String> keys, Instant now);

    /** Slack's last retry comes minutes after the first try; a day of memory is ample. */
    @SqlUpdate("DELETE FROM delivery WHERE seen_at < :before")
    int forgetBefore(Instant before);

    @SqlQuery("SELECT delivery_key FROM delivery WHERE replace(delivery_key, :person, '') <> delivery_key")
    List<String> keysMentioning(String person);

    @SqlUpdate("DELETE FROM delivery WHERE delivery_key IN (<keys>)")
    int forgetKeys(@BindList("keys") Collection<String> keys);

    /** Keys naming a person (a click is keyed by who clicked); a day's memory of them is all this costs. */
    default int forget(String person) {
        List<String> keys = keysMentioning(person).stream()
                .filter(k -> PersonText.names(k, person))
                .toList();
        return keys.isEmpty() ? 0 : forgetKeys(keys);
    }
}
