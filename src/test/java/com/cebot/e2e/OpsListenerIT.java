package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.testing.Await;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged jar with its ops listener on, as a probe and Prometheus reach it: what only the shaded
 * jar can get wrong (Micrometer's and Prometheus' classes and resources) fails here, and SIGTERM
 * still ends the process with 0 and closes the port.
 */
final class OpsListenerIT {

    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    final ChildBots bots = new ChildBots();

    @Test
    void thePackagedBot_answersTheProbesAndAScrape_andSigtermClosesThePort() {
        OpsClient ops = new OpsClient(OpsClient.freePort());
        bots.harness().appendConfig(OpsClient.settings(ops.port));
        ChildBot bot = bots.start("ops");

        Await.until(
                Duration.ofSeconds(10),
                "/readyz answering 200",
                () -> ops.get("/readyz").statusCode() == 200);
        assertThat(ops.get("/healthz").body()).isEqualTo("ok\n");
        OpsClient.Scrape metrics = ops.scrape();
        assertThat(metrics.value("cebot_socket_up")).hasValue(1);
        assertThat(metrics.value(
                        "cebot_slack_api_calls_seconds_count", "method", "auth.test", "outcome", "ok", "error", "none"))
                .hasValue(1);
        assertThat(metrics.value("cebot_work_pending", "queue", "outbox")).isPresent();
        assertThat(metrics.text).contains("jvm_gc_", "jvm_memory_used_bytes", "process_cpu_usage");
        assertThat(bot.log()).contains("Ops listener on http://127.0.0.1:" + ops.port + "/");

        bot.terminate();

        assertThat(bot.awaitExit(STOP_BOUND)).as(bot.log()).isZero();
        assertThatThrownBy(() -> ops.get("/healthz")).isInstanceOf(UncheckedIOException.class);
        bot.assertCleanLog(List.of());
    }
}
