package com.cebot.slack;

import com.cebot.db.Deliveries;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * seen before is acked and dropped here, so no listener runs twice for it. Interactions carry no
 * such id; their features key their effects on what was submitted instead.
 *
 * <p>Registered as {@code app.use(filter::apply)}, like {@link InteractionLog} and for the same
 * reason: Bolt's {@code Middleware} interface takes a raw {@code Request}.
 */
public final class RepeatDeliveryFilter {

    private static final Logger log = LoggerFactory.getLogger(RepeatDeliveryFilter.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final Clock clock;

    public RepeatDeliveryFilter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Response apply(Request<?> req, Response resp, MiddlewareChain chain) throws Exception {
        if (req instanceof EventRequest event) {
            String eventId = JSON.readTree(event.getRequestBodyAsString()).path("event_id").asText("");
            if (!eventId.isEmpty() && !jdbi.withExtension(Deliveries.class,
                    d -> d.firstTime("event:" + eventId, clock.instant()))) {
                log.info("event {} delivered again (retry {}); already handled", eventId, event.getContext().getRetryNum());
                return Response.ok();
            }
        }
        return chain.next(req);
    }
}
