package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.db.Database;
import com.cebot.db.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * V24 lets a request keep what was said about timing without a needed-by date. Requests stored
 * before it keep every column, their ids and their moves, and a date still needs its reason. (SQLite
 * rebuilds the table; PostgreSQL changes the CHECK in place, which RequestServiceTest's request
 * without a date meets on PostgreSQL.)
 */
final class TimingWithoutDateMigrationTest {

    @TempDir
    Path dir;

    private static final String INSERT = """
            INSERT INTO support_request (id, submission_key, customer_id, submitted_by, links, ask, why, if_not,
                                         needed_by, time_reason, anything_else, status, card_key, source_channel,
                                         source_ts, created_at, card_channel, card_ts)
            VALUES (%d, 'V%1$d', 1, 'U0CE', '[]', 'ask', 'why', 'if not', %s, %s, NULL, 'open', 'request-card:V%1$d',
                    NULL, NULL, '2026-11-20T10:00:00.000Z', NULL, NULL)
            """;

    @Test
    void requestsStoredBefore_keepTheirColumnsAndMoves_andTimingMayNowComeAlone() {
        String url = "jdbc:sqlite:" + dir.resolve("cebot.db");
        SQLiteDataSource old = new SQLiteDataSource();
        old.setUrl(url);
        Flyway.configure()
                .dataSource(old)
                .locations(Database.migrations(Store.Kind.SQLITE))
                .target("18")
                .load()
                .migrate();
        Jdbi before = Jdbi.create(old);
        before.useHandle(h -> {
            h.execute(
                    "INSERT INTO customer (id, name, name_key, created_at) VALUES (1, 'Acme', 'acme', '2026-11-20T10:00:00.000Z')");
            h.execute("""
                    INSERT INTO support_request (id, submission_key, customer_id, submitted_by, links, ask, why, if_not,
                                                 needed_by, time_reason, anything_else, status, card_key, source_channel,
                                                 source_ts, created_at, card_channel, card_ts)
                    VALUES (1, 'V1', 1, 'U0CE', '[]', 'ask', 'why', 'if not', '2026-12-01', 'Renewal', 'Jo', 'approved',
                            'request-card:V1', 'C1', '1.2', '2026-11-20T10:00:00.000Z', 'CSUPPORT', '1700000000.000100'),
                           (2, 'V2', 1, 'U0CE', '[]', 'ask 2', 'why 2', 'if not 2', NULL, NULL, NULL, 'open',
                            'request-card:V2', NULL, NULL, '2026-11-21T10:00:00.000Z', NULL, NULL)
                    """);
            h.execute("""
                    INSERT INTO request_event (request_id, status, actor, reason, at)
                    VALUES (1, 'open', 'U0CE', NULL, '2026-11-20T10:00:00.000Z'),
                           (1, 'approved', 'UHEAD', NULL, '2026-11-20T11:00:00.000Z'),
                           (2, 'open', 'U0CE', NULL, '2026-11-21T10:00:00.000Z')
                    """);
        });
        List<Map<String, Object>> rowsBefore = rows(before);

        Jdbi after = Database.open(url);

        List<String> moves =
                after.withHandle(h -> h.createQuery("SELECT request_id || ' ' || status FROM request_event ORDER BY id")
                        .mapTo(String.class)
                        .list());
        List<Map<String, Object>> orphans = after.withHandle(
                h -> h.createQuery("PRAGMA foreign_key_check").mapToMap().list());
        List<String> indexes =
                after.withHandle(h -> h.createQuery("""
                SELECT name FROM sqlite_master
                WHERE type = 'index' AND tbl_name = 'support_request' AND sql IS NOT NULL
                """).mapTo(String.class).list());
        assertThat(rows(after)).isEqualTo(rowsBefore);
        assertThat(moves).containsExactly("1 open", "1 approved", "2 open");
        assertThat(orphans).isEmpty();
        assertThat(indexes)
                .containsExactlyInAnyOrder(
                        "support_request_status", "support_request_created", "support_request_submitter");

        after.useHandle(h -> h.execute(INSERT.formatted(3, "NULL", "'No rush'")));
        assertThatThrownBy(() -> after.useHandle(h -> h.execute(INSERT.formatted(4, "'2026-12-01'", "NULL"))))
                .hasMessageContaining("CHECK");
        assertThatThrownBy(
                        () -> after.useHandle(
                                h -> h.execute(
                                        "INSERT INTO request_event (request_id, status, actor, at) VALUES (99, 'open', 'U0CE', '2026-11-21T10:00:00.000Z')")))
                .as("moves still point at a request")
                .hasMessageContaining("FOREIGN KEY");
    }

    private static List<Map<String, Object>> rows(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM support_request ORDER BY id")
                .mapToMap()
                .list());
    }
}
