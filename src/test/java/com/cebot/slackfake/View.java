package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A modal or Home tab view as the fake stores it, in the full shape Slack returns from
 * {@code views.open} (id, hash, state, root_view_id, …).
 *
 * @param userId the user it was opened for (from the trigger id) or published to
 */
public record View(String id, String userId, ObjectNode json) {

    public View {
        json = json.deepCopy();
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    public String type() {
        return Json.text(json, "type");
    }

    public String callbackId() {
        return Json.text(json, "callback_id");
    }

    public String privateMetadata() {
        return Json.text(json, "private_metadata");
    }

    public String externalId() {
        return Json.text(json, "external_id");
    }

    public String hash() {
        return Json.text(json, "hash");
    }

    public String rootViewId() {
        return Json.text(json, "root_view_id");
    }

    public String previousViewId() {
        return Json.text(json, "previous_view_id");
    }

    /** The title text, or null for a Home tab. */
    public String title() {
        return Json.text(json.get("title"), "text");
    }

    public JsonNode blocks() {
        return json.path("blocks").deepCopy();
    }
}
