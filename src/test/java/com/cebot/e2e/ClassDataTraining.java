package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.HEAD;
import static com.cebot.e2e.BotHarness.SUPPORT;

import com.cebot.slackfake.Message;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the class data sharing archive the README's run command starts the bot with
 * ({@code -XX:SharedArchiveFile=target/cebot.jsa}): the packaged bot is started against the
 * loopback Slack with {@code -XX:ArchiveClassesAtExit}, taken once through each workflow, and
 * stopped, and the JVM writes every class it loaded into the archive as it exits. A start from the
 * archive maps those classes in instead of reading, parsing and verifying each from the jar: some
 * 7,000 classes, most of a start. The ops listener is on (and probed and scraped once), so a start
 * with {@code ops.port} set finds Micrometer's and Prometheus' classes in the archive too; without
 * it they are never loaded.
 *
 * <p>Run by {@code mvn package} right after the jar is built (the archive belongs to that jar: the
 * JVM ignores it for any other). Arguments: the jar, then the archive to write.
 */
public final class ClassDataTraining {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ClassDataTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ClassDataTraining <cebot.jar> <archive.jsa>");
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        System.setProperty("cebot.jar", jar.toString());
        Files.deleteIfExists(archive);
        Path dir = Files.createTempDirectory("cebot-cds");
        long started = System.nanoTime();
        OpsClient ops = new OpsClient(OpsClient.freePort());
        try (BotHarness fake = BotHarness.create(dir, Clock.systemUTC());
                ChildBot bot = ChildBot.start("training", withOps(fake, ops), dir, options(archive))
                        .awaitListening()) {
            useEveryWorkflow(fake.slack);
            Await.until(WAIT, "the ops listener ready", () -> ops.get("/readyz").statusCode() == 200);
            ops.scrape();
            bot.terminate();
            int code = bot.awaitExit(Duration.ofSeconds(60));
            if (code != 0 || !Files.isRegularFile(archive)) {
                throw new IllegalStateException(
                        "the bot exited with " + code + " and wrote no archive; its log:\n" + bot.log());
            }
        }
        System.out.printf(
                "Class data archive %s written (%d MB) in %.1f s%n",
                archive, Files.size(archive) >> 20, (System.nanoTime() - started) / 1e9);
    }

    private static Map<String, String> withOps(BotHarness fake, OpsClient ops) {
        fake.appendConfig(OpsClient.settings(ops.port));
        return fake.env();
    }

    /** The run command's options, so the archive is made by the JVM that will use it. */
    private static List<String> options(Path archive) {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1"));
        options.add("-XX:ArchiveClassesAtExit=" + archive);
        return options;
    }

    private static void useEveryWorkflow(SlackFake slack) {
        View context = modal(slack, slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER));
        slack.awaitAck(
                slack.sendBlockSuggestion(
                        context.id(), CE_USER, ContextIds.CUSTOMER_SELECT, ContextIds.CUSTOMER, "Acme"),
                WAIT);
        slack.awaitAck(
                slack.submitView(
                        context.id(),
                        CE_USER,
                        StateValues.of()
                                .externalSelect(
                                        ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, "new:Acme Corp", "Acme Corp")
                                .text(ContextIds.LINK, ContextIds.VALUE, "ZD 1")
                                .text(ContextIds.BACKGROUND, ContextIds.VALUE, "Nightly restarts")
                                .toJson()),
                WAIT);
        Await.until(WAIT, "the context card", () -> topLevel(slack).size() == 1);

        View request = modal(slack, slack.sendGlobalShortcut(RequestIds.CALLBACK_ID, CE_USER));
        slack.awaitAck(
                slack.submitView(
                        request.id(),
                        CE_USER,
                        StateValues.of()
                                .externalSelect(
                                        RequestIds.CUSTOMER, RequestIds.CUSTOMER_SELECT, "new:Acme Corp", "Acme Corp")
                                .text(RequestIds.LINK, RequestIds.VALUE, "ZD 2")
                                .text(RequestIds.ASK, RequestIds.VALUE, "Expedite the fix")
                                .text(RequestIds.WHY, RequestIds.VALUE, "Renewal")
                                .text(RequestIds.IF_NOT, RequestIds.VALUE, "Churn")
                                .toJson()),
                WAIT);
        Message card = Await.value(
                WAIT,
                "the request card",
                () -> topLevel(slack).size() == 2 ? topLevel(slack).get(1) : null);
        String requestId = card.blocks().findValues("value").stream()
                .map(v -> v.asText())
                .filter(v -> v.matches("\\d+"))
                .findFirst()
                .orElseThrow();
        slack.awaitAck(slack.sendBlockAction(HEAD, SUPPORT, card.ts(), "request_approve", "b", requestId), WAIT);

        slack.awaitAck(slack.sendSlashCommand(OooIds.COMMAND, "list", CE_USER, CE), WAIT);
        View ooo = modal(slack, slack.sendSlashCommand(OooIds.COMMAND, "", CE_USER, CE));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        slack.awaitAck(
                slack.submitView(
                        ooo.id(),
                        CE_USER,
                        StateValues.of()
                                .date(
                                        OooIds.FIRST_DAY,
                                        OooIds.VALUE,
                                        today.plusDays(7).toString())
                                .date(
                                        OooIds.LAST_DAY,
                                        OooIds.VALUE,
                                        today.plusDays(9).toString())
                                .users(OooIds.COVERERS, OooIds.VALUE, BotHarness.AE)
                                .toJson()),
                WAIT);

        slack.awaitAck(
                slack.sendMessageEvent(CE, BotHarness.AE, "A note for the team", null)
                        .envelopeId(),
                WAIT);
        slack.awaitAck(
                slack.sendMessageEvent(
                                CE,
                                BotHarness.AE,
                                "How do we price SSO? <!subteam^" + SdrIds.GROUP + "|@ce-sdr-collab>",
                                null)
                        .envelopeId(),
                WAIT);
        View feedback = modal(slack, slack.sendGlobalShortcut(FeedbackIds.CALLBACK_ID, CE_USER));
        slack.awaitAck(
                slack.sendBlockSuggestion(feedback.id(), CE_USER, FeedbackIds.GAP_SELECT, FeedbackIds.GAP, "SSO"),
                WAIT);
        int updates = slack.calls("views.update").size();
        slack.awaitAck(
                slack.sendViewBlockAction(feedback.id(), CE_USER, FeedbackIds.GAP_SELECT, FeedbackIds.GAP, "new:SSO"),
                WAIT);
        Await.until(
                WAIT,
                "the form to ask for the gap's title",
                () -> slack.calls("views.update").size() > updates);
        slack.awaitAck(
                slack.submitView(
                        feedback.id(),
                        CE_USER,
                        FeedbackWorkspace.form("new:SSO", "Okta groups", "major", "new:Acme Corp")
                                .select(
                                        FeedbackIds.CATEGORY,
                                        FeedbackIds.VALUE,
                                        "Not categorised yet",
                                        "Not categorised yet")
                                .text(FeedbackIds.TITLE, FeedbackIds.VALUE, "SSO with Okta")
                                .toJson()),
                WAIT);
        Await.until(
                WAIT,
                "the feedback card",
                () -> !slack.messages(BotHarness.FEEDBACK).isEmpty());

        slack.awaitAck(slack.sendAppHomeOpened(CE_USER).envelopeId(), WAIT);
        Await.until(WAIT, "the Home tab", () -> slack.homeView(CE_USER).isPresent());
        Await.until(WAIT, "the summary DM", () -> !slack.messages(CE_USER).isEmpty());
    }

    private static View modal(SlackFake slack, String envelopeId) {
        int before = slack.calls("views.open").size();
        slack.awaitAck(envelopeId, WAIT);
        Await.until(WAIT, "a modal", () -> slack.calls("views.open").size() > before);
        return slack.lastOpenedView();
    }

    private static List<Message> topLevel(SlackFake slack) {
        return slack.messages(SUPPORT).stream().filter(m -> !m.isReply()).toList();
    }
}
