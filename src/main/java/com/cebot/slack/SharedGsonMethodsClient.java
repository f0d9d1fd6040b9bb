package com.cebot.slack;

import com.google.gson.Gson;
import com.google.gson.stream.JsonWriter;
import com.slack.api.Slack;
import com.slack.api.methods.Methods;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.methods.request.views.ViewsOpenRequest;
import com.slack.api.methods.request.views.ViewsPublishRequest;
import com.slack.api.methods.request.views.ViewsUpdateRequest;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.methods.response.views.ViewsUpdateResponse;
import com.slack.api.model.view.View;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The SDK's Web API client, reading every response with one {@link Gson}. The SDK (1.48.0) builds
 * a new Gson for each response it reads, so Gson works out its reflective adapters for the response
 * type (a view, a message with its blocks) afresh on every call; in a burst of shortcuts that made
 * {@code views.open} slow enough for triggers to expire, and it slowed every outbox post. Gson is
 * thread-safe and keeps its adapters.
 *
 * <p>Every other method the bot calls (files.uploadV2's steps included) goes through the protected
 * {@code postFormWithTokenAndParseResponse}, which this replaces with the stock one's own steps:
 * send the form, read the body, throw {@link SlackApiException} on a non-2xx answer before any
 * response listener runs, else parse, keep the headers under lower-cased names and run the
 * listeners. What it leaves out is the SDK's per-team metrics, which the bot turns off
 * ({@code statsEnabled}). {@code views.open}, {@code views.update} and {@code views.publish} are
 * sent as JSON bodies instead of forms (see {@link #postJson}), and answered by the same steps.
 * {@code SharedGsonMethodsClientTest} runs both clients against the same answers and fails when
 * the SDK version changes.
 *
 * <p>Each call is counted by method and outcome for the operators' metrics ({@link WebApiCalls}).
 */
public final class SharedGsonMethodsClient extends MethodsClientImpl {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

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
        return answer(methodName, type, () -> runPostFormWithToken(form, methodName, token));
    }

    @Override
    public ViewsOpenResponse viewsOpen(ViewsOpenRequest req) throws IOException, SlackApiException {
        return postJson(Methods.VIEWS_OPEN, getToken(req), ViewsOpenResponse.class, json -> {
            field(json, "trigger_id", req.getTriggerId());
            field(json, "interactivity_pointer", req.getInteractivityPointer());
            view(json, req.getView(), req.getViewAsString());
        });
    }

    @Override
    public ViewsUpdateResponse viewsUpdate(ViewsUpdateRequest req) throws IOException, SlackApiException {
        return postJson(Methods.VIEWS_UPDATE, getToken(req), ViewsUpdateResponse.class, json -> {
            view(json, req.getView(), req.getViewAsString());
            field(json, "external_id", req.getExternalId());
            field(json, "hash", req.getHash());
            field(json, "view_id", req.getViewId());
        });
    }

    @Override
    public ViewsPublishResponse viewsPublish(ViewsPublishRequest req) throws IOException, SlackApiException {
        return postJson(Methods.VIEWS_PUBLISH, getToken(req), ViewsPublishResponse.class, json -> {
            field(json, "user_id", req.getUserId());
            view(json, req.getView(), req.getViewAsString());
            field(json, "hash", req.getHash());
        });
    }

    /** The fields of a JSON body, written in order. */
    @FunctionalInterface
    private interface Fields {
        void write(JsonWriter json) throws IOException;
    }

    /**
     * A method Slack takes a JSON body for, sent as JSON: the SDK sends a view as a form field,
     * percent-encoding its whole JSON a character at a time (OkHttp's {@code FormBody}), which was
     * over a third of the CPU each {@code views.open} cost in a burst of shortcuts.
     */
    private <T extends SlackApiTextResponse> T postJson(String methodName, String token, Class<T> type, Fields fields)
            throws IOException, SlackApiException {
        StringWriter text = new StringWriter();
        try (JsonWriter json = gson.newJsonWriter(text)) {
            json.beginObject();
            fields.write(json);
            json.endObject();
        }
        Request request = new Request.Builder()
                .url(getEndpointUrlPrefix() + methodName)
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create(text.toString(), JSON))
                .build();
        return answer(
                methodName, type, () -> http.getOkHttpClient().newCall(request).execute());
    }

    private static void field(JsonWriter json, String name, String value) throws IOException {
        if (value != null) {
            json.name(name).value(value);
        }
    }

    /** The view as the SDK writes it into its form field, here as an object. */
    private void view(JsonWriter json, View view, String asString) throws IOException {
        if (asString != null) {
            json.name("view").jsonValue(asString);
        } else if (view != null) {
            json.name("view");
            gson.toJson(view, View.class, json);
        }
    }

    /** A call to Slack that has been made: its HTTP response. */
    @FunctionalInterface
    private interface Sent {
        Response get() throws IOException;
    }

    /**
     * The stock client's steps after sending: read the body, throw {@link SlackApiException} on a
     * non-2xx answer before any response listener runs, else parse, keep the headers under
     * lower-cased names and run the listeners; each call counted.
     */
    private <T extends SlackApiTextResponse> T answer(String methodName, Class<T> type, Sent send)
            throws IOException, SlackApiException {
        long started = System.nanoTime();
        Response response;
        String body;
        try {
            response = send.get();
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
