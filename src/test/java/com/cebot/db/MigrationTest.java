package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** A database written by the previous version is brought up to date without losing a row. */
final class MigrationTest {

    @TempDir
    Path dir;

    private static final String[] SQLITE = Database.migrations(Store.Kind.SQLITE);

    /**
     * The versions of a database's migrations (db/migration/common and its own folder), oldest
     * first, as Flyway writes them ("16.1" for V16_1__).
     */
    private static List<MigrationVersion> versions(String folder) throws IOException {
        List<MigrationVersion> versions = new ArrayList<>();
        for (String in : List.of("common", folder)) {
            try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration", in))) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.matches("V\\d+(_\\d+)*__.*\\.sql"))
                        .map(n -> MigrationVersion.fromVersion(n.substring(1, n.indexOf("__"))))
                        .forEach(versions::add);
            }
        }
        return versions.stream().sorted().toList();
    }

    private static List<MigrationVersion> versions() throws IOException {
        return versions("sqlite");
    }

    /** The same versions for both databases, so SCHEMA_VERSION and MIGRATIONS_COUNT hold for each. */
    @Test
    void bothDatabases_haveTheSameVersions() throws IOException {
        assertThat(versions("postgresql")).isEqualTo(versions("sqlite"));
    }

    /**
     * Existing SQLite databases recorded their migrations when all lay in db/migration: moved into
     * folders, the files keep their names and checksums, so a database made from the old layout,
     * at the last release's V13, opens and is brought up to date.
     */
    @Test
    void aDatabaseMadeFromTheOldLayout_isBroughtUpToDate() throws IOException {
        Path flat = Files.createDirectories(dir.resolve("flat"));
        for (String in : List.of("common", "sqlite")) {
            try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration", in))) {
                for (Path f : files.toList()) {
                    Files.copy(f, flat.resolve(f.getFileName()));
                }
            }
        }
        String url = "jdbc:sqlite:" + dir.resolve("cebot.db");
        SQLiteDataSource old = new SQLiteDataSource();
        old.setUrl(url);
        Flyway.configure()
                .dataSource(old)
                .locations("filesystem:" + flat)
                .target("13")
                .load()
                .migrate();

        Database.open(url);

        assertThat(Flyway.configure()
                        .dataSource(old)
                        .locations(SQLITE)
                        .load()
                        .validateWithResult()
                        .validationSuccessful)
                .as("the applied migrations match the files where they lie now")
                .isTrue();
        assertThat(Database.inspect(url)).isInstanceOf(Database.State.Current.class);
    }

    @Test
    void schemaVersion_isTheNewestMigration() throws IOException {
        List<MigrationVersion> versions = versions();

        assertThat(Database.SCHEMA_VERSION)
                .as("Database.SCHEMA_VERSION, after adding a migration")
                .isEqualTo(versions.get(versions.size() - 1).getVersion());
        assertThat(Database.MIGRATIONS_COUNT)
                .as("Database.MIGRATIONS_COUNT, after adding a migration")
                .isEqualTo(versions.size());
    }

    /**
     * A database at the newest migration opens without Flyway: a changed checksum, which Flyway's
     * check of the applied migrations refuses, goes unread.
     */
    @Test
    void aCurrentDatabase_opensWithoutFlyway() {
        String url = "jdbc:sqlite:" + dir.resolve("cebot.db");
        Database.open(url).useHandle(h -> h.execute("UPDATE flyway_schema_history SET checksum = checksum + 1"));

        SQLiteDataSource file = new SQLiteDataSource();
        file.setUrl(url);
        boolean flywayWouldOpenIt =
                Flyway.configure().dataSource(file).locations(SQLITE).load().validateWithResult().validationSuccessful;

        Database.open(url);

        assertThat(flywayWouldOpenIt).as("Flyway refuses the changed checksums").isFalse();
    }

    /** A database one migration behind is not taken for a current one, which opens without Flyway. */
    @Test
    void aDatabaseOneMigrationBehind_isBroughtUpToDate() throws IOException {
        String url = "jdbc:sqlite:" + dir.resolve("cebot.db");
        SQLiteDataSource old = new SQLiteDataSource();
        old.setUrl(url);
        List<MigrationVersion> versions = versions();
        Flyway.configure()
                .dataSource(old)
                .locations(SQLITE)
                .target(versions.get(versions.size() - 2).getVersion())
                .load()
                .migrate();
        Database.open(url);
        Database.open(url);
        assertThat(Database.inspect(url)).isInstanceOf(Database.State.Current.class);
    }

    @Test
    void inboxOutboxAndJobs_moveToTheWorkTable_cardsKeepTheirLocations_andTimesGetOneWidth() {
        String url = "jdbc:sqlite:" + dir.resolve("cebot.db");
        SQLiteDataSource old = new SQLiteDataSource();
        old.setUrl(url);
        Flyway.configure().dataSource(old).locations(SQLITE).target("5").load().migrate();
        Jdbi before = Jdbi.create(old);
        before.useHandle(h -> {
            h.execute(
                    "INSERT INTO customer (id, name, name_key, created_at) VALUES (1, 'Acme', 'acme', '2026-11-20T10:00:00Z')");
            h.execute(
                    "INSERT INTO context_card (id, customer_id, card_key, created_at) VALUES (1, 1, 'context-card:V1', '2026-11-20T10:00:00.5Z')");
            h.execute(
                    "INSERT INTO context_card (id, customer_id, card_key, created_at) VALUES (2, 1, 'context-card:V2', '2026-11-20T10:00:01.123456Z')");
            h.execute("INSERT INTO ticket_card (ticket_key, card_id) VALUES ('zendesk:1', 1), ('zendesk:2', 2)");
            h.execute("""
                    INSERT INTO outbox (message_key, anchor_key, method, args, topic, ref, status, attempts, maybe_sent,
                                        next_attempt_at, channel, ts, created_at, delivered_at)
                    VALUES ('context-card:V1', NULL, 'chat.postMessage', '{"text":"card","channel":"C1"}', 'context.card', '1',
                            'delivered', 1, 0, '2026-11-20T10:00:00Z', 'C1', '1700000000.000100', '2026-11-20T10:00:00Z',
                            '2026-11-20T10:00:01Z'),
                           ('context-card:V2', NULL, 'chat.postMessage', '{"text":"card","channel":"C1"}', 'context.card', '2',
                            'failed', 1, 0, '2026-11-20T10:00:00Z', NULL, NULL, '2026-11-20T10:00:00Z', NULL),
                           ('context-card:V1:note', 'context-card:V1', 'chat.postMessage', '{"text":"n","thread":true}',
                            NULL, NULL, 'pending', 2, 1, '2026-11-20T10:00:05.5Z', NULL, NULL, '2026-11-20T10:00:02Z', NULL)
                    """);
            h.execute("""
                    INSERT INTO job (job_key, kind, ref, due_at, status, created_at)
                    VALUES ('request:1:nudge-ack', 'request.unacknowledged', '1', '2026-11-21T17:00:00Z', 'pending',
                            '2026-11-20T10:00:00Z')
                    """);
            h.execute("""
                    INSERT INTO inbox (delivery_key, kind, user_id, payload, status, next_attempt_at, received_at)
                    VALUES ('view:V9', 'context', 'U0CE', '{}', 'pending', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z')
                    """);
        });

        Jdbi after = Database.open(url);

        List<Map<String, Object>> work = after.withHandle(h -> h.createQuery(
                        "SELECT queue, work_key, kind, status, uncertain, after_key, result, due_at, for_user FROM work ORDER BY id")
                .mapToMap()
                .list());
        assertThat(work)
                .extracting(r -> r.get("queue") + " " + r.get("work_key") + " " + r.get("status"))
                .containsExactly(
                        "inbox view:V9 pending",
                        "outbox context-card:V1 done",
                        "outbox context-card:V2 failed",
                        "outbox context-card:V1:note pending",
                        "job request:1:nudge-ack pending");
        assertThat(work.get(1).get("result")).isEqualTo("{\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}");
        assertThat(work.get(3))
                .containsEntry("uncertain", 1)
                .containsEntry("after_key", "context-card:V1")
                .containsEntry("due_at", "2026-11-20T10:00:05.500Z");
        assertThat(work.get(0)).containsEntry("for_user", "U0CE");
        List<Map<String, Object>> cards =
                after.withHandle(h -> h.createQuery("SELECT id, channel, ts, state FROM context_card ORDER BY id")
                        .mapToMap()
                        .list());
        assertThat(cards)
                .extracting(r -> r.get("id") + " " + r.get("channel") + " " + r.get("ts") + " " + r.get("state"))
                .containsExactly("1 C1 1700000000.000100 posted", "2 null null refused");
        List<String> tickets = after.withHandle(h -> h.createQuery("SELECT ticket_key FROM ticket_card")
                .mapTo(String.class)
                .list());
        assertThat(tickets).as("a refused card holds no ticket").containsExactly("zendesk:1");
        List<String> created =
                after.withHandle(h -> h.createQuery("SELECT created_at FROM context_card ORDER BY created_at")
                        .mapTo(String.class)
                        .list());
        assertThat(created)
                .as("one width, so text order is time order")
                .containsExactly("2026-11-20T10:00:00.500Z", "2026-11-20T10:00:01.123Z");
    }
}
