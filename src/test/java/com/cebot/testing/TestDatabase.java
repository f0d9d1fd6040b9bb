package com.cebot.testing;

import com.cebot.db.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** A real, migrated SQLite file, opened by the production factory. */
public final class TestDatabase {

    private TestDatabase() {}

    public static Jdbi open(Path dir) {
        return Database.open("jdbc:sqlite:" + dir.resolve("cebot.db"));
    }

    /**
     * The outbox's rows as stored, oldest first, for asserting what would be sent: {@code message_key},
     * {@code anchor_key} (the message it waits for), {@code method}, {@code args} (JSON), {@code status}.
     */
    public static List<Map<String, Object>> outbox(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT work_key AS message_key, after_key AS anchor_key, kind AS method, payload AS args, status, ref,
                       topic, for_user
                FROM work WHERE queue = 'outbox' ORDER BY id
                """).mapToMap().list());
    }
}
