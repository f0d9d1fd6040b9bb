package com.cebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup --to FILE}: an online copy of the SQLite store, private, never over another file. */
final class BackupCommandTest {

    @TempDir
    Path dir;

    private Map<String, String> env;
    private Jdbi jdbi;

    @BeforeEach
    void store() {
        String url = "jdbc:sqlite:" + dir.resolve("cebot.db");
        jdbi = Database.open(url);
        jdbi.useHandle(h -> h.execute(
                "INSERT INTO home_user (user_id, opened_at) VALUES ('U0COMMITTED', '2026-11-20T10:00:00.000Z')"));
        env = Map.of("CEBOT_DB_URL", url);
    }

    /** A writer holds the store mid-transaction, as a running bot does: the copy is what was committed. */
    @Test
    void aCopyWhileTheStoreIsWritten_holdsWhatWasCommitted_andOnlyItsOwnerMayReadIt() throws Exception {
        Path copy = dir.resolve("backups").resolve("cebot-copy.db");
        Files.createDirectories(copy.getParent());
        Commands.Result result;
        try (Connection bot = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cebot.db"));
                Statement s = bot.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute(
                    "INSERT INTO home_user (user_id, opened_at) VALUES ('U0UNCOMMITTED', '2026-11-20T10:00:00.000Z')");

            result = Commands.run(env, "backup", "--to", copy.toString());

            s.execute("COMMIT");
        }

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out()).contains("Backed up to " + copy.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
                .isEqualTo("rw-------");
        List<String> users = Jdbi.create("jdbc:sqlite:" + copy)
                .withHandle(h -> h.createQuery("SELECT user_id FROM home_user ORDER BY user_id")
                        .mapTo(String.class)
                        .list());
        assertThat(users).containsExactly("U0COMMITTED");
        assertThat(Database.inspect("jdbc:sqlite:" + copy))
                .as("a store the bot can open")
                .isInstanceOf(Database.State.Current.class);
    }

    @Test
    void anExistingFile_isNeverReplaced() throws Exception {
        Path copy = dir.resolve("keep.db");
        Files.writeString(copy, "not a backup");

        Commands.Result result = Commands.run(env, "backup", "--to", copy.toString());

        assertThat(result.exitCode()).isEqualTo(Main.BAD_SETTINGS);
        assertThat(result.err()).contains(copy.toAbsolutePath() + " already exists");
        assertThat(Files.readString(copy)).isEqualTo("not a backup");
    }

    @Test
    void noStore_isAnError_andNoCopyIsLeft() {
        Path copy = dir.resolve("copy.db");

        Commands.Result result = Commands.run(
                Map.of("CEBOT_DB_URL", "jdbc:sqlite:" + dir.resolve("missing.db")), "backup", "--to", copy.toString());

        assertThat(result.exitCode()).isEqualTo(Main.BAD_SETTINGS);
        assertThat(result.err()).contains("there is no database at");
        assertThat(copy).doesNotExist();
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }

    @Test
    void onPostgresql_itPointsToPgDump_namingNoSecret() {
        Commands.Result result = Commands.run(
                Map.of("CEBOT_DB_URL", "jdbc:postgresql://db.example.com:5432/cebot?user=cebot&password=hunter2"),
                "backup",
                "--to",
                dir.resolve("copy.db").toString());

        assertThat(result.exitCode()).isEqualTo(Main.BAD_SETTINGS);
        assertThat(result.err())
                .contains("PostgreSQL db.example.com:5432/cebot", "pg_dump")
                .doesNotContain("hunter2");
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }

    @Test
    void withoutTo_orWithSomethingElse_theUsageIsShown() {
        Commands.Result none = Commands.run(env, "backup");
        Commands.Result other = Commands.run(env, "backup", "--into", "x.db");

        assertThat(none.exitCode()).isEqualTo(Main.BAD_SETTINGS);
        assertThat(none.err()).contains("backup needs --to", "Usage: java -jar target/cebot.jar backup --to FILE");
        assertThat(other.exitCode()).isEqualTo(Main.BAD_SETTINGS);
        assertThat(other.err()).contains("Unknown argument \"--into\"");
    }
}
