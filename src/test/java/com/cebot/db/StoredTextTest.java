package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What people type reaches the store whole, whichever store it is. */
final class StoredTextTest {

    @TempDir
    Path dir;

    @Test
    void aNulCharacter_isStored_asTheReplacementCharacterOnPostgresql_andAsTypedOnSqlite() {
        Jdbi jdbi = TestDatabase.open(dir);
        String typed = "Acme\0 Corp";

        jdbi.useHandle(h -> h.execute(
                "INSERT INTO customer (name, name_key, created_at) VALUES (?, ?, ?)",
                typed,
                "acme corp",
                "2026-12-06T12:00:00Z"));
        String stored = jdbi.withHandle(h -> h.createQuery("SELECT name FROM customer WHERE name_key = 'acme corp'")
                .mapTo(String.class)
                .one());

        assertThat(stored).isEqualTo(TestDatabase.postgresql() ? "Acme\uFFFD Corp" : typed);
    }
}
