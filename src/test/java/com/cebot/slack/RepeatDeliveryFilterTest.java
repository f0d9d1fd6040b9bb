package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.db.Deliveries;
import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repeat check on Bolt's own event requests, with a real store (RepeatDeliveryE2ETest runs it over a socket). */
class RepeatDeliveryFilterTest {

    @TempDir
    Path dir;

    private final AtomicInteger handled = new AtomicInteger();
    private final MiddlewareChain listener = req -> {
        handled.incrementAndGet();
        return Response.ok();
    };

    @Test
    void theEventId_isTheCallbacksOwn_notOneInsideTheEvent() {
        assertThat(RepeatDeliveryFilter.eventId(body("Ev1"))).isEqualTo("Ev1");
        assertThat(RepeatDeliveryFilter.eventId("{\"event\":{\"event_id\":\"EvInner\"},\"type\":\"event_callback\"}"))
                .isNull();
        assertThat(RepeatDeliveryFilter.eventId("{\"event_id\":\"\"}")).isNull();
        assertThat(RepeatDeliveryFilter.eventId("not json")).isNull();
    }

    @Test
    void aFirstDelivery_isHandledWithoutAskingTheStore() throws Exception {
        // No such folder: any use of this store fails.
        Jdbi unusable = Jdbi.create("jdbc:sqlite:" + dir.resolve("missing").resolve("cebot.db"));
        try (RepeatDeliveryFilter filter = new RepeatDeliveryFilter(unusable, Clock.systemUTC())) {
            filter.apply(event("Ev1", null), Response.ok(), listener);
            filter.apply(event("Ev1", null), Response.ok(), listener);
        }

        assertThat(handled).as("the copy was dropped from memory").hasValue(1);
    }

    @Test
    void aRetry_thatAnotherProcessHandled_isDropped_byWhatTheStoreRemembers() throws Exception {
        Jdbi jdbi = TestDatabase.open(dir);
        try (RepeatDeliveryFilter first = new RepeatDeliveryFilter(jdbi, Clock.systemUTC())) {
            first.apply(event("Ev1", null), Response.ok(), listener);
        }
        boolean recorded = jdbi.withExtension(Deliveries.class, d -> d.seen("event:Ev1"));
        assertThat(recorded).as("written by close at the latest").isTrue();

        try (RepeatDeliveryFilter other = new RepeatDeliveryFilter(jdbi, Clock.systemUTC())) {
            Response response = other.apply(event("Ev1", "1"), Response.ok(), listener);
            assertThat(response.getStatusCode()).isEqualTo(200);
            other.apply(event("Ev2", "1"), Response.ok(), listener);
        }

        assertThat(handled)
                .as("Ev1 once, and Ev2, whose first try never arrived")
                .hasValue(2);
    }

    /** A handled id reaches the store while the bot runs, not only when it stops. */
    @Test
    void aHandledId_isWrittenSoonAfter_whileRunning() throws Exception {
        Jdbi jdbi = TestDatabase.open(dir);
        try (RepeatDeliveryFilter filter = new RepeatDeliveryFilter(jdbi, Clock.systemUTC())) {
            filter.apply(event("Ev1", null), Response.ok(), listener);

            Await.until(
                    Duration.ofSeconds(5),
                    "the id written",
                    () -> jdbi.withExtension(Deliveries.class, d -> d.seen("event:Ev1")));
        }
    }

    /**
     * Events handled faster than one write each can record them: every id still reaches the store,
     * those handled meanwhile written together, and none is lost to the queue.
     */
    @Test
    void manyEventsAtOnce_everyIdRecorded_inBatches() throws Exception {
        Jdbi jdbi = TestDatabase.open(dir);
        int events = 2_000;
        AtomicInteger statements = new AtomicInteger();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                if (context.getRawSql().contains("INSERT INTO delivery")) {
                    statements.incrementAndGet();
                }
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (RepeatDeliveryFilter filter = new RepeatDeliveryFilter(jdbi, Clock.systemUTC())) {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String id = "Ev" + i;
                sent.add(threads.submit(() -> filter.apply(event(id, null), Response.ok(), listener)));
            }
            for (Future<Response> response : sent) {
                assertThat(response.get(30, TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }

        int recorded =
                jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM delivery WHERE delivery_key LIKE 'event:Ev%'")
                        .mapTo(Integer.class)
                        .one());
        assertThat(recorded).as("every id, written by close at the latest").isEqualTo(events);
        assertThat(handled).hasValue(events);
        assertThat(statements.get())
                .as("batches of the ids handled meanwhile, not a statement each")
                .isLessThan(events);
    }

    @Test
    void anEventWhoseListenerFailed_isNotRemembered() throws Exception {
        Jdbi jdbi = TestDatabase.open(dir);
        try (RepeatDeliveryFilter filter = new RepeatDeliveryFilter(jdbi, Clock.systemUTC())) {
            filter.apply(
                    event("Ev1", null),
                    Response.ok(),
                    req -> Response.builder().statusCode(500).build());
            filter.apply(event("Ev1", "1"), Response.ok(), listener);
        }

        assertThat(handled).hasValue(1);
        boolean firstTime = jdbi.withExtension(Deliveries.class, d -> d.firstTime("event:Ev1", Instant.now()));
        assertThat(firstTime).as("recorded once the retry was handled").isFalse();
    }

    private static EventRequest event(String eventId, String retryNum) {
        Map<String, List<String>> headers =
                retryNum == null ? Map.of() : Map.of("X-Slack-Retry-Num", List.of(retryNum));
        return new EventRequest(body(eventId), new RequestHeaders(headers));
    }

    private static String body(String eventId) {
        return """
                {"token":"t","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback",\
                "event":{"type":"message","channel":"C0CECHAN1","user":"U0CE","text":"hi","ts":"1.000001"},\
                "event_id":"%s","event_time":1}""".formatted(eventId);
    }
}
