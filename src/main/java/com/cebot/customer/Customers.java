package com.cebot.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Customers already named, for suggestions and so that one customer keeps one row. */
@RegisterConstructorMapper(Customer.class)
public interface Customers {

    /**
     * Sorts after every key that starts with the text before it: the greatest code point. Keys
     * compare as UTF-8 bytes, which order as code points do.
     */
    String AFTER_ALL = Character.toString(Character.MAX_CODE_POINT);

    /** Names whose key lies in [from, to): those starting with a text, read from the index on name_key. */
    @SqlQuery("""
            SELECT id, name FROM customer
            WHERE name_key >= :from AND name_key < :to
            ORDER BY name_key
            LIMIT :limit
            """)
    List<Customer> keyBetween(String from, String to, int limit);

    /** Names with a later word starting with a text, read from customer_word's key. */
    @SqlQuery("""
            SELECT c.id, c.name FROM customer_word w JOIN customer c ON c.id = w.customer_id
            WHERE w.tail >= :from AND w.tail < :to
            ORDER BY w.tail, w.customer_id
            LIMIT :limit
            """)
    List<Customer> laterWordBetween(String from, String to, int limit);

    /**
     * At most {@code limit} customers whose name starts with what was typed (case and spacing
     * folded), then those with a later word starting with it. Both are ranges of an index, so a
     * keystroke reads only what it shows, however many customers there are; what was typed is
     * compared as it is, with no wildcards.
     */
    default List<Customer> matching(String typed, int limit) {
        String from = Customer.key(typed);
        String to = from + AFTER_ALL;
        Map<Long, Customer> found = new LinkedHashMap<>();
        keyBetween(from, to, limit).forEach(c -> found.put(c.id(), c));
        if (found.size() < limit) {
            // One name can have two later words that match ("acme acme"): read enough to fill up.
            for (Customer c : laterWordBetween(from, to, limit)) {
                if (found.size() < limit) {
                    found.putIfAbsent(c.id(), c);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    @SqlQuery("SELECT id, name FROM customer WHERE id = :id")
    Optional<Customer> byId(long id);

    @SqlUpdate("""
            INSERT INTO customer (name, name_key, created_at) VALUES (:name, :key, :now)
            ON CONFLICT (name_key) DO NOTHING
            """)
    int insertIfAbsent(String name, String key, Instant now);

    @SqlUpdate("INSERT INTO customer_word (tail, customer_id) VALUES (:tail, :customerId) ON CONFLICT DO NOTHING")
    void insertWord(String tail, long customerId);

    @SqlQuery("SELECT id, name FROM customer WHERE name_key = :key")
    Optional<Customer> byKey(String key);

    /** The customer picked in a form: one on record, or a new name, created the first time it is named. */
    default Customer resolve(CustomerChoice choice, Instant now) {
        if (choice instanceof CustomerChoice.Known k) {
            return byId(k.id()).orElseThrow(() -> new IllegalStateException("No customer " + k.id()));
        }
        return named(((CustomerChoice.New) choice).name(), now);
    }

    /** The customer with this name, created (and made findable by each word) the first time it is named. */
    @Transaction
    default Customer named(String name, Instant now) {
        String clean = name.strip().replaceAll("\\s+", " ");
        String key = Customer.key(clean);
        boolean added = insertIfAbsent(clean, key, now) == 1;
        Customer customer = byKey(key).orElseThrow();
        if (added) {
            Customer.laterWords(key).forEach(tail -> insertWord(tail, customer.id()));
        }
        return customer;
    }
}
