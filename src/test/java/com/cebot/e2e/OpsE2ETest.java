package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.app.StartupException;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops listener of the real bot on the loopback Slack: the three endpoints, readiness following
 * the Socket Mode connection, and the metrics moving with a workflow's traffic.
 */
final class OpsE2ETest {

    /** The queues' levels are read at most every 5 s: a wait for them to settle allows for that. */
    private static final Duration LEVELS = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private BotHarness harness;
    private OpsClient ops;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private void startWithOps() {
        harness = BotHarness.create(dir, Clock.systemUTC());
        ops = new OpsClient(OpsClient.freePort());
        harness.appendConfig(OpsClient.settings(ops.port));
        harness.start();
    }

    /** Ready once the store's first answer came: on a busy machine that may take longer than one probe waits. */
    private HttpResponse<String> awaitReady() {
        return Await.value(WAIT, "/readyz answering 200", () -> {
            HttpResponse<String> answer = ops.get("/readyz");
            return answer.statusCode() == 200 ? answer : null;
        });
    }

    @Test
    void theEndpointsAnswer_onceTheBotIsUp() {
        startWithOps();

        HttpResponse<String> health = ops.get("/healthz");
        HttpResponse<String> ready = awaitReady();
        OpsClient.Scrape metrics = Await.value(WAIT, "the queues' first levels", () -> {
            OpsClient.Scrape s = ops.scrape();
            return s.value("cebot_work_failed", "queue", "outbox").isPresent()
                            && !Double.isNaN(s.count("cebot_work_failed", "queue", "outbox"))
                    ? s
                    : null;
        });

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");
        assertThat(metrics.value("cebot_socket_up")).hasValue(1);
        assertThat(metrics.value("cebot_work_failed", "queue", "outbox")).hasValue(0);
        assertThat(metrics.text).contains("# TYPE cebot_socket_up gauge", "jvm_memory_used_bytes");
        assertThat(ops.get("/status").statusCode()).isEqualTo(404);
    }

    @Test
    void readiness_turnsFalseWhenTheSocketDrops_andTrueAgainOnceSlackSaysHelloOnANewOne() {
        startWithOps();
        awaitReady();

        harness.slack.withholdHello(true);
        harness.slack.dropConnections();

        HttpResponse<String> down = Await.value(WAIT, "/readyz answering 503", () -> {
            HttpResponse<String> answer = ops.get("/readyz");
            return answer.statusCode() == 503 ? answer : null;
        });
        assertThat(down.body())
                .isEqualTo("not ready: the Socket Mode connection is down (no socket open that said" + " hello)\n");
        assertThat(ops.get("/healthz").statusCode()).as("alive all the same").isEqualTo(200);
        assertThat(ops.scrape().value("cebot_socket_up")).hasValue(0);

        harness.slack.withholdHello(false);

        Await.until(
                WAIT, "/readyz answering 200 again", () -> ops.get("/readyz").statusCode() == 200);
        OpsClient.Scrape metrics = ops.scrape();
        assertThat(metrics.value("cebot_socket_up")).hasValue(1);
        assertThat(metrics.value("cebot_socket_reconnects_total", "reason", "lost"))
                .hasValue(1);
    }

    @Test
    void aContextForm_movesTheEnvelopeAckAndWebApiCounters_andTheQueuesEmptyAgain() {
        startWithOps();
        harness.slack.awaitAck(harness.slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER), WAIT);
        harness.slack.awaitCall("views.open", WAIT);
        View view = harness.slack.lastOpenedView();

        harness.slack.awaitAck(
                harness.slack.submitView(
                        view.id(),
                        CE_USER,
                        StateValues.of()
                                .externalSelect(ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, "new:Acme", "new:Acme")
                                .text(ContextIds.LINK, ContextIds.VALUE, "ZD 1234")
                                .text(ContextIds.BACKGROUND, ContextIds.VALUE, "Nightly restarts")
                                .toJson()),
                WAIT);
        Await.until(
                WAIT,
                "the card and the DM",
                () -> !harness.slack.messages(SUPPORT).isEmpty()
                        && !harness.slack.messages(CE_USER).isEmpty());

