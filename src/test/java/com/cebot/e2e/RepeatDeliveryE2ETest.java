package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.db.Deliveries;
import com.cebot.slack.RepeatDeliveryFilter;
import com.cebot.slackfake.Payloads;
import com.cebot.slackfake.SentEvent;
import com.cebot.slackfake.SlackFake;
import com.cebot.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.MessageEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event Slack delivers twice runs its listener once, and both deliveries are acked. */
final class RepeatDeliveryE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void sameEventIdTwice_runsTheListenerOnce_andAcksBoth() throws Exception {
        Jdbi jdbi = TestDatabase.open(dir);
        try (SlackFake slack = SlackFake.start()) {
            slack.addChannel("C0CECHAN1", "ce", true);
            Slack client = Slack.getInstance(slack.slackConfig());
            App app = new App(AppConfig.builder()
                    .slack(client)
                    .singleTeamBotToken(SlackFake.BOT_TOKEN)
                    .build());
            app.use(new RepeatDeliveryFilter(jdbi, Clock.systemUTC()));
            AtomicInteger handled = new AtomicInteger();
            app.event(MessageEvent.class, (req, ctx) -> {
                handled.incrementAndGet();
                return ctx.ack();
            });
            SocketModeApp socket = new SocketModeApp(SlackFake.APP_TOKEN, app);
            socket.startAsync();
            try {
                slack.awaitConnections(1, WAIT);
                SentEvent first = slack.sendMessageEvent("C0CECHAN1", "U0SDR", "question", null);
                slack.awaitAck(first.envelopeId(), WAIT);

                String retry = slack.send("events_api", retryOf(slack, first));
                slack.awaitAck(retry, WAIT);

                assertThat(handled).hasValue(1);
                // Written after the ack, for a retry that reaches another process or a later run.
                com.cebot.testing.Await.until(
                        WAIT,
                        "the event id recorded",
                        () -> jdbi.withExtension(Deliveries.class, d -> d.seen("event:" + first.eventId())));
            } finally {
                socket.close();
            }
        }
    }

    @Test
    void anEventWhoseListenerFailed_isHandledWhenSlackSendsItAgain() throws Exception {
        Jdbi jdbi = TestDatabase.open(dir);
        try (SlackFake slack = SlackFake.start()) {
            slack.addChannel("C0CECHAN1", "ce", true);
            Slack client = Slack.getInstance(slack.slackConfig());
            App app = new App(AppConfig.builder()
                    .slack(client)
                    .singleTeamBotToken(SlackFake.BOT_TOKEN)
                    .build());
            app.use(new RepeatDeliveryFilter(jdbi, Clock.systemUTC()));
            AtomicInteger tries = new AtomicInteger();
            AtomicInteger handled = new AtomicInteger();
            app.event(MessageEvent.class, (req, ctx) -> {
                if (tries.incrementAndGet() == 1) {
                    throw new IllegalStateException("the store was down");
                }
                handled.incrementAndGet();
                return ctx.ack();
            });
            SocketModeApp socket = new SocketModeApp(SlackFake.APP_TOKEN, app);
            socket.startAsync();
            try {
                slack.awaitConnections(1, WAIT);
                SentEvent first = slack.sendMessageEvent("C0CECHAN1", "U0SDR", "question", null);
                com.cebot.testing.Await.until(WAIT, "the first try", () -> tries.get() == 1);

                String retry = slack.send("events_api", retryOf(slack, first));
                slack.awaitAck(retry, WAIT);

                assertThat(handled)
                        .as("the retry was handled, not dropped as a repeat")
                        .hasValue(1);
                com.cebot.testing.Await.until(
                        WAIT,
                        "recorded once handled",
                        () -> jdbi.withExtension(Deliveries.class, d -> d.seen("event:" + first.eventId())));
            } finally {
                socket.close();
            }
        }
    }

    /** The payload Slack would re-send: the same event, the same event id. */
    private static ObjectNode retryOf(SlackFake slack, SentEvent first) {
        var message = slack.message("C0CECHAN1", first.ts()).orElseThrow();
        return Payloads.eventCallback(
                Payloads.messageEvent(message, null),
                first.eventId(),
                Instant.now().getEpochSecond());
    }
}
