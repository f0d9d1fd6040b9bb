package com.cebot.supportticket.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.BlockJson;
import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.MaxInputs;
import com.cebot.supportticket.TicketCard;
import com.cebot.supportticket.TicketLink;
import com.cebot.supportticket.TicketLinkParser;
import com.cebot.supportticket.TicketLinkParser.ParseResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class ContextCardTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:00Z");

    private static SupportContext context(String customer, String background) {
        var links = ((ParseResult.Parsed) new TicketLinkParser("acme")
                .parse("ZD 1234 https://github.com/sourcegraph/sourcegraph/issues/42")).links();
        return new SupportContext(7, 3, 1, customer, "U0CE", LinksJson.write(links), background, AT);
    }

    /** Gson writes '<' as \u003c; read it back so assertions see the text Slack shows. */
    private static String json(List<LayoutBlock> blocks) {
        try {
            return new ObjectMapper().readTree(BlockJson.of(blocks)).toString();
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void card_showsWhoCustomerLinksBackground_andClaimButton() {
        String json = json(ContextCard.blocks(context("Acme Corp", "Restarts nightly"), null, null));

        assertThat(json).contains("Support context: Acme Corp")
                .contains("<@U0CE>")
                .contains("<https://acme.zendesk.com/agent/tickets/1234|Zendesk #1234>")
                .contains("GitHub issue #42 in sourcegraph/sourcegraph")
                .contains("Restarts nightly")
                .contains("Nobody yet")
                .contains("\"action_id\":\"context_claim\"").contains("\"value\":\"3\"");
    }

    @Test
    void claimedCard_namesAssignee_andHasNoButton() {
        String json = json(ContextCard.blocks(context("Acme", "x"), "U0AE", AT));

        assertThat(json).contains("<@U0AE>").doesNotContain("context_claim").doesNotContain("Nobody yet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!channel>", "<!here>", "<!subteam^S0123|@ce-sdr-collab>", "<@U0BOSS>",
            "<https://evil.example|Zendesk #1>"})
    void typedMentions_areEscaped_inCardNoteAndText(String injection) {
        SupportContext c = context("Acme " + injection, "see " + injection);

        String all = json(ContextCard.blocks(c, null, null)) + json(ContextCard.threadNote(c))
                + ContextCard.text(c) + ContextCard.threadNoteText(c);

        assertThat(all).doesNotContain(injection);
        assertThat(all).contains(injection.replace("<", "&lt;").replace(">", "&gt;"));
    }

    @Test
    void longBackground_staysUnderSectionLimit() {
        String json = json(ContextCard.blocks(context("Acme", "x".repeat(3000)), null, null));

        assertThat(json).contains("…").doesNotContain("x".repeat(2950));
    }

    @Test
    void links_areInTheirOwnSection_onePerLine() {
        List<LayoutBlock> blocks = ContextCard.blocks(context("Acme", "x"), null, null);

        assertThat(texts(blocks)).contains("*Links*\n• <https://acme.zendesk.com/agent/tickets/1234|Zendesk #1234>\n"
                + "• <https://github.com/sourcegraph/sourcegraph/issues/42|GitHub issue #42 in sourcegraph/sourcegraph>");
        assertThat(((SectionBlock) blocks.get(1)).getFields()).extracting(TextObject::getText)
                .noneMatch(t -> t.contains("Links"));
    }

    @Test
    void tenLongestLinks_showAsManyAsFit_andSayHowManyMore() {
        List<TicketLink> links = MaxInputs.longestLinks();
        SupportContext c = new SupportContext(7, 3, 1, "Acme", "U0CE", LinksJson.write(links), "x", AT);

        String shown = texts(ContextCard.blocks(c, null, null)).stream().filter(t -> t.startsWith("*Links*"))
                .findFirst().orElseThrow();

        assertThat(shown).hasSizeLessThanOrEqualTo(3000).contains("• <" + links.get(0).url() + "|").endsWith("\n• and 3 more");
        assertThat(shown.split("\n")).hasSize(1 + 7 + 1);
    }

    @Test
    void backgroundThatFits_isShownWhole_withoutSayingAnythingWasShortened() {
        String background = "&".repeat(580);

        List<String> texts = texts(ContextCard.blocks(context("Acme", background), null, null));

        assertThat(texts).contains("*Background*\n" + "&amp;".repeat(580)).noneMatch(t -> t.contains("shortened"));
    }

    @Test
    void backgroundLongerThanTheCardHolds_isShortened_andTheCardAndNoteSaySo() {
        SupportContext c = context("Acme", "&".repeat(3000));

        List<String> card = texts(ContextCard.blocks(c, null, null));
        List<String> note = texts(ContextCard.threadNote(c));

        assertThat(card).anyMatch(t -> t.startsWith("*Background*\n&amp;") && t.endsWith("&amp;…"));
        assertThat(card.get(card.size() - 1)).endsWith("lands in this thread. " + TicketCard.SHORTENED);
        assertThat(note).anyMatch(t -> t.startsWith("&amp;") && t.endsWith("&amp;…")).contains(TicketCard.SHORTENED);
    }

    /** Every text object's text, in order, read back from the JSON Slack gets. */
    private static List<String> texts(List<LayoutBlock> blocks) {
        List<String> texts = new ArrayList<>();
        try {
            collect(new ObjectMapper().readTree(BlockJson.of(blocks)), texts);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.path("text").isTextual()) {
            texts.add(node.get("text").asText());
        }
        node.forEach(child -> collect(child, texts));
    }
}
