package com.cebot.ops;

import com.cebot.logging.SafeErrors;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' HTTP endpoints, on the JDK's own server: {@code GET /healthz} (the process
 * answers), {@code GET /readyz} (200, or 503 with the reason in plain text) and {@code GET /metrics}
 * (Prometheus' text format). Any other path is 404, any other method 405. Answers carry no user
 * data: readiness in a few words, metrics by kind.
 */
final class OpsListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsListener.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    /** Prometheus' text exposition format, as {@code PrometheusMeterRegistry.scrape()} writes it. */
    static final String METRICS = "text/plain; version=0.0.4; charset=utf-8";

    /** Whether the bot can take work: empty when it can, else why not. */
    interface Probe {
        Optional<String> notReady();
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private OpsListener(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Listens at {@code address} (port 0: any free one) until closed.
     *
     * @throws IOException when the address cannot be bound (a port in use, an address not of this machine)
     */
    static OpsListener start(InetSocketAddress address, Probe readiness, Supplier<String> metrics) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        AtomicInteger n = new AtomicInteger();
        // Two threads: a probe waiting for a slow store never holds up /healthz.
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "ops-http-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> answer(exchange, readiness, metrics));
        server.start();
        return new OpsListener(server, threads);
    }

    /** The port it listens on. */
    int port() {
        return server.getAddress().getPort();
    }

    /** What a request is answered with. */
    private record Answer(int status, String type, String body) {

        static Answer text(int status, String body) {
            return new Answer(status, TEXT, body + "\n");
        }
    }

    private static void answer(HttpExchange exchange, Probe readiness, Supplier<String> metrics) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Answer answer;
            try {
                answer = answer(path, exchange.getRequestMethod(), readiness, metrics);
            } catch (RuntimeException e) {
                log.warn("The ops listener could not answer {}: {}", path, SafeErrors.describe(e));
                answer = Answer.text(500, "error: see the bot's log");
            }
            if (answer.status() == 405) {
                exchange.getResponseHeaders().set("Allow", "GET");
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.type());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Answer answer(String path, String method, Probe readiness, Supplier<String> metrics) {
        if (!path.equals("/healthz") && !path.equals("/readyz") && !path.equals("/metrics")) {
            return Answer.text(404, "not found: the endpoints are /healthz, /readyz and /metrics");
        }
        if (!method.equals("GET")) {
            return Answer.text(405, "method not allowed: use GET");
        }
        if (path.equals("/healthz")) {
            return Answer.text(200, "ok");
        }
        if (path.equals("/readyz")) {
            Optional<String> why = readiness.notReady();
            return why.map(w -> Answer.text(503, "not ready: " + w)).orElse(Answer.text(200, "ready"));
        }
        return new Answer(200, METRICS, metrics.get());
    }

    /** Stops listening at once; a probe in hand is cut short. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
