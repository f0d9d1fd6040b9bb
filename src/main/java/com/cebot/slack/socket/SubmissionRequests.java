package com.cebot.slack.socket;

import com.google.gson.Gson;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.util.json.GsonFactory;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.objenesis.ObjenesisStd;
import org.objenesis.instantiator.ObjectInstantiator;

/**
 * Bolt's request for a submitted modal, with its payload read by one kept {@link Gson}. Bolt's
 * constructor reads it with a Gson made for that one submission ({@code GsonFactory.createSnakeCase()}),
 * so Gson works out its reflective adapters for the whole payload type, view and state included,
 * every time: 370–600 µs a submission against 45–70 µs with a kept Gson, and three quarters of the
 * submission workers' CPU in a burst. So the request is allocated without its constructor
 * (Objenesis), and its fields are set as the constructor sets them. {@code BoltRequestsTest} holds
 * the result to Bolt's own, field by field, and fails on another SDK version whose class is shaped
 * otherwise (the jar ships the one it was built with).
 */
final class SubmissionRequests {

    private SubmissionRequests() {}

    /** Found with the first submission rather than on the start's way to its socket. */
    private static final class Kept {
        static final Gson GSON = GsonFactory.createSnakeCase();
        static final Fields FIELDS = Fields.find();
    }

    /** The fields the constructors set, found once. */
    private record Fields(
            ObjectInstantiator<ViewSubmissionRequest> blank,
            Field requestBody,
            Field headers,
            Field payload,
            Field context,
            Field queryString) {

        static Fields find() {
            try {
                Class<ViewSubmissionRequest> type = ViewSubmissionRequest.class;
                return new Fields(
                        new ObjenesisStd(false).getInstantiatorOf(type),
                        open(type.getDeclaredField("requestBody")),
                        open(type.getDeclaredField("headers")),
                        open(type.getDeclaredField("payload")),
                        open(type.getDeclaredField("context")),
                        open(Request.class.getDeclaredField("queryString")));
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("Bolt's submission request is not the one this was written for", e);
            }
        }

        private static Field open(Field field) {
            field.setAccessible(true);
            return field;
        }
    }

    static ViewSubmissionRequest request(String payloadBody, RequestHeaders headers) {
        Fields fields = Kept.FIELDS;
        ViewSubmissionPayload payload = Kept.GSON.fromJson(payloadBody, ViewSubmissionPayload.class);
        ViewSubmissionRequest request = fields.blank().newInstance();
        ViewSubmissionContext context = new ViewSubmissionContext();
        try {
            fields.requestBody().set(request, payloadBody);
            fields.headers().set(request, headers);
            fields.payload().set(request, payload);
            fields.context().set(request, context);
            fields.queryString().set(request, new ConcurrentHashMap<String, List<String>>());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Bolt's submission request could not be filled in", e);
        }
        fillIn(context, payload);
        return request;
    }

    /** What Bolt's constructor (1.48.0) tells the context from the payload, in its order. */
    private static void fillIn(ViewSubmissionContext context, ViewSubmissionPayload payload) {
        if (payload.getEnterprise() != null) {
            context.setEnterpriseId(payload.getEnterprise().getId());
        } else if (payload.getTeam() != null) {
            context.setEnterpriseId(payload.getTeam().getEnterpriseId());
        }
        if (payload.getView() != null && payload.getView().getAppInstalledTeamId() != null) {
            context.setTeamId(payload.getView().getAppInstalledTeamId());
        } else if (payload.getTeam() != null && payload.getTeam().getId() != null) {
            context.setTeamId(payload.getTeam().getId());
        } else if (payload.getView() != null && payload.getView().getTeamId() != null) {
            context.setTeamId(payload.getView().getTeamId());
        } else if (payload.getUser() != null && payload.getUser().getId() != null) {
            context.setTeamId(payload.getUser().getTeamId());
        }
        context.setRequestUserId(payload.getUser().getId());
        context.setResponseUrls(payload.getResponseUrls());
        context.setFunctionBotAccessToken(payload.getBotAccessToken());
        if (payload.getFunctionData() != null) {
            context.setFunctionExecutionId(payload.getFunctionData().getExecutionId());
        }
    }
}
