package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cebot.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database file is there but the bot may not write to it (a wrong owner after a restore, a
 * read-only mount): the packaged bot stops at start with one line naming CEBOT_DB_URL, exit code
 * 2, and no stack trace. Root ignores file modes, so as root the bot runs as user nobody.
 */
final class ReadOnlyDatabaseIT {

    @RegisterExtension
    final ChildBots bots = new ChildBots();

    /** Where the bot runs and its output goes: not next to the database, where nobody may write. */
    @TempDir
    Path logs;

    /** @param folder the database folder's mode: read-only too, or writable by anyone (only the file is read-only) */
    @ParameterizedTest
    @ValueSource(strings = {"r-xr-xr-x", "rwxrwxrwx"})
    void readOnlyDatabaseFile_atStart_oneLineNamingCebotDbUrl_exitCode2_noStackTrace(String folder) throws Exception {
        if (ChildBot.runningAsRoot()) {
            assumeTrue(
                    Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv")),
                    "running as root needs setpriv to start the bot as an unprivileged user");
        }
        BotHarness harness = bots.harness();
        Path dir = bots.dir();
        Path db = harness.databaseFile();
        Database.open("jdbc:sqlite:" + db);
        assertThat(db).isRegularFile();
        // Readable by anyone, writable by nobody.
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(dir.resolve("cebot.yaml"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(folder));

        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        ChildBot bot = bots.launch("readonly-" + folder, logs, true);
        int exit = bot.awaitExit(Duration.ofSeconds(60));

        String output = bot.log();
        List<String> naming =
                output.lines().filter(l -> l.contains("CEBOT_DB_URL")).toList();
        System.out.println();
        System.out.println("[fault-suite] " + bots.test() + ": database file mode r--r--r--, folder " + folder
                + ", bot run as " + (ChildBot.runningAsRoot() ? "nobody (uid 65534)" : "this user"));
        System.out.println("  | exit code | lines naming CEBOT_DB_URL | stack trace lines | output lines |");
        System.out.printf(
                "  | %9d | %25d | %17d | %12d |%n",
                exit,
                naming.size(),
                bot.stackTraceLines().size(),
                output.lines().count());
        System.out.println("  output: " + output.strip().replace("\n", "\n          "));
        assertThat(exit).as(output).isEqualTo(2);
        assertThat(naming).as(output).hasSize(1);
        assertThat(naming.get(0)).contains(db.toString());
        bot.assertCleanLog(List.of());
        assertThat(output).doesNotContain("Exception");
    }
}
