package com.cebot.slack.socket;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An envelope as Bolt's request, as {@code SocketModeRequestParser} makes it, with one parse less.
 * That one reads the whole envelope into a tree and writes its payload back out as text for
 * Bolt's own parser, and a submission carries its modal's whole view: CPU each envelope spends
 * before its ack, in a burst. Here the payload's text is cut out of the frame as it stands, found
 * by a streaming read of the top level.
 */
final class BoltRequests {

    private static final JsonFactory JSON = new JsonFactory();

    private final SlackRequestParser parser;

    BoltRequests(AppConfig config) {
        this.parser = new SlackRequestParser(config);
    }

    /** Bolt's request for an envelope; null when the frame has no payload object. */
    Request<?> parse(String message) throws IOException {
        String payload = null;
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
                    json.skipChildren();
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
        return parser.parse(SlackRequestParser.HttpRequest.builder()
                .socketMode(true)
                .requestUri("")
                .remoteAddress("")
                .queryString(Map.of())
                .requestBody(payload)
                .headers(new RequestHeaders(headers))
                .build());
    }
}
