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

    /** The outbox rows as stored, oldest first, for asserting what would be sent. */
    public static List<Map<String, Object>> outbox(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM outbox ORDER BY id").mapToMap().list());
    }
}
