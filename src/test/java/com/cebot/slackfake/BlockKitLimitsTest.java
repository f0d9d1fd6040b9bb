package com.cebot.slackfake;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.BlockJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class BlockKitLimitsTest {

    @Test
    void messageBlocksAtEveryLimit_pass() {
        ArrayNode blocks = Json.array();
        blocks.add(section("x".repeat(3000)).put("block_id", "b".repeat(255)));
        blocks.add(header("h".repeat(150)));
        ObjectNode actions = blocks.addObject().put("type", "actions");
        IntStream.range(0, 25)
                .forEach(i -> actions.withArray("elements").add(button("a" + i, "t".repeat(75), "v".repeat(2000))));
        IntStream.range(0, 47).forEach(i -> blocks.add(Json.object().put("type", "divider")));

        assertThat(BlockKitLimits.checkMessageBlocks(blocks)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageViolations")
    void messageOverALimit_isReportedWithItsPointer(String limit, JsonNode blocks, String pointer, String problem) {
        assertThat(BlockKitLimits.checkMessageBlocks(blocks))
                .extracting(BlockKitLimits.Violation::message)
                .containsExactly("[ERROR] " + problem + " [json-pointer:" + pointer + "]");
    }

    @Test
    void messageBlocksHoldingTwelveThousandCharactersOfText_pass() {
        ArrayNode blocks = blocks(4, i -> section("x".repeat(3000)));

        assertThat(BlockKitLimits.checkMessageBlocks(blocks)).isEmpty();
    }

    @Test
    void textInAllKindsOfBlocksOverTwelveThousandInTotal_isTooLongInTotal() {
        ArrayNode blocks = Json.array();
        blocks.add(header("h".repeat(150)));
        blocks.add(section("s".repeat(3000)));
        blocks.add(fields(2, "f".repeat(2000)));
        ObjectNode context = blocks.addObject().put("type", "context");
        context.withArray("elements")
                .add(text("c".repeat(1000)))
                .addObject()
                .put("type", "mrkdwn")
                .put("text", "m".repeat(1000));
        ObjectNode actions = blocks.addObject().put("type", "actions");
        IntStream.range(0, 25).forEach(i -> actions.withArray("elements").add(button("a" + i, "t".repeat(75), "v")));
        blocks.add(section("x".repeat(12_001 - 150 - 3000 - 4000 - 2000 - 25 * 75)));

        assertThat(BlockKitLimits.checkMessageBlocks(blocks))
                .containsExactly(new BlockKitLimits.Violation(
                        "/blocks", "blocks hold 12001 characters of text; at most 12000 allowed in total", true));
    }

    @Test
    void textInTotal_countsCharactersNotUtf16Units() {
        assertThat(BlockKitLimits.checkMessageBlocks(blocks(4, i -> section("🙂".repeat(3000)))))
                .isEmpty();
        assertThat(BlockKitLimits.checkMessageBlocks(blocks(5, i -> section("🙂".repeat(2401)))))
                .extracting(BlockKitLimits.Violation::tooLongInTotal)
                .containsExactly(true);
    }

    @Test
    void sdkBlocksAndViews_areCheckedThroughThePublicEntryPoints() {
        List<LayoutBlock> blocks = IntStream.range(0, 5)
                .<LayoutBlock>mapToObj(
                        i -> Blocks.section(s -> s.text(BlockCompositions.markdownText("<&>".repeat(1000)))))
                .toList();
        View view = Views.view(v -> v.type("modal")
                .title(Views.viewTitle(t -> t.type("plain_text").text("t".repeat(25))))
                .blocks(List.of()));

        assertThat(BlockKitLimits.violations(blocks))
                .extracting(BlockKitLimits.Violation::message)
                .containsExactly("[ERROR] blocks hold 15000 characters of text; at most 12000 allowed in total"
                        + " [json-pointer:/blocks]");
        assertThat(BlockKitLimits.violations(view))
                .extracting(BlockKitLimits.Violation::message)
                .containsExactly("[ERROR] must be at most 24 characters [json-pointer:/view/title/text]");
        assertThat(BlockKitLimits.violationsOfJson(BlockJson.of(blocks.subList(0, 4))))
                .isEmpty();
        assertThat(BlockKitLimits.violationsOfJson("{\"channel\":\"C1\",\"blocks\":" + BlockJson.of(blocks) + "}"))
                .extracting(BlockKitLimits.Violation::tooLongInTotal)
                .containsExactly(true);
    }

    @Test
    void modalAtEveryLimit_passes() {
        ObjectNode view = modal("t".repeat(24));
        view.set("submit", text("s".repeat(24)));
        view.set("close", text("c".repeat(24)));
        view.put("private_metadata", "m".repeat(3000)).put("callback_id", "c".repeat(255));
        ObjectNode input = input("l".repeat(2000));
        input.set("hint", text("h".repeat(2000)));
        ((ObjectNode) input.get("element")).put("max_length", 3000).set("placeholder", text("p".repeat(150)));
        view.withArray("blocks").add(input);
        IntStream.range(0, 99)
                .forEach(i -> view.withArray("blocks").add(Json.object().put("type", "divider")));

        assertThat(BlockKitLimits.checkView(view)).isEmpty();
    }

    @Test
    void titleOfTwentyFourEmoji_countsCharactersNotUtf16Units() {
        assertThat(BlockKitLimits.checkView(modal("🙂".repeat(24)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viewViolations")
    void viewOverALimit_isReportedWithItsPointer(String limit, JsonNode view, String pointer, String problem) {
        assertThat(BlockKitLimits.checkView(view))
                .extracting(BlockKitLimits.Violation::message)
                .containsExactly("[ERROR] " + problem + " [json-pointer:" + pointer + "]");
    }

    static Stream<Arguments> messageViolations() {
        return Stream.of(
                Arguments.of(
                        "51 blocks",
                        blocks(51, i -> Json.object().put("type", "divider")),
                        "/blocks",
                        "no more than 50 items allowed"),
                Arguments.of(
                        "section text 3001",
                        one(section("x".repeat(3001))),
                        "/blocks/0/text/text",
                        "must be at most 3000 characters"),
                Arguments.of(
                        "empty section text", one(section("")), "/blocks/0/text/text", "must be at least 1 character"),
                Arguments.of("11 fields", one(fields(11, "f")), "/blocks/0/fields", "no more than 10 items allowed"),
                Arguments.of(
                        "field 2001",
                        one(fields(1, "f".repeat(2001))),
                        "/blocks/0/fields/0/text",
                        "must be at most 2000 characters"),
                Arguments.of(
                        "header 151",
                        one(header("h".repeat(151))),
                        "/blocks/0/text/text",
                        "must be at most 150 characters"),
                Arguments.of(
                        "block_id 256",
                        one(section("x").put("block_id", "b".repeat(256))),
                        "/blocks/0/block_id",
                        "must be at most 255 characters"),
                Arguments.of(
                        "duplicate block_id",
                        blocks(2, i -> section("x").put("block_id", "same")),
                        "/blocks/1/block_id",
                        "duplicate block_id: same"),
                Arguments.of(
                        "button text 76",
                        one(actions(button("a", "t".repeat(76), "v"))),
                        "/blocks/0/elements/0/text/text",
                        "must be at most 75 characters"),
                Arguments.of(
                        "button value 2001",
                        one(actions(button("a", "t", "v".repeat(2001)))),
                        "/blocks/0/elements/0/value",
                        "must be at most 2000 characters"),
                Arguments.of(
                        "action_id 256",
                        one(actions(button("a".repeat(256), "t", "v"))),
                        "/blocks/0/elements/0/action_id",
                        "must be at most 255 characters"),
                Arguments.of(
                        "26 actions",
                        one(actions(IntStream.range(0, 26)
                                .mapToObj(i -> button("a" + i, "t", "v"))
                                .toArray(ObjectNode[]::new))),
                        "/blocks/0/elements",
                        "no more than 25 items allowed"),
                Arguments.of(
                        "duplicate action_id",
                        one(actions(button("a", "t", "v"), button("a", "t", "v"))),
                        "/blocks/0/elements/1/action_id",
                        "duplicate action_id: a"),
                Arguments.of(
                        "11 context elements", one(context(11)), "/blocks/0/elements", "no more than 10 items allowed"),
                Arguments.of(
                        "101 options",
                        one(accessory(select(101, "o", "v"))),
                        "/blocks/0/accessory/options",
                        "no more than 100 items allowed"),
                Arguments.of(
                        "option text 76",
                        one(accessory(select(1, "o".repeat(76), "v"))),
                        "/blocks/0/accessory/options/0/text/text",
                        "must be at most 75 characters"),
                Arguments.of(
                        "option value 151",
                        one(accessory(select(1, "o", "v".repeat(151)))),
                        "/blocks/0/accessory/options/0/value",
                        "must be at most 150 characters"));
    }

    static Stream<Arguments> viewViolations() {
        return Stream.of(
                Arguments.of("title 25", modal("t".repeat(25)), "/view/title/text", "must be at most 24 characters"),
                Arguments.of(
                        "submit 25",
                        withField(modal("t"), "submit", text("s".repeat(25))),
                        "/view/submit/text",
                        "must be at most 24 characters"),
                Arguments.of(
                        "close 25",
                        withField(modal("t"), "close", text("c".repeat(25))),
                        "/view/close/text",
                        "must be at most 24 characters"),
                Arguments.of(
                        "101 blocks",
                        withBlocks(modal("t"), blocks(101, i -> Json.object().put("type", "divider"))),
                        "/view/blocks",
                        "no more than 100 items allowed"),
                Arguments.of(
                        "private_metadata 3001",
                        modal("t").put("private_metadata", "m".repeat(3001)),
                        "/view/private_metadata",
                        "must be at most 3000 characters"),
                Arguments.of(
                        "callback_id 256",
                        modal("t").put("callback_id", "c".repeat(256)),
                        "/view/callback_id",
                        "must be at most 255 characters"),
                Arguments.of(
                        "label 2001",
                        submittable(input("l".repeat(2001))),
                        "/view/blocks/0/label/text",
                        "must be at most 2000 characters"),
                Arguments.of(
                        "hint 2001",
                        submittable(withField(input("l"), "hint", text("h".repeat(2001)))),
                        "/view/blocks/0/hint/text",
                        "must be at most 2000 characters"),
                Arguments.of(
                        "placeholder 151",
                        submittable(inputWithElement(Json.object()
                                .put("type", "plain_text_input")
                                .put("action_id", "a")
                                .set("placeholder", text("p".repeat(151))))),
                        "/view/blocks/0/element/placeholder/text",
                        "must be at most 150 characters"),
                Arguments.of(
                        "max_length 3001",
                        submittable(inputWithElement(Json.object()
                                .put("type", "plain_text_input")
                                .put("action_id", "a")
                                .put("max_length", 3001))),
                        "/view/blocks/0/element/max_length",
                        "must be at most 3000"),
                Arguments.of(
                        "input without submit",
                        withBlocks(modal("t"), one(input("l"))),
                        "/view/submit",
                        "submit is required when an input block is present"),
                Arguments.of(
                        "modal without title",
                        Json.object().put("type", "modal").set("blocks", Json.array()),
                        "/view/title",
                        "missing required field: title"));
    }

    private static ObjectNode text(String text) {
        return Json.object().put("type", "plain_text").put("text", text);
    }

    private static ObjectNode section(String text) {
        ObjectNode block = Json.object().put("type", "section");
        block.putObject("text").put("type", "mrkdwn").put("text", text);
        return block;
    }

    private static ObjectNode fields(int count, String text) {
        ObjectNode block = Json.object().put("type", "section");
        IntStream.range(0, count)
                .forEach(i -> block.withArray("fields")
                        .addObject()
                        .put("type", "mrkdwn")
                        .put("text", text));
        return block;
    }

    private static ObjectNode header(String text) {
        ObjectNode block = Json.object().put("type", "header");
        block.set("text", text(text));
        return block;
    }

    private static ObjectNode button(String actionId, String text, String value) {
        ObjectNode button =
                Json.object().put("type", "button").put("action_id", actionId).put("value", value);
        button.set("text", text(text));
        return button;
    }

    private static ObjectNode actions(ObjectNode... elements) {
        ObjectNode block = Json.object().put("type", "actions");
        block.putArray("elements").addAll(List.of(elements));
        return block;
    }

    private static ObjectNode context(int count) {
        ObjectNode block = Json.object().put("type", "context");
        IntStream.range(0, count).forEach(i -> block.withArray("elements").add(text("c")));
        return block;
    }

    private static ObjectNode select(int options, String text, String value) {
        ObjectNode select = Json.object().put("type", "static_select").put("action_id", "s");
        IntStream.range(0, options)
                .forEach(i -> select.withArray("options")
                        .addObject()
                        .put("value", value)
                        .set("text", text(text)));
        return select;
    }

    private static ObjectNode accessory(ObjectNode element) {
        return withField(section("x"), "accessory", element);
    }

    private static ObjectNode modal(String title) {
        ObjectNode view = Json.object().put("type", "modal");
        view.set("title", text(title));
        view.putArray("blocks");
        return view;
    }

    private static ObjectNode input(String label) {
        return inputWithElement(Json.object().put("type", "plain_text_input").put("action_id", "a"))
                .set("label", text(label));
    }

    private static ObjectNode inputWithElement(ObjectNode element) {
        ObjectNode block = Json.object().put("type", "input").put("block_id", "in");
        block.set("label", text("Label"));
        block.set("element", element);
        return block;
    }

    private static ObjectNode submittable(ObjectNode inputBlock) {
        return withField(withBlocks(modal("t"), one(inputBlock)), "submit", text("Save"));
    }

    private static ObjectNode withField(ObjectNode node, String field, JsonNode value) {
        node.set(field, value);
        return node;
    }

    private static ObjectNode withBlocks(ObjectNode view, ArrayNode blocks) {
        return withField(view, "blocks", blocks);
    }

    private static ArrayNode one(ObjectNode block) {
        return Json.array().add(block);
    }

    private static ArrayNode blocks(int count, IntFunction<ObjectNode> block) {
        ArrayNode blocks = Json.array();
        IntStream.range(0, count).forEach(i -> blocks.add(block.apply(i)));
        return blocks;
    }
}
