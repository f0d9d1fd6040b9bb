package com.cebot.slackfake;

import com.cebot.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Web API on loopback: {@code POST /api/<method>} with form fields and a bearer token, plus
 * {@code POST /response/<id>} for response URLs. Each request may first meet a queued {@link Fault};
 * every request is recorded before it is answered, so a caller that got its answer finds its call.
 * Clients reach it through a {@link ConnectionRelay}, which can cut their connections.
 */
final class WebApiServer implements AutoCloseable {

    static {
        // The JDK's server writes a response's headers and body in two segments and, by default,
        // leaves Nagle's algorithm on, so on a kept-alive connection the body waits for the
        // client's delayed ACK: some 40 ms added to every call after the first. Slack answers
        // without that pause, so the fake must too. Read once, when the server class first loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String RESPONSE_URL = "response_url";
    /** The upload URL files.getUploadURLExternal hands out: raw bytes, no token. */
    static final String FILE_UPLOAD = "file_upload";

    private record Reply(int status, String contentType, String body, Map<String, String> headers) {

        static Reply json(int status, JsonNode body) {
            return new Reply(status, "application/json; charset=utf-8", Json.write(body), Map.of());
        }
    }

    private final HttpServer http;
    private final ConnectionRelay relay;
    private final ExecutorService executor;
    private final CallLog calls;
    private final FaultSchedule faults;
    private final Clock clock;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Await.Signal changed = new Await.Signal();
    private final java.util.concurrent.atomic.AtomicInteger inProgress =
            new java.util.concurrent.atomic.AtomicInteger();
    private Map<String, Handler> handlers = Map.of();

    WebApiServer(CallLog calls, FaultSchedule faults, Clock clock) {
        this.calls = calls;
        this.faults = faults;
        this.clock = clock;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake Web API to loopback", e);
        }
        // Enough threads that the few calls a test makes hang never delay the next one, and few
        // enough that a burst of calls does not starve the fake's own socket thread: with a thread
        // per call, 500 views.open at once held back the envelopes the fake was sending by 0.5 s.
        executor = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "slackfake-web-api");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(executor);
        relay = new ConnectionRelay(http.getAddress());
    }

    int port() {
        return relay.port();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** See {@link ConnectionRelay#closeIdle}. */
    int closeIdleConnections() {
        return relay.closeIdle();
    }

    void start(Map<String, Handler> methods) {
        handlers = Map.copyOf(methods);
        http.createContext("/api/", this::serveMethod);
        http.createContext("/response/", this::serveResponseUrl);
        http.createContext("/upload/", this::serveUpload);
        http.start();
    }

    @Override
    public void close() {
        closed.countDown();
        relay.close();
        http.stop(0);
        executor.shutdownNow();
    }

    private void serveMethod(HttpExchange exchange) {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String token = bearerToken(exchange);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> params =
                type != null && type.startsWith("application/json") ? jsonFields(exchange) : formFields(exchange);
        serve(exchange, ApiRequest.ofForm(method, token, params, clock.instant()));
    }

    /**
     * A JSON body, which Slack takes for its write methods as it takes a form: each top-level field
     * as the form field it stands for (an object such as a view as its JSON text), so that the
     * methods read both alike.
     */
    private static Map<String, String> jsonFields(HttpExchange exchange) {
        Map<String, String> fields = new LinkedHashMap<>();
        Json.parse(readBody(exchange))
                .filter(JsonNode::isObject)
                .ifPresent(body -> body.properties()
                        .forEach(f -> fields.put(
                                f.getKey(),
                                f.getValue().isValueNode() ? f.getValue().asText() : Json.write(f.getValue()))));
        return fields;
    }

    private void serveResponseUrl(HttpExchange exchange) {
        String id = exchange.getRequestURI().getPath().substring("/response/".length());
        JsonNode body = Json.parse(readBody(exchange)).orElse(Json.object());
        ObjectNode json = body.isObject() ? (ObjectNode) body : Json.object();
        serve(exchange, new ApiRequest(RESPONSE_URL, null, Map.of("id", id), json, clock.instant()));
    }

    private void serveUpload(HttpExchange exchange) {
        String id = exchange.getRequestURI().getPath().substring("/upload/".length());
        serve(
                exchange,
                new ApiRequest(
                        FILE_UPLOAD,
                        null,
                        Map.of("id", id, "content", readBody(exchange)),
                        Json.object(),
                        clock.instant()));
    }

    /** Requests received and not yet answered (a hang or a held answer included). */
    int inProgress() {
        return inProgress.get();
    }

    void awaitNoneInProgress(Duration timeout) {
        changed.until(
                timeout, () -> inProgress.get() + " Web API call(s) still being answered", () -> inProgress.get() == 0);
    }

    private void serve(HttpExchange exchange, ApiRequest request) {
        inProgress.incrementAndGet();
        try {
            serveCounted(exchange, request);
        } finally {
            inProgress.decrementAndGet();
            changed.signal();
        }
    }

    private void serveCounted(HttpExchange exchange, ApiRequest request) {
        try (exchange) {
            Optional<Fault> fault = faults.next(request.method(), request.param("channel"));
            Reply reply = answer(request, fault);
            calls.add(new RecordedCall(
                    request.method(), request.token(), request.params(), request.json(), request.at(), reply.status()));
            if (fault.isPresent() && fault.get() instanceof Fault.LoseAnswer lost) {
                // Done and recorded; the answer is what gets lost.
                pause(lost.delay());
            }
            if (fault.isPresent() && fault.get() instanceof Fault.ResetAfterWork) {
                // Done and recorded; the connection is cut instead of answered.
                relay.reset(exchange.getRemoteAddress().getPort());
                return;
            }
            send(exchange, reply);
        } catch (IOException e) {
            // The client gave up (e.g. its read timeout during a Hang); there is no one left to answer.
        }
    }

    private Reply answer(ApiRequest request, Optional<Fault> fault) {
        if (fault.isPresent() && fault.get() instanceof Fault.Hang hang) {
            pause(hang.delay());
        } else if (fault.isPresent()
                && !(fault.get() instanceof Fault.LoseAnswer)
                && !(fault.get() instanceof Fault.ResetAfterWork)) {
            return faultReply(fault.get());
        }
        Handler handler = handlers.get(request.method());
        if (handler == null) {
            return Reply.json(200, new SlackError("unknown_method").toJson());
        }
        Reply reply;
        try {
            if (!request.method().equals(RESPONSE_URL) && !request.method().equals(FILE_UPLOAD)) {
                authorize(request);
            }
            ObjectNode body = Json.object().put("ok", true);
            body.setAll(handler.handle(request));
            reply = Reply.json(200, body);
        } catch (SlackError e) {
            reply = Reply.json(200, e.toJson());
        } catch (RuntimeException e) {
            // A bug in the fake must not look like a Slack answer.
            reply = new Reply(500, "text/plain; charset=utf-8", "slackfake failed: " + e, Map.of());
        }
        return reply;
    }

    /** Bot methods take the bot token; apps.connections.open only the app-level token; auth.test either. */
    private static void authorize(ApiRequest request) {
        String token = request.token();
        if (token == null) {
            throw new SlackError("not_authed");
        }
        boolean bot = token.equals(SlackFake.BOT_TOKEN);
        boolean app = token.equals(SlackFake.APP_TOKEN);
        if (!bot && !app) {
            throw new SlackError("invalid_auth");
        }
        switch (request.method()) {
            case "auth.test" -> {}
            case "apps.connections.open" -> {
                if (!app) {
                    throw new SlackError("invalid_auth");
                }
            }
            default -> {
                if (!bot) {
                    throw new SlackError("not_allowed_token_type");
                }
            }
        }
    }

    private static Reply faultReply(Fault fault) {
        if (fault instanceof Fault.RateLimited limited) {
            return new Reply(
                    429,
                    "application/json; charset=utf-8",
                    Json.write(new SlackError("ratelimited").toJson()),
                    Map.of("Retry-After", String.valueOf(limited.retryAfterSeconds())));
        }
        if (fault instanceof Fault.ServerError error) {
            return new Reply(
                    error.status(),
                    "text/html; charset=utf-8",
                    "<html><body>" + error.status() + " Server Error</body></html>",
                    Map.of());
        }
        return Reply.json(200, new SlackError(((Fault.NotOk) fault).error()).toJson());
    }

    /** Waits for the delay, but gives up early when the fake closes so close() stays fast. */
    private void pause(Duration delay) {
        try {
            closed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String bearerToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : null;
    }

    private static Map<String, String> formFields(HttpExchange exchange) {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = readBody(exchange);
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String readBody(HttpExchange exchange) {
        try {
            return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
