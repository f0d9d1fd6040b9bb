package com.cebot.slack;

import com.cebot.db.Deliveries;
import com.cebot.logging.SafeErrors;
import com.cebot.work.Stopping;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events come at least once (a retry after a slow ack, two sockets during a refresh). An event id
 * already handled is acked and dropped here, so no listener runs twice for it. The id is remembered
 * only once its listeners have returned, that is once their work has committed: if handling fails,
 * Slack's retry is handled instead of dropped. Two copies arriving at the same moment both pass;
 * listeners that act on events therefore key what they store on the event id as well. Interactions
 * carry no such id; their features key their effects on what was submitted instead.
 *
 * <p>Every event is on the ack's path, and most are messages nobody acts on, so the check costs no
 * store access for a first delivery: the ids this process handled lately are kept in memory, and
 * the store, which also knows what another process or an earlier run handled, is asked only about
 * an envelope Slack marks as a retry. Handled ids are written to the store after the ack, on a
 * thread of their own, within a quarter of a second, with those handled meanwhile.
 */
public final class RepeatDeliveryFilter implements Middleware, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RepeatDeliveryFilter.class);

    /** Slack retries within minutes; at 200 events a second this is nearly a minute of them. */
    private static final int REMEMBERED = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, Boolean> recent = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** The most ids one statement records. */
    private static final int BATCH = 500;
    /**
     * How often handled ids are written, those handled meanwhile together: at 200
     * events a second, written as each came, every write was one id and its SqlObject attached anew,
     * which cost more CPU than handling the events. Slack sends an event again only after 3 s without
     * its ack, well after this.
     */
    private static final Duration GATHER = Duration.ofMillis(250);

    private final ScheduledExecutorService recorder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "event-ids");
        t.setDaemon(true);
        return t;
    });
    /** Handled ids not yet in the store; full, an id is remembered here only. */
    private final BlockingQueue<String> unrecorded = new ArrayBlockingQueue<>(REMEMBERED);

    public RepeatDeliveryFilter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        recorder.scheduleWithFixedDelay(this::record, GATHER.toMillis(), GATHER.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware declares the raw type; an override must match it.
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (!(req instanceof EventRequest event)) {
            return chain.next(req);
        }
        String eventId = eventId(event.getRequestBodyAsString());
        if (eventId == null) {
            return chain.next(req);
        }
        String key = "event:" + eventId;
        Integer retry = event.getContext().getRetryNum();
        if (remembered(key) || (retry != null && retry > 0 && jdbi.withExtension(Deliveries.class, d -> d.seen(key)))) {
            log.info("event {} delivered again (retry {}); already handled", eventId, retry);
            return Response.ok();
        }
        Response handled = chain.next(req);
        if (handled != null && handled.getStatusCode() == 200) {
            remember(key);
            // A full queue drops the write, never the event: the id is still remembered here, and a
            // listener that acts on an event keys its effect on the event id.
            unrecorded.offer(key);
        }
        return handled;
    }

    private boolean remembered(String key) {
        synchronized (recent) {
            return recent.containsKey(key);
        }
    }

    private void remember(String key) {
        synchronized (recent) {
            recent.put(key, Boolean.TRUE);
        }
    }

    /** Writes the ids handled so far, a batch at a time. */
    private void record() {
        List<String> keys = new ArrayList<>();
        while (unrecorded.drainTo(keys, BATCH) > 0) {
            try {
                jdbi.useExtension(Deliveries.class, d -> d.insertAllIfAbsent(keys, clock.instant()));
            } catch (RuntimeException e) {
                log.warn("Could not record {} handled event(s) in the store: {}", keys.size(), SafeErrors.describe(e));
            }
            keys.clear();
        }
    }

    /** The callback's top-level {@code event_id}, read without parsing the event itself. */
    static String eventId(String body) {
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.beginObject();
            while (reader.hasNext()) {
                if (reader.nextName().equals("event_id") && reader.peek() == JsonToken.STRING) {
                    String id = reader.nextString();
                    return id.isEmpty() ? null : id;
                }
                reader.skipValue();
            }
        } catch (IOException | RuntimeException e) {
            // Not a JSON object: no id to go by.
        }
        return null;
    }

    /** Writes what is queued, then stops; the store closes after this. */
    @Override
    public void close() {
        // The next round is not waited for: what it would write is written here.
        Stopping.gracefully(recorder, Duration.ofSeconds(5));
        record();
    }
}
