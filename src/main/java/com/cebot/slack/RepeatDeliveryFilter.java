package com.cebot.slack;

import com.cebot.db.Deliveries;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events come at least once (a retry after a slow ack, two sockets during a refresh). An event id
 * already handled is acked and dropped here, so no listener runs twice for it. The id is recorded
 * only once its listeners have returned, that is once their work has committed: if handling fails,
 * Slack's retry is handled instead of dropped. Two copies arriving at the same moment both pass;
 * listeners that act on events therefore key what they store on the event id as well. Interactions
 * carry no such id; their features key their effects on what was submitted instead.
 */
public final class RepeatDeliveryFilter implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(RepeatDeliveryFilter.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final Clock clock;

    public RepeatDeliveryFilter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware declares the raw type; an override must match it.
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (!(req instanceof EventRequest event)) {
            return chain.next(req);
        }
        String eventId = JSON.readTree(event.getRequestBodyAsString()).path("event_id").asText("");
        if (eventId.isEmpty()) {
            return chain.next(req);
        }
        String key = "event:" + eventId;
        if (jdbi.withExtension(Deliveries.class, d -> d.seen(key))) {
            log.info("event {} delivered again (retry {}); already handled", eventId, event.getContext().getRetryNum());
            return Response.ok();
        }
        Response handled = chain.next(req);
        if (handled != null && handled.getStatusCode() == 200) {
            jdbi.useExtension(Deliveries.class, d -> d.insertIfAbsent(key, clock.instant()));
        }
        return handled;
    }
}
