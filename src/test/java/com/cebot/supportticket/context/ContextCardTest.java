package com.cebot.supportticket.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.BlockJson;
import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.TicketLinkParser;
import com.cebot.supportticket.TicketLinkParser.ParseResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
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
}
