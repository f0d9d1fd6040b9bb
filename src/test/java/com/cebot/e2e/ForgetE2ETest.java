package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.AE;
import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.HEAD;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static com.cebot.e2e.SdrWorkspace.CE1;
import static com.cebot.e2e.SdrWorkspace.CE2;
import static com.cebot.e2e.SdrWorkspace.CE3;
import static com.cebot.e2e.SdrWorkspace.SDR;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.app.Commands;
import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forget} on a store that holds one person in every workflow: the context they shared and
 * the card they took, the request they raised, their time off and the time off they cover, the
 * SDR question they asked and the one they own and answered, the product feedback they shared and
 * the status they set as one of the product team, their Home. Afterwards neither their
 * ID nor what they typed is anywhere in the database's files, everyone else's work goes on, and a
 * dry run changed nothing.
 */
final class ForgetE2ETest {

    /** The person to forget: a CE in @ce-sdr-collab. */
    private static final String PERSON = CE1;
    /** What they typed, in every free-text field they filled. */
    private static final String MARKER = "Zyxwv-private-41";

    @TempDir
    Path dir;

    private SdrWorkspace w;

    @BeforeEach
    void start() {
        w = new SdrWorkspace(dir, "skip_if_leaving_within_days: 2", """
                feedback:
                  product_team: [%s]
                """.formatted(PERSON)).started();
    }

    @AfterEach
    void stop() {
        w.close();
    }

    private View open(String callbackId, String user) {
        w.harness.slack.clearCalls();
        w.harness.slack.awaitAck(w.harness.slack.sendGlobalShortcut(callbackId, user), WAIT);
        w.harness.slack.awaitCall("views.open", WAIT);
        return w.harness.slack.lastOpenedView();
    }

    private void submit(View view, String user, StateValues values) {
        Ack ack = w.harness.slack.awaitAck(w.harness.slack.submitView(view.id(), user, values.toJson()), WAIT);
        assertThat(ack.payload() == null || !ack.payload().has("errors"))
                .as("%s saved", view.callbackId())
                .isTrue();
    }

    private Message card(String containing) {
        return Await.value(
                WAIT,
                "a card in #customer-support with " + containing,
                () -> w.harness.slack.messages(SUPPORT).stream()
                        .filter(m -> !m.isReply() && String.valueOf(m.blocks()).contains(containing))
                        .findFirst()
                        .orElse(null));
    }

    private static String recordId(Message message) {
        return message.blocks().findValues("value").stream()
                .map(v -> v.asText())
                .filter(v -> v.matches("\\d+"))
                .findFirst()
                .orElseThrow();
    }

    private void shareContext(String user, String ticket, String background) {
        submit(
                open(ContextIds.CALLBACK_ID, user),
                user,
                StateValues.of()
                        .externalSelect(ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, "new:Initech", "Initech")
                        .text(ContextIds.LINK, ContextIds.VALUE, ticket)
                        .text(ContextIds.BACKGROUND, ContextIds.VALUE, background));
    }

    private void planTimeOff(String user, String first, String last, String coverer, String plan) {
        w.harness.slack.clearCalls();
        w.harness.slack.awaitAck(w.harness.slack.sendSlashCommand(OooIds.COMMAND, "", user, CE), WAIT);
        w.harness.slack.awaitCall("views.open", WAIT);
        submit(
                w.harness.slack.lastOpenedView(),
                user,
                StateValues.of()
                        .date(OooIds.FIRST_DAY, OooIds.VALUE, first)
                        .date(OooIds.LAST_DAY, OooIds.VALUE, last)
                        .users(OooIds.COVERERS, OooIds.VALUE, coverer)
                        .text(OooIds.PLAN, OooIds.VALUE, plan));
        Await.until(
                WAIT,
                "the summary DM to " + user,
                () -> w.harness.slack.messages(user).stream()
                        .anyMatch(m -> m.text() != null && m.text().startsWith("Your time off is planned")));
    }

