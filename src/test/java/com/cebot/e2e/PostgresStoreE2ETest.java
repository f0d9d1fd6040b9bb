package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.cebot.app.Main;
import com.cebot.app.StartupException;
import com.cebot.db.Database;
import com.cebot.db.Store;
import com.cebot.db.StoreOutage;
import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import com.cebot.testing.PostgresServer;
import com.cebot.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only PostgreSQL brings: a database server that is down, refuses the login, or goes away
 * while the bot runs. The bot never shows a credential, fails a start in one line within
 * seconds, keeps answering forms ("not saved, try again") while the database is gone, and goes on
 * when it is back. Runs with the PostgreSQL tests.
 */
final class PostgresStoreE2ETest {

    private static final String SECRET = "hunter2-not-for-logs";

    @TempDir
    Path dir;

    private BotHarness harness;
    private PostgresServer own;

    @BeforeEach
    void onPostgresql() {
        Assumptions.assumeTrue(TestDatabase.postgresql(), "needs the tests' PostgreSQL");
        harness = BotHarness.create(dir, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
        if (own != null) {
            own.close();
        }
    }

    @Test
    void aDatabaseThatIsDown_stopsStart_inOneLine_withinSeconds_namingNoSecret() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        harness.env()
                .put("CEBOT_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/cebot?user=cebot&password=" + SECRET);

        long started = System.nanoTime();
        try (LogCapture logs = LogCapture.start()) {
            assertThatThrownBy(harness::tryStart)
                    .isInstanceOfSatisfying(
                            StartupException.class,
                            e -> assertThat(e.problems())
                                    .singleElement()
                                    .asString()
                                    .startsWith(
                                            "CEBOT_DB_URL: cannot connect to PostgreSQL 127.0.0.1:" + port + "/cebot (")
                                    .doesNotContain(SECRET)
                                    .doesNotContain("user=")
                                    .doesNotContain("\n"));
            assertThat(logs.events()).extracting(LogCapture::printed).noneMatch(line -> line.contains(SECRET));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a generous bound on 'within seconds'")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aLoginRefused_stopsStart_inOneLine_withoutThePassword() {
        harness.env().put("CEBOT_DB_USER", "nobody_here");
        harness.env().put("CEBOT_DB_PASSWORD", SECRET);

        assertThatThrownBy(harness::tryStart)
                .isInstanceOfSatisfying(
                        StartupException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("CEBOT_DB_URL: cannot connect to PostgreSQL 127.0.0.1:")
                                .contains("CEBOT_DB_USER and CEBOT_DB_PASSWORD")
                                .doesNotContain(SECRET));
    }

    @Test
    void check_namesTheStore_withoutCredentials_andSaysItsSchemaIsCurrent() throws Exception {
        harness.start();
        harness.stopBot();
        String url = harness.env().get("CEBOT_DB_URL");
        String user = harness.env().remove("CEBOT_DB_USER");
        // The credentials in the URL this time, the libpq way: they must not be shown either.
        harness.env()
                .put("CEBOT_DB_URL", url.replace("jdbc:postgresql://", "postgresql://" + user + ":" + SECRET + "@"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = check(out);

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(report).isZero();
        assertThat(report)
                .containsPattern("✓ database: PostgreSQL 127\\.0\\.0\\.1:\\d+/cebot_\\w+ \\(schema version [\\d.]+,"
                        + " up to date\\)")
                .doesNotContain(SECRET)
                .doesNotContain(user + ":");
    }

    @Test
    void check_onAnEmptyDatabase_saysTheBotCreatesTheTables() throws Exception {
        var empty = TestDatabase.emptyPostgresql();
        harness.env().put("CEBOT_DB_URL", empty.url());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = check(out);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("has none of the bot's tables yet; the bot creates them at start");
    }

    @Test
    void check_onADatabaseMigrationsBehind_saysTheBotBringsItUpToDate() throws Exception {
        Store behind = TestDatabase.emptyPostgresql();
        Flyway.configure()
                .dataSource(TestDatabase.dataSource(behind))
                .locations(Database.migrations(Store.Kind.POSTGRESQL))
                .target("1")
                .load()
                .migrate();
        harness.env().put("CEBOT_DB_URL", behind.url());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = check(out);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern(
                        "\\(schema version 1; the bot applies \\d+" + " migration\\(s\\) at its next start\\)");
    }

    /**
     * The database server stops under a running bot and starts again: forms submitted meanwhile are
     * answered in time with "not saved, try again", the queues wait, the outage is logged once,
     * and once the database is back the same form goes through and its card is posted once.
     */
    @Test
    void losingTheDatabase_pausesTheQueues_formsHearItInTime_andAllGoesOnWhenItIsBack() throws Exception {
        own = PostgresServer.start();
        try (Connection c = DriverManager.getConnection(own.url("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE cebot");
        }
        harness.env().put("CEBOT_DB_URL", own.url("cebot"));
        harness.env().put("CEBOT_DB_USER", "postgres");
        // The tests' server trusts loopback and never asks for it; given, it must still never show.
        harness.env().put("CEBOT_DB_PASSWORD", SECRET);
        try (LogCapture logs = LogCapture.start()) {
            harness.start();
            submit(openModal(), "ZD 1001");
            Await.until(WAIT, "the first card", () -> cards().size() == 1);

            View second = openModal();
            own.stop();
            Ack refused = submit(second, "ZD 1002");

            assertThat(refused.latency()).isLessThan(Duration.ofSeconds(3));
            assertThat(refused.payload()
                            .path("errors")
                            .path(ContextIds.BACKGROUND)
                            .asText())
                    .contains("couldn't save this just now");
            logs.await(StoreOutage.class, Level.WARN, "The database cannot be reached", WAIT);

            own = own.restarted();
            logs.await(StoreOutage.class, Level.INFO, "The database answers again", WAIT);
            Ack accepted = submit(second, "ZD 1002");

            assertThat(accepted.payload() == null || !accepted.payload().has("errors"))
                    .as("stored this time")
                    .isTrue();
            Await.until(WAIT, "the second card", () -> cards().size() == 2);
            assertThat(logs.lines(StoreOutage.class, Level.WARN))
                    .as("the outage told once")
                    .hasSize(1);
            assertThat(logs.events())
                    .as("and by nothing else: not each queue's pass, nor each round of Home")
                    .filteredOn(e -> e.getLoggerName().startsWith("com.cebot.work.")
                            || e.getLoggerName().startsWith("com.cebot.home."))
                    .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .isEmpty();
            assertThat(cards())
                    .extracting(m -> m.blocks().toString().contains("1001") ? "1001" : "1002")
                    .as("one card for each ticket")
                    .containsExactlyInAnyOrder("1001", "1002");
            assertThat(logs.events())
                    .extracting(LogCapture::printed)
                    .as("what was logged, the outage included")
                    .isNotEmpty()
                    .noneMatch(line -> line.contains(SECRET));
        }
    }

    private View openModal() {
        harness.slack.clearCalls();
        harness.slack.awaitAck(harness.slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER), WAIT);
        harness.slack.awaitCall("views.open", WAIT);
        return harness.slack.lastOpenedView();
    }

    private Ack submit(View view, String ticket) {
        StateValues values = StateValues.of()
                .externalSelect(ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, "new:Acme Corp", "Acme Corp")
                .text(ContextIds.LINK, ContextIds.VALUE, ticket)
                .text(ContextIds.BACKGROUND, ContextIds.VALUE, "Nightly restarts since the upgrade");
        return harness.slack.awaitAck(harness.slack.submitView(view.id(), CE_USER, values.toJson()), WAIT);
    }

    private List<Message> cards() {
        return harness.slack.messages(SUPPORT).stream()
                .filter(m -> !m.isReply())
                .toList();
    }

    private int check(ByteArrayOutputStream out) throws Exception {
        // Main.run is package-private to the app package; the command line is the public face.
        Method run = Main.class.getDeclaredMethod(
                "run", String[].class, java.util.Map.class, PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return (int) run.invoke(null, new String[] {"check"}, harness.env(), print, print);
    }
}
