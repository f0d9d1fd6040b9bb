package com.cebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code forget}'s arguments, and whom it touches: one person, never another whose ID starts alike. */
final class ForgetCommandTest {

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return TestDatabase.env(dir);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            no user          |                                | forget needs --user
            not a user ID    | --user Bob                     | --user takes a Slack user ID such as U012ABCDEF
            a channel        | --user C0CECHAN1               | --user takes a Slack user ID
            unknown argument | --user U0CE1 --everyone        | Unknown argument "--everyone"
            user twice       | --user U0CE1 --user U0CE2      | --user is given twice
            dry run twice    | --user U0CE1 --dry-run --dry-run | --dry-run is given twice
            """)
    void badArguments_areRefused_beforeTheDatabaseIsOpened(String name, String args, String expected) {
        String[] words = ("forget " + (args == null ? "" : args)).strip().split(" +");

        Commands.Result result = Commands.run(env(), words);

        assertThat(result.exitCode()).isEqualTo(Main.BAD_SETTINGS);
        assertThat(result.err()).contains(expected);
        assertThat(dir.resolve("cebot.db")).as("nothing created").doesNotExist();
    }

    @Test
    void noDatabase_isAnError_andNoneIsCreated() {
        Commands.Result result = Commands.run(TestDatabase.withoutTables(dir), "forget", "--user", "U0CE1");

        assertThat(result.exitCode()).isEqualTo(Main.BAD_SETTINGS);
        assertThat(result.err())
                .contains(TestDatabase.postgresql() ? "has none of the bot's tables" : "there is no database at");
        assertThat(dir.resolve("cebot.db")).doesNotExist();
    }

    /**
     * Another process holding the store's write lock past SQLite's 10 s wait (on PostgreSQL, a lock
     * on a table held past the bot's 10 s lock timeout) stands for any store it cannot write.
     */
    @Test
    void aStoreItCannotWrite_changesNothing_andSaysSo() throws Exception {
        Jdbi jdbi = TestDatabase.open(dir);
        jdbi.useHandle(h ->
                h.execute("INSERT INTO home_user (user_id, opened_at) VALUES ('U0CE1', '2026-11-20T10:00:00.000Z')"));
        Commands.Result result;
        try (Connection other = TestDatabase.connect(dir.resolve("cebot.db"));
                Statement s = other.createStatement()) {
            s.execute(
                    TestDatabase.postgresql()
                            ? "BEGIN; LOCK TABLE home_user IN ACCESS EXCLUSIVE MODE"
                            : "BEGIN IMMEDIATE");
            result = Commands.run(env(), "forget", "--user", "U0CE1");
            s.execute("ROLLBACK");
        }

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(Main.FAILED);
        assertThat(result.err()).contains("Nothing was changed: the database could not be changed");
        assertThat(column(jdbi, "SELECT user_id FROM home_user")).containsExactly("U0CE1");
    }

    @Test
    void onlyThatPerson_isForgotten_notOneWhoseIdStartsTheSame_andTheDryRunSaidAsMuch() {
        Jdbi jdbi = TestDatabase.open(dir);
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO customer (id, name, name_key, created_at) VALUES (1, 'Acme', 'acme', "
                    + "'2026-11-20T10:00:00.000Z')");
            for (String person : List.of("U0CE", "U0CE1")) {
                h.execute(
                        "INSERT INTO context_card (customer_id, card_key, created_at) VALUES (1, ?, "
                                + "'2026-11-20T10:00:00.000Z')",
                        "context-card:" + person);
                h.execute("""
                        INSERT INTO support_context (submission_key, card_id, customer_id, submitted_by, links,
                                                     background, created_at)
                        VALUES (?, (SELECT id FROM context_card WHERE card_key = ?), 1, ?, '[]', 'typed',
                                '2026-11-20T10:00:00.000Z')
                        """, "V" + person, "context-card:" + person, person);
                h.execute("""
                        INSERT INTO work (queue, work_key, kind, payload, status, due_at, created_at)
                        VALUES ('outbox', ?, 'chat.postMessage', ?, 'pending', '2026-11-20T10:00:00.000Z',
                                '2026-11-20T10:00:00.000Z')
                        """, "dm:" + person, "{\"channel\":\"" + person + "\",\"text\":\"<@" + person + "> hi\"}");
                h.execute("INSERT INTO home_user (user_id, opened_at) VALUES (?, '2026-11-20T10:00:00.000Z')", person);
            }
        });

        Commands.Result dry = Commands.run(env(), "forget", "--user", "U0CE", "--dry-run");
        Commands.Result real = Commands.run(env(), "forget", "--user", "U0CE");

        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(real.exitCode()).as(real.describe()).isZero();
        assertThat(counts(dry))
                .as("the dry run's counts are the real ones")
                .isNotEmpty()
                .isEqualTo(counts(real));
        assertThat(real.out())
                .containsPattern("1  Support Ticket Context: contexts they shared")
                .containsPattern("1  Slack writes, jobs and forms naming them")
                .containsPattern("1  Home: their Home tab");
        assertThat(column(jdbi, "SELECT submitted_by FROM support_context")).containsExactly("U0CE1");
        assertThat(column(jdbi, "SELECT work_key FROM work")).containsExactly("dm:U0CE1");
        assertThat(column(jdbi, "SELECT user_id FROM home_user")).containsExactly("U0CE1");
    }

    private static List<String> counts(Commands.Result result) {
        return result.out().lines().filter(line -> line.matches(" +\\d+  .*")).toList();
    }

    private static List<String> column(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }
}