    /** The person in every workflow, and the writes it made all delivered. */
    private String[] personEverywhere() {
        shareContext(PERSON, "https://github.com/initech/app/issues/501", "Their CTO said " + MARKER + " on the call");
        card(MARKER);
        shareContext(CE_USER, "https://github.com/initech/app/issues/502", "Someone else's context");
        Message othersCard = card("Someone else's context");
        w.harness.slack.awaitAck(
                w.harness.slack.sendBlockAction(
                        PERSON, SUPPORT, othersCard.ts(), "context_claim", "b", recordId(othersCard)),
                WAIT);
        Await.until(
                WAIT,
                "the card taken",
                () -> w.harness
                        .slack
                        .message(SUPPORT, othersCard.ts())
                        .orElseThrow()
                        .blocks()
                        .toString()
                        .contains("<@" + PERSON + ">"));

        submit(
                open(RequestIds.CALLBACK_ID, PERSON),
                PERSON,
                StateValues.of()
                        .externalSelect(RequestIds.CUSTOMER, RequestIds.CUSTOMER_SELECT, "new:Initech", "Initech")
                        .text(RequestIds.LINK, RequestIds.VALUE, "https://github.com/initech/app/issues/503")
                        .text(RequestIds.ASK, RequestIds.VALUE, "Expedite, because " + MARKER)
                        .text(RequestIds.WHY, RequestIds.VALUE, "Renewal")
                        .text(RequestIds.IF_NOT, RequestIds.VALUE, "Churn"));
        Message request = card("Expedite, because");
        w.harness.slack.awaitAck(
                w.harness.slack.sendBlockAction(
                        HEAD, SUPPORT, request.ts(), "request_acknowledge", "b", recordId(request)),
                WAIT);
        Await.until(
                WAIT,
                "the request acknowledged",
                () -> w.harness
                        .slack
                        .message(SUPPORT, request.ts())
                        .orElseThrow()
                        .blocks()
                        .toString()
                        .contains("Acknowledged by"));

        planTimeOff(PERSON, "2026-12-07", "2026-12-11", CE2, "Ask " + MARKER + " first");
        planTimeOff(CE3, "2026-12-14", "2026-12-18", PERSON, "Cover my accounts");

        submit(
                open(SdrIds.CALLBACK_ID, PERSON),
                PERSON,
                StateValues.of()
                        .text(SdrIds.QUESTION, SdrIds.VALUE, "Does " + MARKER + " have SSO?")
                        .text(SdrIds.LINK, SdrIds.VALUE, "https://crm.example.com/deal/7")
                        .radio(SdrIds.URGENCY, SdrIds.VALUE, "TODAY", "Today"));
        Await.value(
                WAIT,
                "their question posted in #ce",
                () -> w.harness.slack.messages(CE).stream()
                        .filter(m ->
                                !m.isReply() && m.text() != null && m.text().contains(MARKER))
                        .findFirst()
                        .orElse(null));
        String sdrQuestion = w.ask(SDR, "Is there a SOC 2 report?");
        assertThat(w.reply(sdrQuestion).text()).contains("<@" + PERSON + "> will answer here");
        w.harness.slack.sendMessageEvent(CE, PERSON, "Yes: " + MARKER, sdrQuestion);
        Await.until(
                WAIT,
                "their first response",
                () -> w.reply(sdrQuestion).blocks().toString().contains("First response by <@" + PERSON + ">"));

        submit(
                open(FeedbackIds.CALLBACK_ID, PERSON),
                PERSON,
                StateValues.of()
                        .externalSelects(FeedbackIds.CUSTOMERS, FeedbackIds.CUSTOMER_SELECT, "new:Initech")
                        .externalSelect(
                                FeedbackIds.GAP, FeedbackIds.GAP_SELECT, "new:Audit logs to S3", "Audit logs to S3")
                        .text(FeedbackIds.NEED, FeedbackIds.VALUE, "They need " + MARKER)
                        .radio(FeedbackIds.SEVERITY, FeedbackIds.VALUE, "major", "major"));
        Message gap = Await.value(
                WAIT,
                "the gap's card",
                () -> w.harness.slack.messages(BotHarness.FEEDBACK).stream()
                        .filter(m -> !m.isReply() && m.text().contains("Audit logs to S3"))
                        .findFirst()
                        .orElse(null));
        w.harness.slack.clearCalls();
        w.harness.slack.awaitAck(
                w.harness.slack.sendBlockAction(
                        PERSON, BotHarness.FEEDBACK, gap.ts(), FeedbackIds.SET_STATUS, "b", recordId(gap)),
                WAIT);
        w.harness.slack.awaitCall("views.open", WAIT);
        submit(
                w.harness.slack.lastOpenedView(),
                PERSON,
                StateValues.of()
                        .radio(FeedbackIds.STATUS, FeedbackIds.VALUE, "in_review", "in_review")
                        .text(FeedbackIds.NOTE, FeedbackIds.VALUE, "Looking, " + MARKER));
        Await.until(
                WAIT,
                "the gap in review",
                () -> w.harness
                        .slack
                        .message(BotHarness.FEEDBACK, gap.ts())
                        .orElseThrow()
                        .blocks()
                        .toString()
                        .contains("In review"));

        w.harness.slack.sendAppHomeOpened(PERSON);
        Await.until(WAIT, "their Home", () -> w.harness.slack.homeView(PERSON).isPresent());
        w.harness.awaitWorkDone();
        assertThat(Burst.query(
                        w.harness.databaseFile(),
                        "SELECT work_key FROM work WHERE queue IN ('inbox', 'outbox')" + " AND status <> 'done'"))
                .as("every form processed and every write delivered")
                .isEmpty();
        return new String[] {othersCard.ts(), recordId(othersCard), sdrQuestion};
    }

