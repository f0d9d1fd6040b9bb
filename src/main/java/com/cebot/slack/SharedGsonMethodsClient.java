package com.cebot.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Response;

/**
 * The SDK's Web API client, reading every response with one {@link Gson}. The SDK (1.48.0) builds
 * a new Gson for each response it reads, so Gson works out its reflective adapters for the response
 * type (a view, a message with its blocks) afresh on every call; in a burst of shortcuts that made
 * {@code views.open} slow enough for triggers to expire, and it slowed every outbox post. Gson is
 * thread-safe and keeps its adapters.
 *
 * <p>Every method the bot calls (files.uploadV2's steps included) goes through the protected
 * {@code postFormWithTokenAndParseResponse}, which this replaces with the stock one's own steps:
 * send the form, read the body, throw {@link SlackApiException} on a non-2xx answer before any
 * response listener runs, else parse, keep the headers under lower-cased names and run the
 * listeners. What it leaves out is the SDK's per-team metrics, which the bot turns off
 * ({@code statsEnabled}). {@code SharedGsonMethodsClientTest} runs both clients against the same
 * answers and fails when the SDK version changes.
 *
 * <p>Each call is counted by method and outcome for the operators' metrics ({@link WebApiCalls}).
 */
public final class SharedGsonMethodsClient extends MethodsClientImpl {

    private final SlackHttpClient http;
    private final Gson gson;
    private final WebApiCalls calls;

    /** @param meters where each call is counted */
    public SharedGsonMethodsClient(Slack slack, String token, MeterRegistry meters) {
        super(slack.getHttpClient(), token);
        this.http = slack.getHttpClient();
        this.gson = GsonFactory.createSnakeCase(http.getConfig());
        this.calls = new WebApiCalls(meters);
        setEndpointUrlPrefix(http.getConfig().getMethodsEndpointUrlPrefix());
    }

    @Override
    protected <T extends SlackApiTextResponse> T postFormWithTokenAndParseResponse(
            FormBody.Builder form, String methodName, String token, Class<T> type)
            throws IOException, SlackApiException {
        long started = System.nanoTime();
        Response response;
        String body;
        try {
            response = runPostFormWithToken(form, methodName, token);
            body = response.body().string();
        } catch (IOException e) {
            calls.failed(methodName, e, started);
            throw e;
        }
        if (!response.isSuccessful()) {
            calls.refused(methodName, response.code(), started);
            throw new SlackApiException(http.getConfig(), response, body);
        }
        try {
            T parsed = gson.fromJson(body, type);
            parsed.setHttpResponseHeaders(lowerCasedNames(response));
            calls.answered(methodName, parsed.isOk(), parsed.getError(), started);
            return parsed;
        } catch (RuntimeException e) {
            calls.unreadable(methodName, started);
            throw e;
        } finally {
            http.runHttpResponseListeners(response, body, false);
        }
    }

    private static Map<String, List<String>> lowerCasedNames(Response response) {
        Map<String, List<String>> headers = new HashMap<>();
        response.headers()
                .toMultimap()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ENGLISH), values));
        return headers;
    }
}
