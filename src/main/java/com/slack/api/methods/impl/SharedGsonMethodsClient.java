package com.slack.api.methods.impl;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Response;

/**
 * The SDK's Web API client, reading every response with one {@link Gson}. The SDK (1.48.0) builds
 * a new Gson for each response it reads, so Gson works out its reflective adapters for the response
 * type (a view, a message with its blocks) afresh on every call; in a burst of shortcuts that made
 * {@code views.open} slow enough for triggers to expire, and it slowed every outbox post. Gson is
 * thread-safe and keeps its adapters. It sits in the SDK's package because the method it replaces is
 * package-private there; the bot turns statistics off, so the SDK's per-team metrics it skips were
 * never kept.
 */
public final class SharedGsonMethodsClient extends MethodsClientImpl {

    private final SlackHttpClient http;
    private final Gson gson;

    public SharedGsonMethodsClient(Slack slack, String token) {
        super(slack.getHttpClient(), token);
        this.http = slack.getHttpClient();
        this.gson = GsonFactory.createSnakeCase(http.getConfig());
        setEndpointUrlPrefix(http.getConfig().getMethodsEndpointUrlPrefix());
    }

    @Override
    <T extends SlackApiTextResponse> T parseJsonResponseAndRunListeners(String teamId, String methodName,
            Response response, Class<T> type, boolean isRequestBodyBinary) throws IOException, SlackApiException {
        String body = response.body().string();
        if (!response.isSuccessful()) {
            throw new SlackApiException(http.getConfig(), response, body);
        }
        try {
            T parsed = gson.fromJson(body, type);
            parsed.setHttpResponseHeaders(lowerCasedNames(response));
            return parsed;
        } finally {
            http.runHttpResponseListeners(response, body, isRequestBodyBinary);
        }
    }

    private static Map<String, List<String>> lowerCasedNames(Response response) {
        Map<String, List<String>> headers = new HashMap<>();
        response.headers().toMultimap().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ENGLISH), values));
        return headers;
    }
}
