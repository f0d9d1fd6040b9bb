package com.cebot.slackfake;

import com.cebot.slack.BlockJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slack's Block Kit and view size limits (SLACK.md §4). Each violation is reported the way Slack's
 * {@code response_metadata.messages} does: the limit in words and a JSON pointer to the field.
 *
 * <p>The fake checks every message and view it is sent; tests of the views themselves call
 * {@link #violations(List)} and {@link #violations(View)} to hold them to the same limits.
 */
public final class BlockKitLimits {

    static final int MESSAGE_BLOCKS = 50;
    static final int VIEW_BLOCKS = 100;
    static final int VIEW_BYTES = 250_000;
    static final int UPDATE_TEXT = 4_000;
    /**
     * Characters of text all the blocks of one message may hold together. Slack refuses more with
     * {@code msg_blocks_too_long} but documents no number: it was observed near 13,000 (SLACK.md
     * §11.13, bolt-js#2509), and a message of ~11,300 was reported refused too (bolt-js#2867). The
     * fake refuses above 12,000, deliberately below what was observed, so that nothing which passes
     * here is close to Slack's edge.
     */
    public static final int MESSAGE_BLOCK_TEXT = 12_000;

    private static final int VIEW_BUTTON_TEXT = 24;
    private static final int ID = 255;
    private static final int PRIVATE_METADATA = 3_000;
    private static final int SECTION_TEXT = 3_000;
    private static final int FIELDS = 10;
    private static final int FIELD_TEXT = 2_000;
    private static final int HEADER_TEXT = 150;
    private static final int LABEL = 2_000;
    private static final int PLACEHOLDER = 150;
    private static final int INPUT_LENGTH = 3_000;
    private static final int BUTTON_TEXT = 75;
    private static final int BUTTON_VALUE = 2_000;
    private static final int URL = 3_000;
    private static final int OPTION_TEXT = 75;
    private static final int OPTION_VALUE = 150;
    private static final int ACTIONS_ELEMENTS = 25;
    private static final int CONTEXT_ELEMENTS = 10;

    /** Most option lists hold 100; these element types hold fewer. */
    private static final Map<String, Integer> OPTIONS = Map.of("overflow", 5, "checkboxes", 10, "radio_buttons", 10);

    private static final int SELECT_OPTIONS = 100;

    /**
     * One limit broken. {@code tooLongInTotal} marks the cumulative one: Slack answers it with its
     * own error, {@code msg_blocks_too_long}, rather than {@code invalid_blocks}.
     */
    public record Violation(String pointer, String problem, boolean tooLongInTotal) {
        Violation(String pointer, String problem) {
            this(pointer, problem, false);
        }

        public String message() {
            return "[ERROR] " + problem + " [json-pointer:" + pointer + "]";
        }
    }

    private final List<Violation> found = new ArrayList<>();
    private final Set<String> blockIds = new HashSet<>();

    private BlockKitLimits() {}

    /** Every limit the blocks of a message break, the cumulative one included. */
    public static List<Violation> violations(List<LayoutBlock> blocks) {
        return checkMessageBlocks(Json.parse(BlockJson.of(blocks)).orElseThrow());
    }

    /** Every limit a modal or Home tab breaks, its total size included. */
    public static List<Violation> violations(View view) {
        String json = GsonFactory.createSnakeCase().toJson(view);
        List<Violation> found = new ArrayList<>(checkView(Json.parse(json).orElseThrow()));
        if (json.getBytes(StandardCharsets.UTF_8).length > VIEW_BYTES) {
            found.add(new Violation("/view", "must be at most " + VIEW_BYTES + " bytes"));
        }
        return found;
    }

    /** The same for the JSON the Web API is sent: a message (or its blocks array), or a view. */
    public static List<Violation> violationsOfJson(String json) {
        JsonNode node = Json.parse(json).orElseThrow(() -> new IllegalArgumentException("not JSON: " + json));
        if (node.isArray()) {
            return checkMessageBlocks(node);
        }
        if (node.has("view")) {
            return checkView(node.get("view"));
        }
        String type = Json.text(node, "type");
        return "modal".equals(type) || "home".equals(type) ? checkView(node) : checkMessageBlocks(node.get("blocks"));
    }

    static List<Violation> checkMessageBlocks(JsonNode blocks) {
        BlockKitLimits check = new BlockKitLimits();
        check.blocks(blocks, "/blocks", MESSAGE_BLOCKS);
        if (blocks != null && blocks.isArray()) {
            int total = textLength(blocks);
            if (total > MESSAGE_BLOCK_TEXT) {
                check.found.add(new Violation(
                        "/blocks",
                        "blocks hold " + total + " characters of text; at most " + MESSAGE_BLOCK_TEXT
                                + " allowed in total",
                        true));
            }
        }
        return check.found;
    }

    /**
     * Characters of text in the blocks: the {@code text} of every text object (section text and
     * fields, headers, context elements, buttons, options) and of rich text elements.
     */
    static int textLength(JsonNode node) {
        int total = 0;
        if (node.isObject() && node.path("text").isTextual()) {
            total += length(node.get("text"));
        }
        for (JsonNode child : node) {
            total += textLength(child);
        }
        return total;
    }

    static List<Violation> checkView(JsonNode view) {
        BlockKitLimits check = new BlockKitLimits();
        check.view(view);
        return check.found;
    }

    private void view(JsonNode view) {
        String type = Json.text(view, "type");
        if (!"modal".equals(type) && !"home".equals(type)) {
            problem("/view/type", "must be one of modal, home");
        }
        if ("modal".equals(type)) {
            if (!view.has("title")) {
                problem("/view/title", "missing required field: title");
            }
            if (hasInputBlock(view.path("blocks")) && !view.has("submit")) {
                problem("/view/submit", "submit is required when an input block is present");
            }
        }
        maxText(view.get("title"), VIEW_BUTTON_TEXT, "/view/title/text");
        maxText(view.get("submit"), VIEW_BUTTON_TEXT, "/view/submit/text");
        maxText(view.get("close"), VIEW_BUTTON_TEXT, "/view/close/text");
        maxChars(view.get("private_metadata"), PRIVATE_METADATA, "/view/private_metadata");
        maxChars(view.get("callback_id"), ID, "/view/callback_id");
        maxChars(view.get("external_id"), ID, "/view/external_id");
        blocks(view.get("blocks"), "/view/blocks", VIEW_BLOCKS);
    }

    private void blocks(JsonNode blocks, String at, int max) {
        if (blocks == null || !blocks.isArray()) {
            problem(at, "must be an array");
            return;
        }
        maxItems(blocks, max, at);
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), at + "/" + i);
        }
    }

    private void block(JsonNode block, String at) {
        String blockId = Json.text(block, "block_id");
        if (blockId != null) {
            maxChars(block.get("block_id"), ID, at + "/block_id");
            if (!blockIds.add(blockId)) {
                problem(at + "/block_id", "duplicate block_id: " + blockId);
            }
        }
        switch (String.valueOf(Json.text(block, "type"))) {
            case "section" -> section(block, at);
            case "header" -> maxText(block.get("text"), HEADER_TEXT, at + "/text/text");
            case "input" -> input(block, at);
            case "actions" -> actionsElements(block, at);
            case "context" -> maxItems(block.get("elements"), CONTEXT_ELEMENTS, at + "/elements");
            default -> {}
        }
    }

    private void section(JsonNode block, String at) {
        JsonNode text = block.get("text");
        JsonNode fields = block.get("fields");
        if (text == null && fields == null) {
            problem(at, "must provide text or fields");
        }
        if (text != null) {
            minText(text, 1, at + "/text/text");
            maxText(text, SECTION_TEXT, at + "/text/text");
        }
        if (fields != null) {
            maxItems(fields, FIELDS, at + "/fields");
            for (int i = 0; i < fields.size(); i++) {
                maxText(fields.get(i), FIELD_TEXT, at + "/fields/" + i + "/text");
            }
        }
        if (block.has("accessory")) {
            element(block.get("accessory"), at + "/accessory");
        }
    }

    private void input(JsonNode block, String at) {
        if (!block.has("label")) {
            problem(at + "/label", "missing required field: label");
        }
        maxText(block.get("label"), LABEL, at + "/label/text");
        maxText(block.get("hint"), LABEL, at + "/hint/text");
        if (block.has("element")) {
            element(block.get("element"), at + "/element");
        } else {
            problem(at + "/element", "missing required field: element");
        }
    }

    private void actionsElements(JsonNode block, String at) {
        JsonNode elements = block.get("elements");
        maxItems(elements, ACTIONS_ELEMENTS, at + "/elements");
        Set<String> actionIds = new HashSet<>();
        for (int i = 0; elements != null && i < elements.size(); i++) {
            String actionId = Json.text(elements.get(i), "action_id");
            if (actionId != null && !actionIds.add(actionId)) {
                problem(at + "/elements/" + i + "/action_id", "duplicate action_id: " + actionId);
            }
            element(elements.get(i), at + "/elements/" + i);
        }
    }

    private void element(JsonNode element, String at) {
        String type = String.valueOf(Json.text(element, "type"));
        maxChars(element.get("action_id"), ID, at + "/action_id");
        maxText(element.get("placeholder"), PLACEHOLDER, at + "/placeholder/text");
        if (type.equals("button")) {
            maxText(element.get("text"), BUTTON_TEXT, at + "/text/text");
            maxChars(element.get("value"), BUTTON_VALUE, at + "/value");
            maxChars(element.get("url"), URL, at + "/url");
        }
        if (type.equals("plain_text_input")) {
            maxNumber(element.get("max_length"), INPUT_LENGTH, at + "/max_length");
            maxNumber(element.get("min_length"), INPUT_LENGTH, at + "/min_length");
        }
        options(element.get("options"), OPTIONS.getOrDefault(type, SELECT_OPTIONS), at + "/options");
        options(element.get("initial_options"), OPTIONS.getOrDefault(type, SELECT_OPTIONS), at + "/initial_options");
        JsonNode groups = element.get("option_groups");
        maxItems(groups, SELECT_OPTIONS, at + "/option_groups");
        for (int i = 0; groups != null && i < groups.size(); i++) {
            options(groups.get(i).get("options"), SELECT_OPTIONS, at + "/option_groups/" + i + "/options");
        }
    }

    private void options(JsonNode options, int max, String at) {
        maxItems(options, max, at);
        for (int i = 0; options != null && i < options.size(); i++) {
            maxText(options.get(i).get("text"), OPTION_TEXT, at + "/" + i + "/text/text");
            maxChars(options.get(i).get("value"), OPTION_VALUE, at + "/" + i + "/value");
        }
    }

    private static boolean hasInputBlock(JsonNode blocks) {
        for (JsonNode block : blocks) {
            if ("input".equals(Json.text(block, "type"))) {
                return true;
            }
        }
        return false;
    }

    private void maxText(JsonNode textObject, int max, String at) {
        maxChars(textObject == null ? null : textObject.get("text"), max, at);
    }

    private void minText(JsonNode textObject, int min, String at) {
        JsonNode text = textObject.get("text");
        if (text == null || length(text) < min) {
            problem(at, "must be at least " + min + " character" + (min == 1 ? "" : "s"));
        }
    }

    private void maxChars(JsonNode value, int max, String at) {
        if (value != null && value.isTextual() && length(value) > max) {
            problem(at, "must be at most " + max + " characters");
        }
    }

    private void maxItems(JsonNode array, int max, String at) {
        if (array != null && array.size() > max) {
            problem(at, "no more than " + max + " items allowed");
        }
    }

    private void maxNumber(JsonNode value, int max, String at) {
        if (value != null && value.asInt() > max) {
            problem(at, "must be at most " + max);
        }
    }

    /** Slack counts characters, so an emoji is one, not two UTF-16 units. */
    private static int length(JsonNode text) {
        String s = text.asText();
        return s.codePointCount(0, s.length());
    }

    private void problem(String pointer, String problem) {
        found.add(new Violation(pointer, problem));
    }
}