    private List<Path> files() {
        Path db = w.harness.databaseFile();
        return List.of(db, Path.of(db + "-wal"), Path.of(db + "-shm"));
    }

    private static boolean holds(Path file, String text) throws Exception {
        if (!Files.exists(file)) {
            return false;
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Every row of every table, to tell that a dry run changed nothing. */
    private String everything() throws SQLException {
        try (Connection c = TestDatabase.connect(w.harness.databaseFile())) {
            // The driver's list of tables reads each store's own catalogue.
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("the bot's tables").contains("work", "support_context");
            Handle h = Jdbi.open(c);
            List<String> rows = new ArrayList<>();
            for (String table : tables.stream().sorted().toList()) {
                rows.add(table
                        + h.createQuery("SELECT * FROM \"" + table + "\"")
                                .mapToMap()
                                .list());
            }
            return String.join("\n", rows);
        }
    }

    private int rows(String table) {
        return w.harness
                .bot()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                        .mapTo(Integer.class)
                        .one());
    }

    private Map<String, String> env() {
        return w.harness.env();
    }

    @Test
    void afterForget_neitherTheirIdNorWhatTheyTypedIsInTheFiles_andEveryoneElsesWorkGoesOn() throws Exception {
        String[] others = personEverywhere();
        w.harness.stopBot();
        // SQLite's files are searched byte by byte; PostgreSQL's are the server's (Erasure says what
        // its VACUUM FULL does), so there the store is searched through SQL.
        boolean files = !TestDatabase.postgresql();
        if (files) {
            assertThat(holds(w.harness.databaseFile(), PERSON))
                    .as("the store held them")
                    .isTrue();
            assertThat(holds(w.harness.databaseFile(), MARKER))
                    .as("and what they typed")
                    .isTrue();
        }

        String before = everything();
        Commands.Result dry = Commands.run(env(), "forget", "--user", PERSON, "--dry-run");
        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(dry.out())
                .contains("Dry run: nothing was changed.")
                .containsPattern("1  Support Ticket Context: contexts they shared")
                .containsPattern("1  Support Ticket Context: cards they took, shown as not taken")
                .containsPattern("1  Support Ticket Request: requests they raised")
                .containsPattern("1  OOO: time off they planned")
                .containsPattern("1  OOO: others' time off they covered, without them")
                .containsPattern("1  SDR questions: questions they asked")
                .containsPattern("1  SDR questions: questions they held, now without an owner")
                .containsPattern("1  Product feedback: customers' needs they shared")
                .containsPattern("1  Product feedback: changes they made to gaps, without their name and note")
                .containsPattern("1  Home: their Home tab, no longer kept up to date")
                .doesNotContain("Would still name");
        assertThat(everything()).as("a dry run changes nothing").isEqualTo(before);

        Commands.Result forgot;
        // Held open like a running bot's connection: the log and index files stay to be searched.
        try (Connection beside = TestDatabase.connect(w.harness.databaseFile());
                Statement s = beside.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM work").close();
            forgot = Commands.run(env(), "forget", "--user", PERSON);

            for (Path file : files ? files() : List.<Path>of()) {
                assertThat(file).as("SQLite's files while a connection is open").exists();
                assertThat(holds(file, PERSON))
                        .as("%s holds %s", file.getFileName(), PERSON)
                        .isFalse();
                assertThat(holds(file, MARKER))
                        .as("%s holds what they typed", file.getFileName())
                        .isFalse();
            }
        }
        System.out.println(forgot.describe());
        assertThat(forgot.exitCode()).as(forgot.describe()).isZero();
        assertThat(forgot.out())
                .contains("Forgot " + PERSON + ":", files ? "the write-ahead log is empty" : "rewritten (VACUUM FULL)")
                .doesNotContain("Still naming");

        // Everyone else's work goes on: the card they took can be taken again, the question they held
        // passed on, and what was planned for the forgotten records drops itself.
        w.harness.start();
        w.harness.slack.awaitAck(
                w.harness.slack.sendBlockAction(AE, SUPPORT, others[0], "context_claim", "b", others[1]), WAIT);
        Await.until(
                WAIT,
                "the card taken again, updated in place",
                () -> w.harness
                        .slack
                        .message(SUPPORT, others[0])
                        .orElseThrow()
                        .blocks()
                        .toString()
                        .contains("<@" + AE + ">"));
        w.press(CE2, others[2], SdrIds.CLAIM);
        w.awaitReply(others[2], "<@" + CE2 + "> will answer here");
        w.clock.advance(Duration.ofDays(30));
        w.harness.awaitWorkDone();
        Commands.Result status = Commands.run(env(), "status");
        assertThat(status.exitCode()).as(status.describe()).isZero();
        assertThat(status.out()).contains("Failed for good (retry with: retry-failed [--id N]):\n  none");
    }

    /**
     * Beside a running bot: the bot's writes wait for the rewrite (a second or so on a small store)
     * and go on afterwards; what the bot still holds in memory is not the store's, and it may learn
     * the person again from Slack (the user group's members).
     */
    @Test
    void besideARunningBot_forgetWaitsItsTurn_andTheBotGoesOn() {
        shareContext(PERSON, "https://github.com/initech/app/issues/601", "Said " + MARKER);
        card(MARKER);
        planTimeOff(PERSON, "2026-12-07", "2026-12-11", CE2, "Ask " + MARKER + " first");

        Commands.Result forgot = Commands.run(env(), "forget", "--user", PERSON);

        assertThat(forgot.exitCode()).as(forgot.describe()).isZero();
        assertThat(forgot.out())
                .contains(TestDatabase.postgresql() ? "rewritten (VACUUM FULL)" : "the write-ahead log is empty");
        assertThat(rows("support_context")).isZero();
        assertThat(rows("ooo_period")).isZero();
        shareContext(CE_USER, "https://github.com/initech/app/issues/602", "Shared after the forget");
        card("Shared after the forget");
    }
}
