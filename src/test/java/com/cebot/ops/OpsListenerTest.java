package com.cebot.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three endpoints, and what the listener answers to anything else. */
final class OpsListenerTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<Optional<String>> notReady = new AtomicReference<>(Optional.empty());
    private final AtomicReference<String> metrics = new AtomicReference<>("cebot_socket_up 1.0\n");
    private OpsListener listener;

    @BeforeEach
    void start() throws IOException {
        listener = OpsListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), notReady::get, () -> {
            String text = metrics.get();
            if (text == null) {
                throw new IllegalStateException("no metrics for you");
            }
            return text;
        });
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    @Test
    void healthz_answersOk_whateverTheReadiness() throws Exception {
        notReady.set(Optional.of("the Socket Mode connection is down"));

        HttpResponse<String> health = get("/healthz");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(health.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
    }

    @Test
    void readyz_is200WhenReady_and503WithTheReasonWhenNot() throws Exception {
        HttpResponse<String> ready = get("/readyz");
        notReady.set(Optional.of("the store did not answer within 500 ms"));
        HttpResponse<String> notYet = get("/readyz");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");
        assertThat(notYet.statusCode()).isEqualTo(503);
        assertThat(notYet.body()).isEqualTo("not ready: the store did not answer within 500 ms\n");
    }

    @Test
    void metrics_isPrometheusText() throws Exception {
        HttpResponse<String> scrape = get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).isEqualTo("cebot_socket_up 1.0\n");
        assertThat(scrape.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scrape.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/health", "/healthz/", "/metrics/x", "/READYZ", "/favicon.ico"})
    void anyOtherPath_is404(String path) throws Exception {
        HttpResponse<String> answer = get(path);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("/healthz, /readyz and /metrics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void anyOtherMethod_is405_sayingGet(String method) throws Exception {
        HttpResponse<String> answer = send(method, "/metrics");

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void aQueryString_isIgnored() throws Exception {
        assertThat(get("/healthz?verbose=1").statusCode()).isEqualTo(200);
    }

    @Test
    void aFailureWhileAnswering_is500_andTheListenerGoesOn() throws Exception {
        metrics.set(null);

        HttpResponse<String> failed = get("/metrics");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).doesNotContain("no metrics for you");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aPortInUse_cannotBeListenedOn() {
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port());

        assertThatThrownBy(() -> OpsListener.start(taken, Optional::empty, () -> ""))
                .isInstanceOf(IOException.class);
    }

    @Test
    void closed_listensNoMore() {
        listener.close();

        assertThatThrownBy(() -> get("/healthz")).isInstanceOf(IOException.class);
    }
}
