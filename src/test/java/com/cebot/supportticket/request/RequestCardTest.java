package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.BlockJson;
import com.cebot.supportticket.MaxInputs;
import com.cebot.supportticket.TicketCard;
import com.cebot.supportticket.TicketLink;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class RequestCardTest {

    private static final String HEAD = "<!subteam^SHEAD>";
    private static final String TYPED = "<!channel> <!subteam^S1> <@U1> & co";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every text object in the blocks, as "type:text", read back from the JSON Slack gets. */
    private static List<String> texts(List<LayoutBlock> blocks) {
        List<String> texts = new ArrayList<>();
        try {
            collect(JSON.readTree(BlockJson.of(blocks)), texts);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isObject() && node.path("text").isTextual() && node.path("type").isTextual()) {
            texts.add(node.path("type").asText() + ":" + node.path("text").asText());
        }
        node.forEach(child -> collect(child, texts));
    }

    private static List<String> actionIds(List<LayoutBlock> blocks) {
        List<String> ids = new ArrayList<>();
        try {
            JSON.readTree(BlockJson.of(blocks)).findValues("action_id").forEach(id -> ids.add(id.asText()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            OPEN         | request_acknowledge request_approve request_decline
            ACKNOWLEDGED | request_approve request_decline
            APPROVED     | request_done
            DECLINED     |
            DONE         |
            """)
    void blocks_eachStatus_offersOnlyTheMovesValidFromIt(RequestStatus status, String expected) {
        List<LayoutBlock> blocks = RequestCard.blocks(SampleRequest.open().status(status, "UHEAD", "No").build(), HEAD);

        List<String> want = expected == null ? List.of() : List.of(expected.split(" "));
        assertThat(actionIds(blocks)).containsExactlyInAnyOrderElementsOf(want);
        assertThat(blocks).filteredOn(b -> "actions".equals(b.getType())).hasSize(want.isEmpty() ? 0 : 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            OPEN         | *Status:* Open
            ACKNOWLEDGED | *Status:* Acknowledged by <@UHEAD> <!date^
            APPROVED     | *Status:* Approved by <@UHEAD> <!date^
            DECLINED     | *Status:* Declined by <@UHEAD> <!date^
            DONE         | *Status:* Done by <@UHEAD> <!date^
            """)
    void blocks_eachStatus_showsWhoMadeItAndWhen(RequestStatus status, String line) {
        SupportTicketRequest r = SampleRequest.open().status(status, "UHEAD",
                status == RequestStatus.DECLINED ? "Out of scope" : null).build();

        assertThat(texts(RequestCard.blocks(r, HEAD))).anyMatch(t -> t.startsWith("mrkdwn:" + line));
    }

    @Test
    void blocks_declined_showsTheReason() {
        SupportTicketRequest r = SampleRequest.open().status(RequestStatus.DECLINED, "UHEAD", "Out of scope").build();

        assertThat(texts(RequestCard.blocks(r, HEAD))).anyMatch(t -> t.startsWith("mrkdwn:*Status:* Declined")
                && t.endsWith(": Out of scope"));
        assertThat(RequestCard.note(r)).isEqualTo("Declined by <@UHEAD>: Out of scope");
    }

    @Test
    void blocks_showEveryFieldOfTheRequest() {
        SupportTicketRequest r = SampleRequest.open().neededBy(LocalDate.parse("2026-12-01"), "Renewal call")
                .anythingElse("Champion is Jo").build();

        assertThat(String.join("\n", texts(RequestCard.blocks(r, HEAD)))).contains(
                "Support Ticket Request: Acme Corp", "<@UCE>", "<https://acme.zendesk.com/agent/tickets/1234|Zendesk #1234>",
                "Prioritise the SSO bug", "Renewal depends on it", "They may not renew",
                "Needed by *Tue 1 Dec 2026*: Renewal call", "Champion is Jo");
    }

    @Test
    void blocks_withoutOptionalFields_leaveThemOut() {
        String all = String.join("\n", texts(RequestCard.blocks(SampleRequest.open().build(), HEAD)));

        assertThat(all).doesNotContain("Time consideration", "Anything else");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<@UHEAD>", "<!subteam^SHEAD>"})
    void text_mentionsTheHeadOfSupport(String mention) {
        SupportTicketRequest r = SampleRequest.open().build();

        assertThat(RequestCard.text(r, mention)).startsWith(mention).contains("Acme Corp", "<@UCE>");
        assertThat(texts(RequestCard.blocks(r, mention))).anyMatch(t -> t.startsWith("mrkdwn:" + mention));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"OPEN", "DECLINED"})
    void blocks_mentionsTypedIntoEveryField_areEscaped(RequestStatus status) {
        SupportTicketRequest r = SampleRequest.open().status(status, "UHEAD", null).everyText(TYPED).build();

        List<String> mrkdwn = new ArrayList<>(texts(RequestCard.blocks(r, HEAD)).stream()
                .filter(t -> t.startsWith("mrkdwn:")).toList());
        mrkdwn.add(RequestCard.text(r, HEAD));
        mrkdwn.add(RequestCard.note(r));

        assertThat(mrkdwn).noneMatch(t -> t.contains("<!channel>") || t.contains("<!subteam^S1>") || t.contains("<@U1>"));
        long fieldsShown = mrkdwn.stream().filter(t -> t.contains("&lt;!channel&gt; &lt;!subteam^S1&gt; &lt;@U1&gt; &amp; co")).count();
        assertThat(fieldsShown).isEqualTo(status == RequestStatus.DECLINED ? 9 : 7);
    }

    @Test
    void blocks_longFields_areCutToSlackLimits() {
        SupportTicketRequest r = SampleRequest.open().status(RequestStatus.DECLINED, "UHEAD", null)
                .everyText("&".repeat(3000)).build();

        List<LayoutBlock> blocks = RequestCard.blocks(r, HEAD);

        assertThat(blocks).hasSizeLessThanOrEqualTo(50);
        assertThat(texts(blocks)).allSatisfy(t -> assertThat(t.length() - t.indexOf(':') - 1).isLessThanOrEqualTo(3000));
        assertThat(texts(blocks)).filteredOn(t -> t.startsWith("plain_text:Support")).allSatisfy(
                t -> assertThat(t.length() - "plain_text:".length()).isLessThanOrEqualTo(150));
        assertThat(texts(blocks)).filteredOn(t -> t.startsWith("mrkdwn:*Customer*"))
                .allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(2000));
        assertThat(texts(blocks)).anyMatch(t -> t.endsWith("&amp;…"));
    }

    @Test
    void blocks_everyAnswerThatFits_isShownWhole_andNothingSaysShortened() {
        SupportTicketRequest r = SampleRequest.open().status(RequestStatus.DECLINED, "UHEAD", "r".repeat(500))
                .neededBy(LocalDate.parse("2026-12-01"), "t".repeat(500)).anythingElse("e".repeat(2900)).build();

        List<String> texts = texts(RequestCard.blocks(r, HEAD));

        assertThat(String.join("\n", texts)).contains("r".repeat(500), "t".repeat(500), "e".repeat(2900))
                .doesNotContain("…", "shortened");
    }

    @Test
    void blocks_moreTextThanAMessageHolds_cutTheLongestAnswers_andSaySo() {
        String ask = "a".repeat(RequestModal.ASK_MAX);
        SupportTicketRequest r = SampleRequest.open().status(RequestStatus.DECLINED, "UHEAD", "r".repeat(500))
                .links(MaxInputs.longestLinks()).neededBy(LocalDate.parse("2026-12-01"), "t".repeat(500))
                .anythingElse("e".repeat(RequestModal.ANYTHING_ELSE_MAX)).build();
        r = new SupportTicketRequest(r.id(), r.customerId(), r.customerName(), r.submittedBy(), r.links(), ask,
                "w".repeat(RequestModal.ASK_MAX), "i".repeat(RequestModal.ASK_MAX), r.neededBy(), r.timeReason(),
                r.anythingElse(), r.status(), r.statusBy(), r.statusAt(), r.statusReason(), r.cardKey(), r.cardChannel(),
                r.cardTs(), r.createdAt());

        List<LayoutBlock> blocks = RequestCard.blocks(r, HEAD);
        String all = String.join("\n", texts(blocks));

        assertThat(TicketCard.textLength(blocks)).isLessThanOrEqualTo(TicketCard.BLOCK_TEXT_BUDGET);
        assertThat(all).contains("r".repeat(500), "t".repeat(500))
                .containsPattern("\\*What's the ask\\*\na{1000,1499}…")
                .containsPattern("\\*Anything else\\*\ne{1000,1499}…")
                .contains("Each step is noted in this thread and sent to <@UCE>. " + TicketCard.SHORTENED);
        assertThat(RequestCard.note(r)).endsWith(": " + "r".repeat(500));
    }

    @Test
    void header_showsTypedAngleBracketsAsLookAlikes() {
        SupportTicketRequest r = SampleRequest.open().everyText("<!channel>").build();

        assertThat(texts(RequestCard.blocks(r, HEAD))).contains("plain_text:Support Ticket Request: ‹!channel›");
    }

    @Test
    void links_moreThanASectionHolds_endWithHowManyMore() {
        List<TicketLink> many = IntStream.rangeClosed(1, 40).mapToObj(i -> new TicketLink(TicketLink.Kind.GITHUB_ISSUE,
                "https://github.com/acme/" + "r".repeat(90) + "/issues/" + i, "GitHub issue #" + i, "github:" + i)).toList();

        String links = RequestCard.links(many);

        assertThat(links.length()).isLessThanOrEqualTo(2900);
        assertThat(links).endsWith(" more").contains("• <https://github.com/acme/");
    }
}
