package com.cebot.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.config.BotConfig;
import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import com.cebot.work.QueueLevels;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener on or off as the settings say, what it answers before and after the bot is up, why it cannot start. */
final class MonitoringTest {

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static BotConfig.Ops on(int port, String address) {
        return new BotConfig.Ops(OptionalInt.of(port), address);
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutAPort_nothingListens_andTheMetersRecordNothing() throws Exception {
        BotConfig.Ops noPort = new BotConfig.Ops(OptionalInt.empty(), "127.0.0.1");
        try (Monitoring off = Monitoring.start(noPort, Clock.systemUTC())) {
            Counter counter = Counter.builder("cebot.test").register(off.meters());
            counter.increment();

            off.watch(() -> true, TestDatabase.open(dir), new QueueLevels(TestDatabase.open(dir), List.of("outbox")));

            assertThat(counter.count()).isZero();
            assertThat(off.meters().getMeters()).isEmpty();
        }
    }

    @Test
    void withAPort_readyzSaysStartingUntilTheBotIsWatched_thenFollowsTheSocket_andMetricsShowTheQueuesAndTheJvm()
            throws Exception {
        int port = freePort();
        AtomicBoolean socketUp = new AtomicBoolean(true);
        Jdbi store = TestDatabase.open(dir);
        try (Monitoring monitoring = Monitoring.start(on(port, "127.0.0.1"), Clock.systemUTC())) {
            Counter.builder("cebot.test").register(monitoring.meters()).increment();
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> starting = get(port, "/readyz");

            monitoring.watch(socketUp::get, store, new QueueLevels(store, List.of("inbox", "outbox", "job")));
            // The store's first answer opens its connection, which may take longer than a probe waits.
            HttpResponse<String> ready = Await.value(Duration.ofSeconds(10), "/readyz answering 200", () -> {
                HttpResponse<String> answer = get(port, "/readyz");
                return answer.statusCode() == 200 ? answer : null;
            });
            socketUp.set(false);
            HttpResponse<String> down = get(port, "/readyz");
            // The queues' first reading may come after a scrape on a busy machine: that one shows NaN.
            String metrics = Await.value(Duration.ofSeconds(10), "the queues' levels", () -> {
                String text = get(port, "/metrics").body();
                return text.lines().anyMatch(l -> l.startsWith("cebot_work") && l.endsWith("NaN")) ? null : text;
            });

            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).isEqualTo("not ready: the bot is starting\n");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(metrics)
                    .contains(
                            "cebot_test_total 1.0",
                            "cebot_work_pending{queue=\"outbox\"} 0.0",
                            "cebot_work_oldest_pending_age_seconds{queue=\"job\"} 0.0",
                            "jvm_memory_used_bytes",
                            "jvm_threads_live_threads",
                            "process_uptime_seconds");
        }
        assertThatThrownBy(() -> get(port, "/healthz")).as("closed").isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aPortInUse_stopsTheStart_inOneLineNamingOpsPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Monitoring.start(on(port, "127.0.0.1"), Clock.systemUTC()))
                    .isInstanceOf(Monitoring.CannotListen.class)
                    .hasMessageStartingWith("ops.port " + port + " cannot be opened on 127.0.0.1 (")
                    .hasMessageEndingWith("): choose another port, or stop what listens there.")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void anAddressNotOfThisMachine_stopsTheStart_namingOpsBindAddress() throws Exception {
        int port = freePort();

        assertThatThrownBy(() -> Monitoring.start(on(port, "192.0.2.1"), Clock.systemUTC()))
                .isInstanceOf(Monitoring.CannotListen.class)
                .hasMessage("ops.bind_address \"192.0.2.1\" is not an address of this machine; use one of its own,"
                        + " such as 127.0.0.1 or 0.0.0.0 for every interface.");
    }
}
