package com.cebot.slack.socket;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.BlockSuggestionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.GlobalShortcutRequest;
import com.slack.api.bolt.util.SlackRequestParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An envelope as Bolt's request, as {@code SocketModeRequestParser} makes it, with two parses less.
 * That one reads the whole envelope into a tree and writes its payload back out as text for Bolt's
 * own parser, which reads the payload into a tree again to learn its type before the request's
 * class reads it a third time; a submission carries its modal's whole view. Here one streaming
 * read of the frame finds the payload's text and its type, and the envelopes that come in numbers
 * (events, shortcuts, submissions, clicks, type-ahead) become their request straight away, as
 * Bolt's parser makes them. Anything else, or anything unusual about one of those, still goes
 * through Bolt's parser.
 */
final class BoltRequests {

    private static final JsonFactory JSON = new JsonFactory();

    private final AppConfig config;
    private final SlackRequestParser parser;

    BoltRequests(AppConfig config) {
        this.config = config;
        this.parser = new SlackRequestParser(config);
    }

    /** What the streaming read learnt of a payload: its type, its view's and its event's, and whether it has a command. */
    private record Kind(String type, String viewType, String eventType, boolean command) {}

    /** Bolt's request for an envelope; null when the frame has no payload object. */
    Request<?> parse(String message) throws IOException {
        String payload = null;
        Kind kind = null;
        Map<String, List<String>> headers = new HashMap<>();
        try (JsonParser json = JSON.createParser(message)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (name.equals("payload") && value == JsonToken.START_OBJECT) {
                    int start = (int) json.currentTokenLocation().getCharOffset();
                    kind = kind(json);
                    payload = message.substring(
                            start, (int) json.currentTokenLocation().getCharOffset() + 1);
                } else if (name.equals("retry_attempt") && value == JsonToken.VALUE_NUMBER_INT) {
                    headers.put("X-Slack-Retry-Num", List.of(String.valueOf(json.getIntValue())));
                } else if (name.equals("retry_reason") && value == JsonToken.VALUE_STRING) {
                    headers.put("X-Slack-Retry-Reason", List.of(json.getText()));
                } else {
                    json.skipChildren();
                }
            }
        }
        if (payload == null) {
            return null;
        }
        RequestHeaders requestHeaders = new RequestHeaders(headers);
        Request<?> request = known(payload, kind, requestHeaders);
        if (request == null) {
            return parser.parse(SlackRequestParser.HttpRequest.builder()
                    .socketMode(true)
                    .requestUri("")
                    .remoteAddress("")
                    .queryString(Map.of())
                    .requestBody(payload)
                    .headers(requestHeaders)
                    .build());
        }
        // What SlackRequestParser does to every request it makes from a Socket Mode payload.
        request.setSocketMode(true);
        request.updateContext(config);
        request.setClientIpAddress("");
        return request;
    }

    /**
     * The request Bolt's parser would make, for the common payloads; null for the rest. A payload
     * with a {@code command} is a slash command whatever its type; a submission of a workflow step,
     * or a step's execution event, has a request class of its own.
     */
    private static Request<?> known(String payload, Kind kind, RequestHeaders headers) {
        if (kind.command() || kind.type() == null) {
            return null;
        }
        return switch (kind.type()) {
            case "event_callback" ->
                kind.eventType() == null || kind.eventType().equals("workflow_step_execute")
                        ? null
                        : new EventRequest(payload, headers);
            case "view_submission" ->
                kind.viewType() == null || kind.viewType().equals("workflow_step")
                        ? null
                        : SubmissionRequests.request(payload, headers);
            case "shortcut" -> new GlobalShortcutRequest(payload, payload, headers);
            case "block_actions" -> new BlockActionRequest(payload, payload, headers);
            case "block_suggestion" -> new BlockSuggestionRequest(payload, payload, headers);
            default -> null;
        };
    }

    /** Reads the payload object the parser is at, to its end. */
    private static Kind kind(JsonParser json) throws IOException {
        String type = null;
        String viewType = null;
        String eventType = null;
        boolean command = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals("type") && value == JsonToken.VALUE_STRING) {
                type = json.getText();
            } else if (name.equals("command")) {
                command |= value != JsonToken.VALUE_NULL;
                json.skipChildren();
            } else if (name.equals("view") && value == JsonToken.START_OBJECT) {
                viewType = typeOf(json);
            } else if (name.equals("event") && value == JsonToken.START_OBJECT) {
                eventType = typeOf(json);
            } else {
                json.skipChildren();
            }
        }
        return new Kind(type, viewType, eventType, command);
    }

    /** The {@code type} of the object the parser is at, read to its end. */
    private static String typeOf(JsonParser json) throws IOException {
        String type = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals("type") && value == JsonToken.VALUE_STRING) {
                type = json.getText();
            } else {
                json.skipChildren();
            }
        }
        return type;
    }
}
