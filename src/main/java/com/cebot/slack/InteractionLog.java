package com.cebot.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.BlockSuggestionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.GlobalShortcutRequest;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewClosedRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One readable line per handled interaction: type, callback, user, outcome, milliseconds until the
 * ack. Ids only: payload text is the users' and stays out of logs.
 */
public final class InteractionLog implements Middleware {

    private static final Logger log = LoggerFactory.getLogger("interactions");

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware declares the raw type; an override must match it.
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        long started = System.nanoTime();
        Response result = chain.next(req);
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info(
                "{} {} user={} {} {}ms",
                req.getRequestType(),
                callback(req),
                req.getContext().getRequestUserId(),
                outcome(result),
                millis);
        return result;
    }

    static String outcome(Response r) {
        if (r == null) {
            return "no-ack";
        }
        if (r.getStatusCode() != 200) {
            return "unhandled(" + r.getStatusCode() + ")";
        }
        String body = r.getBody();
        return body != null && body.contains("\"response_action\":\"errors\"") ? "rejected" : "acked";
    }

    static String callback(Request<?> req) {
        if (req instanceof GlobalShortcutRequest r) {
            return r.getPayload().getCallbackId();
        }
        if (req instanceof MessageShortcutRequest r) {
            return r.getPayload().getCallbackId();
        }
        if (req instanceof ViewSubmissionRequest r) {
            return r.getPayload().getView().getCallbackId();
        }
        if (req instanceof ViewClosedRequest r) {
            return r.getPayload().getView().getCallbackId();
        }
        if (req instanceof BlockActionRequest r
                && r.getPayload().getActions() != null
                && !r.getPayload().getActions().isEmpty()) {
            return r.getPayload().getActions().get(0).getActionId();
        }
        if (req instanceof BlockSuggestionRequest r) {
            return r.getPayload().getActionId();
        }
        if (req instanceof SlashCommandRequest r) {
            return r.getPayload().getCommand();
        }
        if (req instanceof EventRequest r) {
            return r.getEventTypeAndSubtype();
        }
        return "-";
    }
}
