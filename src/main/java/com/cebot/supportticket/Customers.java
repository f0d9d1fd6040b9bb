package com.cebot.supportticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Customers already named, for suggestions and so that one customer keeps one row. */
@RegisterConstructorMapper(Customer.class)
public interface Customers {

    @SqlQuery("""
            SELECT id, name FROM customer
            WHERE name_key LIKE :pattern ESCAPE '!'
            ORDER BY CASE WHEN name_key LIKE :prefix ESCAPE '!' THEN 0 ELSE 1 END, name_key
            LIMIT :limit
            """)
    List<Customer> search(String pattern, String prefix, int limit);

    /** Names containing what was typed, those starting with it first. */
    default List<Customer> matching(String typed, int limit) {
        // '!' escapes LIKE's wildcards: JDBI's statement parser would eat a backslash.
        String escaped = Customer.key(typed).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return search("%" + escaped + "%", escaped + "%", limit);
    }

    @SqlQuery("SELECT id, name FROM customer WHERE id = :id")
    Optional<Customer> byId(long id);

    @SqlUpdate("""
            INSERT INTO customer (name, name_key, created_at) VALUES (:name, :key, :now)
            ON CONFLICT (name_key) DO NOTHING
            """)
    void insertIfAbsent(String name, String key, Instant now);

    @SqlQuery("SELECT id, name FROM customer WHERE name_key = :key")
    Optional<Customer> byKey(String key);

    /** The customer with this name, created the first time it is named. */
    @Transaction
    default Customer named(String name, Instant now) {
        String clean = name.strip().replaceAll("\\s+", " ");
        insertIfAbsent(clean, Customer.key(clean), now);
        return byKey(Customer.key(clean)).orElseThrow();
    }
}
