package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cebot check} against a loopback Slack: what is right, what is wrong, and nothing changed. */
final class CheckCommandE2ETest {

    @TempDir
    Path dir;

    private BotHarness harness;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        harness = BotHarness.create(dir, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private int check() throws Exception {
        // Main.run is package-private to the app package; the command line is the public face.
        Method run = Main.class.getDeclaredMethod(
                "run", String[].class, java.util.Map.class, PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return (int) run.invoke(null, new String[] {"check"}, harness.env(), print, print);
    }

    @Test
    void goodSetup_reportsEachResolvedSetting_andJoinsNothing() throws Exception {
        int code = check();

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(report)
                .contains(
                        "✓ database",
                        "✓ SLACK_BOT_TOKEN",
                        "✓ SLACK_APP_TOKEN",
                        "channels.customer_support → #customer-support",
                        "the bot will join it at start",
                        "support.head_of_support → ",
                        "All good.");
        assertThat(harness.slack.calls("conversations.join")).isEmpty();
        assertThat(harness.slack.openConnections()).isZero();
        assertThat(report).contains("does not exist yet; the bot creates it at start");
        assertThat(harness.databaseFile()).as("check creates no database").doesNotExist();
        assertThat(report).doesNotContain("zendesk.subdomain");
    }

    @Test
    void noZendeskSubdomain_isWarnedAbout_onceForBothForms() throws Exception {
        String settings = Files.readString(dir.resolve("cebot.yaml"));
        harness.writeConfig(settings.replace("zendesk:\n  subdomain: acme\n", ""));
        assertThat(Files.readString(dir.resolve("cebot.yaml"))).doesNotContain("zendesk");

        int code = check();

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("a warning, not a problem").isZero();
        assertThat(report.lines().filter(l -> l.startsWith("! zendesk.subdomain is not set")))
                .singleElement()
                .asString()
                .contains("refuse ticket numbers such as \"ZD 1234\"", "the \"acme\" of acme.zendesk.com");
    }

    @Test
    void existingDatabase_isReportedUpToDate_andLeftAlone() throws Exception {
        harness.start();
        harness.stopBot();
        long modified =
                java.nio.file.Files.getLastModifiedTime(harness.databaseFile()).toMillis();

        int code = check();

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(report).containsPattern("✓ database: .*cebot.db \\(schema version [\\d.]+, up to date\\)");
        assertThat(java.nio.file.Files.getLastModifiedTime(harness.databaseFile())
                        .toMillis())
                .isEqualTo(modified);
    }

    @Test
    void aStoreOthersCanRead_isWarnedAbout_namingTheFileAndTheChmod_andLeftAsItIs() throws Exception {
        harness.start();
        harness.stopBot();
        Path file = harness.databaseFile();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        int code = check();

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("a warning, not a problem").isZero();
        assertThat(report)
                .contains("! database: " + file.toAbsolutePath() + " can be read by other users of this"
                        + " machine (mode 0644); make it private: chmod 600 " + file.toAbsolutePath());
        assertThat(report).doesNotContain("chmod 700");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void wrongSetup_listsEveryProblem_andExitsNonZero() throws Exception {
        harness.writeConfig("""
                channels:
                  ce: ce-typo
                support:
                  head_of_support: "@nobody-group"
                """);

        int code = check();

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(report)
                .contains(
                        "✗ channels.ce: no channel \"ce-typo\"",
                        "✗ support.head_of_support: no user group",
                        "2 problem(s) to fix.");
    }
}
