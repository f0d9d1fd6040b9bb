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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ContextCardTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:00Z");
    private static final String TAKERS = "<!subteam^S0AES>";

    private static SupportContext context(String customer, String background) {
        return context(customer, background, "ZD 1234 https://github.com/sourcegraph/sourcegraph/issues/42");
    }

    private static SupportContext context(String customer, String background, String typedLinks) {
        var links = ((ParseResult.Parsed) new TicketLinkParser("acme").parse(typedLinks)).links();
        return new SupportContext(7, 3, 1, customer, "U0CE", LinksJson.write(links), background, AT);
    }

    private static JsonNode tree(List<LayoutBlock> blocks) {
        try {
            return new ObjectMapper().readTree(BlockJson.of(blocks));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Gson writes '<' as \u003c; read it back so assertions see the text Slack shows. */
    private static String json(List<LayoutBlock> blocks) {
        return tree(blocks).toString();
    }

    @Test
    void card_leadsWithTheCustomerAndWhatSupportShouldKnow_thenTheStatusAndLinks_inFiveBlocks() {
        List<LayoutBlock> blocks = ContextCard.blocks(context("Acme Corp", "Restarts nightly"), null, null, null);
        List<String> texts = texts(blocks);

        assertThat(blocks)
                .extracting(LayoutBlock::getType)
                .containsExactly("header", "section", "section", "actions", "context");
        assertThat(texts.get(0)).isEqualTo("Acme Corp: Support Ticket Context");
        assertThat(texts.get(1)).isEqualTo("*What support should know*\nRestarts nightly");
        assertThat(texts.get(2)).isEqualTo("*Status*\nWaiting for someone in support to take it");
        assertThat(texts.get(3))
                .isEqualTo(
                        "*Links*\n• <https://acme.zendesk.com/agent/tickets/1234|Zendesk #1234>\n"
                                + "• <https://github.com/sourcegraph/sourcegraph/issues/42|GitHub issue #42 in sourcegraph/sourcegraph>");
        assertThat(json(blocks)).contains("\"action_id\":\"context_claim\"").contains("\"value\":\"3\"");
    }

    @Test
    void card_namesWhoSharedItOnce_andSaysAnyoneInSupportCanTakeIt() {
        String json = json(ContextCard.blocks(context("Acme", "x"), null, null, null));

        assertThat(json.split("<@U0CE>", -1)).hasSize(2);
        assertThat(json).contains("Shared by <@U0CE> <!date^", "Anyone in support can take it.");
    }

    @Test
    void card_withTakersSet_saysOnlyTheyCanTakeIt() {
        assertThat(json(ContextCard.blocks(context("Acme", "x"), null, null, TAKERS)))
                .contains("Only " + TAKERS + " can take it.");
    }

    @Test
    void claimedCard_namesTheAssigneeOnce_andOffersOnlyRelease() {
        String json = json(ContextCard.blocks(context("Acme", "x"), "U0AE", AT, TAKERS));

        assertThat(json.split("<@U0AE>", -1)).hasSize(2);
        assertThat(json)
                .contains("Taken by <@U0AE> <!date^", "Only the person who took it can release it.", "context_release")
                .doesNotContain("context_claim", "Waiting for", TAKERS);
    }

    @Test
    void card_withTickets_saysMoreContextLandsInItsThread() {
        assertThat(json(ContextCard.blocks(context("Acme", "x"), null, null, null)))
                .contains("More context for these tickets lands in this thread.");
    }

    /** Plain links name no ticket: more context for them makes a card of its own, so nothing will land here. */
    @Test
    void card_withOnlyPlainLinks_promisesNothingAboutItsThread() {
        SupportContext c = context("Acme", "x", "https://other.zendesk.com/agent/tickets/1");

        assertThat(json(ContextCard.blocks(c, null, null, null))).doesNotContain("lands in this thread");
    }

    @Test
    void claimButton_namesTheCustomerToScreenReaders() {
        JsonNode button = tree(ContextCard.blocks(context("Acme Corp", "x"), null, null, null))
                .findParents("action_id")
                .get(0);

        assertThat(button.path("text").path("text").asText()).isEqualTo("I'll take it");
        assertThat(button.path("accessibility_label").asText()).isEqualTo("Take the ticket for Acme Corp");
        assertThat(button.path("style").asText()).isEqualTo("primary");
    }

    @Test
    void text_saysTheCustomerTheBackgroundAndWhoHasIt_withoutMentioningTheCe() {
        SupportContext c = context("Acme Corp", "Restarts\n\nnightly");

        assertThat(ContextCard.text(c, null))
                .isEqualTo(
                        "Support context for Acme Corp: Restarts nightly\nWaiting for someone in support to take it.");
        assertThat(ContextCard.text(c, "U0AE")).endsWith("\nTaken by <@U0AE>.").doesNotContain("<@U0CE>");
    }

    @Test
    void threadNote_textSaysWhatItAdds_withoutMentioningTheCeWhoIsToldByDm() {
        SupportContext c = context("Acme Corp", "More logs attached");

        assertThat(ContextCard.threadNoteText(c)).isEqualTo("More context for Acme Corp: More logs attached");
        assertThat(json(ContextCard.threadNote(c))).contains("<@U0CE>");
    }

    @Test
    void claimAndReleaseNotes_pingNobody() {
        assertThat(List.of(ContextCard.claimedNote(), ContextCard.releasedNote()))
                .noneMatch(n -> n.contains("<"));
        assertThat(ContextCard.releasedNote()).contains("anyone in support can take this ticket now");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<!channel>",
                "<!here>",
                "<!subteam^S0123|@ce-sdr-collab>",
                "<@U0BOSS>",
                "<https://evil.example|Zendesk #1>"
            })
    void typedMentions_areEscaped_inCardNoteAndText(String injection) {
        SupportContext c = context("Acme " + injection, "see " + injection);

        String all = json(ContextCard.blocks(c, null, null, null))
                + json(ContextCard.threadNote(c))
                + ContextCard.text(c, null)
                + ContextCard.threadNoteText(c);

        assertThat(all).doesNotContain(injection);
        assertThat(all).contains(injection.replace("<", "&lt;").replace(">", "&gt;"));
    }

    @Test
    void longBackground_staysUnderSectionLimit() {
        String json = json(ContextCard.blocks(context("Acme", "x".repeat(3000)), null, null, null));

        assertThat(json).contains("…").doesNotContain("x".repeat(2950));
    }

    @Test
    void tenLongestLinks_showAsManyAsFitTheField_andSayHowManyMore() {
        List<TicketLink> links = MaxInputs.longestLinks();
        SupportContext c = new SupportContext(7, 3, 1, "Acme", "U0CE", LinksJson.write(links), "x", AT);

        String shown = texts(ContextCard.blocks(c, null, null, null)).stream()
                .filter(t -> t.startsWith("*Links*"))
                .findFirst()
                .orElseThrow();

        assertThat(shown)
                .hasSizeLessThanOrEqualTo(2000)
                .contains("• <" + links.get(0).url() + "|")
                .endsWith(" more");
    }

    @Test
    void backgroundThatFits_isShownWhole_withoutSayingAnythingWasShortened() {
        String background = "&".repeat(580);

        List<String> texts = texts(ContextCard.blocks(context("Acme", background), null, null, null));

        assertThat(texts)
                .contains("*What support should know*\n" + "&amp;".repeat(580))
                .noneMatch(t -> t.contains("shortened"));
    }

    @Test
    void backgroundLongerThanTheCardHolds_isShortened_andTheCardAndNoteSaySo() {
        SupportContext c = context("Acme", "&".repeat(3000));

        List<String> card = texts(ContextCard.blocks(c, null, null, null));
        List<String> note = texts(ContextCard.threadNote(c));

        assertThat(card).anyMatch(t -> t.startsWith("*What support should know*\n&amp;") && t.endsWith("&amp;…"));
        assertThat(card.get(card.size() - 1)).endsWith("lands in this thread. " + TicketCard.SHORTENED);
        assertThat(note)
                .anyMatch(t -> t.startsWith("&amp;") && t.endsWith("&amp;…"))
                .contains(TicketCard.SHORTENED);
    }

    /** Every text object's text, in order, read back from the JSON Slack gets. */
    private static List<String> texts(List<LayoutBlock> blocks) {
        List<String> texts = new ArrayList<>();
        collect(tree(blocks), texts);
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.path("text").isTextual()) {
            texts.add(node.get("text").asText());
        }
        node.forEach(child -> collect(child, texts));
    }
}
