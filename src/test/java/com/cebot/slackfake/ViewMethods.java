package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Modals and the Home tab: trigger ids, stacks, hashes and Block Kit limits. */
final class ViewMethods {

    private final ViewStore views;
    private final Triggers triggers;

    ViewMethods(ViewStore views, Triggers triggers) {
        this.views = views;
        this.triggers = triggers;
    }

    void register(Map<String, Handler> handlers) {
        handlers.put("views.open", r -> {
            JsonNode view = checkedView(r);
            return reply(views.open(triggers.exchange(r.param("trigger_id")), view));
        });
        handlers.put("views.push", r -> {
            JsonNode view = checkedView(r);
            return reply(views.push(triggers.exchange(r.param("trigger_id")), view));
        });
        handlers.put("views.update", r -> {
            JsonNode view = checkedView(r);
            if (r.param("view_id") == null && r.param("external_id") == null) {
                throw new SlackError("invalid_arguments", List.of("[ERROR] view_id or external_id is required"));
            }
            return reply(views.update(r.param("view_id"), r.param("external_id"), r.param("hash"), view));
        });
        handlers.put("views.publish", r -> {
            JsonNode view = checkedView(r);
            if (!"home".equals(Json.text(view, "type"))) {
                throw new SlackError("invalid_arguments", List.of("[ERROR] must be home [json-pointer:/view/type]"));
            }
            return reply(views.publish(r.required("user_id", "invalid_arguments"), view, r.param("hash")));
        });
    }

    /** The view argument is checked before the trigger is used, so a refused view leaves the trigger usable. */
    private static JsonNode checkedView(ApiRequest request) {
        JsonNode view = request.jsonField("view", "invalid_arguments");
        if (view == null || !view.isObject()) {
            throw new SlackError("invalid_arguments", List.of("[ERROR] missing required field: view"));
        }
        if (request.param("view").getBytes(StandardCharsets.UTF_8).length > BlockKitLimits.VIEW_BYTES) {
            throw new SlackError("view_too_large");
        }
        List<BlockKitLimits.Violation> violations = BlockKitLimits.checkView(view);
        if (!violations.isEmpty()) {
            throw new SlackError(
                    "invalid_arguments",
                    violations.stream().map(BlockKitLimits.Violation::message).toList());
        }
        return view;
    }

    private static ObjectNode reply(View view) {
        ObjectNode body = Json.object();
        body.set("view", view.json());
        return body;
    }
}
