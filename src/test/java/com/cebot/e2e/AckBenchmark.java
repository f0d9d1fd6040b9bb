package com.cebot.e2e;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.SUPPORT;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures how fast Slack gets its acks under a burst, for the README's benchmark command
 * ({@code mvn -B test -Pbenchmark}). It prints figures and asserts nothing about time.
 */
@Tag("benchmark")
final class AckBenchmark {

    private static final int BURST = 500;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void burstOfShortcutsAndSubmissions() throws Exception {
        try (BotHarness harness = BotHarness.started(dir)) {
            SlackFake slack = harness.slack;
            List<String> shortcuts = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                shortcuts.add(slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER));
            }
            List<Duration> shortcutAcks = latencies(slack, shortcuts);
            slack.awaitCalls("views.open", BURST, WAIT);
            long refused = slack.calls("views.open").size() - slack.views().size();
            report("CE Bot: " + BURST + " context shortcuts", shortcutAcks);
            System.out.printf("  views.open calls %d, views opened %d, refused (expired trigger etc.) %d%n",
                    slack.calls("views.open").size(), slack.views().size(), refused);

            List<String> submissions = new ArrayList<>();
            int n = 0;
            for (View view : new ArrayList<>(slack.views().values())) {
                StateValues values = StateValues.of()
                        .externalSelect(ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, "new:Customer " + n, "c")
                        .text(ContextIds.LINK, ContextIds.VALUE, "ZD " + (1000 + n))
                        .text(ContextIds.BACKGROUND, ContextIds.VALUE, "Background " + n);
                submissions.add(slack.submitView(view.id(), CE_USER, values.toJson()));
                n++;
            }
            long started = System.nanoTime();
            List<Duration> submitAcks = latencies(slack, submissions);
            report("CE Bot: " + submissions.size() + " context submissions (stored before ack)", submitAcks);
            int expected = submissions.size();
            Await.until(WAIT, "all cards posted", () -> slack.messages(SUPPORT).stream().filter(m -> !m.isReply()).count() >= expected);
            System.out.printf("  all %d cards posted %d ms after the burst (outbox, one dispatcher thread)%n",
                    expected, (System.nanoTime() - started) / 1_000_000);
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf("  heap in use after the run: %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    /** A modal the size of the context form's, built the way Bolt's guides build one. */
    private static com.slack.api.model.view.View contextLikeModal() {
        return view(v -> v.type("modal").callbackId(ContextIds.CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Support Ticket Context")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Share")))
                .blocks(asBlocks(
                        input(i -> i.blockId(ContextIds.CUSTOMER).label(plainText("Customer Name"))
                                .element(plainTextInput(p -> p.actionId(ContextIds.VALUE)))),
                        input(i -> i.blockId(ContextIds.LINK).label(plainText("Link to issue (Slack / GH / ZD ticket #)"))
                                .element(plainTextInput(p -> p.actionId(ContextIds.VALUE)))),
                        input(i -> i.blockId(ContextIds.BACKGROUND)
                                .label(plainText("Background information or anything we should know that would be helpful?"))
                                .element(plainTextInput(p -> p.actionId(ContextIds.VALUE).multiline(true)))))));
    }

    /** The pattern Bolt's guides show: call views.open inside the listener, then return the ack. */
    @Test
    void baselineIdiomaticBolt() throws Exception {
        try (SlackFake slack = SlackFake.start()) {
            Slack client = Slack.getInstance(slack.slackConfig());
            App app = new App(AppConfig.builder().slack(client).singleTeamBotToken(SlackFake.BOT_TOKEN).build());
            app.globalShortcut(ContextIds.CALLBACK_ID, (req, ctx) -> {
                ctx.client().viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId())
                        .view(contextLikeModal()));
                return ctx.ack();
            });
            SocketModeApp socket = new SocketModeApp(SlackFake.APP_TOKEN, app);
            socket.startAsync();
            try {
                slack.awaitConnections(1, Duration.ofSeconds(10));
                List<String> shortcuts = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    shortcuts.add(slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER));
                }
                report("Baseline (views.open before ack): " + BURST + " shortcuts", latencies(slack, shortcuts));
                slack.awaitCalls("views.open", BURST, WAIT);
                System.out.printf("  views opened %d of %d%n", slack.views().size(), BURST);
            } finally {
                socket.close();
            }
        }
    }

    private static List<Duration> latencies(SlackFake slack, List<String> envelopes) {
        List<Duration> latencies = new ArrayList<>();
        for (String envelope : envelopes) {
            Ack ack = slack.awaitAck(envelope, WAIT);
            latencies.add(ack.latency());
        }
        return latencies;
    }

    private static void report(String what, List<Duration> latencies) {
        List<Long> ms = latencies.stream().map(Duration::toMillis).sorted().toList();
        long late = ms.stream().filter(m -> m >= 3000).count();
        System.out.printf("%s: ack p50 %d ms, p99 %d ms, max %d ms, over 3 s: %d%n", what,
                ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.99) - 1), ms.get(ms.size() - 1), late);
    }
}