        // The fake keeps a message before it answers, and the bot counts a call once it has the answer.
        Await.until(
                WAIT,
                "the card and the DM counted",
                () -> ops.scrape()
                                .count(
                                        "cebot_slack_api_calls_seconds_count",
                                        "method",
                                        "chat.postMessage",
                                        "outcome",
                                        "ok",
                                        "error",
                                        "none")
                        >= 2);
        Await.until(LEVELS, "the outbox and inbox gauges back to 0", () -> {
            OpsClient.Scrape s = ops.scrape();
            return s.count("cebot_work_pending", "queue", "outbox") == 0
                    && s.count("cebot_work_pending", "queue", "inbox") == 0;
        });
        OpsClient.Scrape metrics = ops.scrape();
        for (String type : new String[] {"shortcut", "view_submission"}) {
            assertThat(metrics.value("cebot_socket_envelopes_total", "envelope", "interactive", "type", type))
                    .as(type)
                    .hasValue(1);
            assertThat(metrics.value("cebot_socket_acks_seconds_count", "envelope", "interactive", "type", type))
                    .as(type)
                    .hasValue(1);
            assertThat(metrics.value(
                            "cebot_socket_acks_seconds_bucket", "envelope", "interactive", "type", type, "le", "+Inf"))
                    .as(type)
                    .hasValue(1);
            // Whether this ack came within 2.5 s is the machine's business; that both say the same is ours.
            double inTime = metrics.count(
                    "cebot_socket_acks_seconds_bucket", "envelope", "interactive", "type", type, "le", "2.5");
            assertThat(metrics.value("cebot_socket_acks_late_total", "envelope", "interactive", "type", type))
                    .as(type)
                    .hasValue(1 - inTime);
            assertThat(metrics.value("cebot_socket_acks_missed_total", "envelope", "interactive", "type", type))
                    .as(type)
                    .hasValue(0);
        }
        assertThat(metrics.value(
                        "cebot_slack_api_calls_seconds_count",
                        "method",
                        "chat.postMessage",
                        "outcome",
                        "ok",
                        "error",
                        "none"))
                .as("the card and the DM")
                .hasValue(harness.slack.calls("chat.postMessage").size())
                .hasValue(2);
        assertThat(metrics.value(
                        "cebot_slack_api_calls_seconds_count",
                        "method",
                        "views.open",
                        "outcome",
                        "ok",
                        "error",
                        "none"))
                .hasValue(1);
        assertThat(metrics.value("cebot_work_claimed", "queue", "outbox")).hasValue(0);
        assertThat(metrics.value("cebot_work_failed", "queue", "outbox")).hasValue(0);
        assertThat(metrics.value("cebot_work_oldest_pending_age_seconds", "queue", "outbox"))
                .hasValue(0);
        assertThat(metrics.value("cebot_store_refused_total", "reason", "busy")).hasValue(0);
        assertThat(metrics.text)
                .as("no user, channel or typed text in a label")
                .doesNotContain(CE_USER, SUPPORT, "Acme", "Nightly", view.id());
    }

    @Test
    void aPortInUse_stopsTheStart_inOneLineNamingOpsPort_beforeSlackIsAsked() throws Exception {
        harness = BotHarness.create(dir, Clock.systemUTC());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            harness.appendConfig(OpsClient.settings(taken.getLocalPort()));

            assertThatThrownBy(harness::tryStart)
                    .isInstanceOfSatisfying(
                            StartupException.class,
                            e -> assertThat(e.problems())
                                    .singleElement()
                                    .asString()
                                    .startsWith("ops.port " + taken.getLocalPort() + " cannot be opened on 127.0.0.1 (")
                                    .doesNotContain("\n"));
        }
        assertThat(harness.slack.calls()).as("nothing asked of Slack").isEmpty();
        assertThat(harness.slack.connectionsOpened()).isZero();
    }
}
