package com.cebot.slackfake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a view's {@code state.values}: {@code values[block_id][action_id] = {type, <value field>}},
 * one method per input element type (SLACK.md §3.1).
 */
public final class StateValues {

    private final ObjectNode values = Json.object();

    private StateValues() {}

    public static StateValues of() {
        return new StateValues();
    }

    /** @param value null for an optional input the user left empty */
    public StateValues text(String blockId, String actionId, String value) {
        entry(blockId, actionId, "plain_text_input").put("value", value);
        return this;
    }

    /** @param date {@code YYYY-MM-DD} */
    public StateValues date(String blockId, String actionId, String date) {
        entry(blockId, actionId, "datepicker").put("selected_date", date);
        return this;
    }

    /** @param time {@code HH:mm} */
    public StateValues time(String blockId, String actionId, String time, String timezone) {
        entry(blockId, actionId, "timepicker").put("selected_time", time).put("timezone", timezone);
        return this;
    }

    public StateValues select(String blockId, String actionId, String value, String text) {
        entry(blockId, actionId, "static_select").set("selected_option", option(value, text));
        return this;
    }

    public StateValues radio(String blockId, String actionId, String value, String text) {
        entry(blockId, actionId, "radio_buttons").set("selected_option", option(value, text));
        return this;
    }

    public StateValues externalSelect(String blockId, String actionId, String value, String text) {
        entry(blockId, actionId, "external_select").set("selected_option", option(value, text));
        return this;
    }

    /** A multi_external_select; each value doubles as its text. */
    public StateValues externalSelects(String blockId, String actionId, String... values) {
        ArrayNode selected = entry(blockId, actionId, "multi_external_select").putArray("selected_options");
        for (String value : values) {
            selected.add(option(value, value));
        }
        return this;
    }

    public StateValues user(String blockId, String actionId, String userId) {
        entry(blockId, actionId, "users_select").put("selected_user", userId);
        return this;
    }

    public StateValues users(String blockId, String actionId, String... userIds) {
        ArrayNode selected = entry(blockId, actionId, "multi_users_select").putArray("selected_users");
        for (String userId : userIds) {
            selected.add(userId);
        }
        return this;
    }

    public StateValues conversation(String blockId, String actionId, String conversationId) {
        entry(blockId, actionId, "conversations_select").put("selected_conversation", conversationId);
        return this;
    }

    /** Each checked box's value doubles as its text. */
    public StateValues checkboxes(String blockId, String actionId, String... values) {
        ArrayNode selected = entry(blockId, actionId, "checkboxes").putArray("selected_options");
        for (String value : values) {
            selected.add(option(value, value));
        }
        return this;
    }

    public ObjectNode toJson() {
        return values.deepCopy();
    }

    private ObjectNode entry(String blockId, String actionId, String type) {
        ObjectNode block = values.has(blockId) ? (ObjectNode) values.get(blockId) : values.putObject(blockId);
        return block.putObject(actionId).put("type", type);
    }

    private static ObjectNode option(String value, String text) {
        ObjectNode option = Json.object();
        option.putObject("text").put("type", "plain_text").put("text", text).put("emoji", true);
        return option.put("value", value);
    }
}
