package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One request the fake received: a Web API method (POSTed form fields) or a {@code response_url} post
 * (method {@code "response_url"}, params {@code {"id": …}}, json = the posted body).
 *
 * @param token the bearer token, or null if none was sent
 * @param params form fields as sent (JSON-valued ones still as strings)
 * @param json the same fields as an object, with JSON-valued fields ({@code blocks}, {@code view}, …) parsed
 * @param status the HTTP status the fake answered with
 */
public record RecordedCall(
        String method, String token, Map<String, String> params, JsonNode json, Instant at, int status) {

    public RecordedCall {
        params = Map.copyOf(params);
        // A copy, so that a test poking at a recorded call cannot change what the fake stored.
        json = json.deepCopy();
    }

    public String param(String name) {
        return params.get(name);
    }
}
