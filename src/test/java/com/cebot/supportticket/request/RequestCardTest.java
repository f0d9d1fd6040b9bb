package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.BlockJson;
import com.cebot.supportticket.MaxInputs;
import com.cebot.supportticket.TicketCard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

final class RequestCardTest {

    private static final String HEAD = "<!subteam^SHEAD>";
    private static final String DECIDERS = HEAD + " or <@UDELEGATE>";
    private static final String TYPED = "<!channel> <!subteam^S1> <@U1> & co";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(List<LayoutBlock> blocks) {
        try {
            return JSON.readTree(BlockJson.of(blocks));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every text object in the blocks, as "type:text", read back from the JSON Slack gets. */
    private static List<String> texts(List<LayoutBlock> blocks) {
        List<String> texts = new ArrayList<>();
        collect(json(blocks), texts);
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isObject()
                && node.path("text").isTextual()
                && node.path("type").isTextual()) {
            texts.add(node.path("type").asText() + ":" + node.path("text").asText());
        }
        node.forEach(child -> collect(child, texts));
    }

    private static String all(List<LayoutBlock> blocks) {
        return String.join("\n", texts(blocks));
    }

    private static List<String> actionIds(List<LayoutBlock> blocks) {
        List<String> ids = new ArrayList<>();
        json(blocks).findValues("action_id").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static JsonNode button(List<LayoutBlock> blocks, String actionId) {
        return json(blocks).findParents("action_id").stream()
                .filter(b -> b.path("action_id").asText().equals(actionId))
                .findFirst()
                .orElseThrow();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static SupportTicketRequest full() {
        return SampleRequest.open()
                .neededBy(LocalDate.parse("2026-12-01"), "Renewal call")
                .anythingElse("Champion is Jo")
                .build();
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
        List<LayoutBlock> blocks = RequestCard.blocks(
                SampleRequest.open().status(status, "UHEAD", "No").build(), DECIDERS);

        List<String> want = expected == null ? List.of() : List.of(expected.split(" "));
        assertThat(actionIds(blocks)).containsExactlyInAnyOrderElementsOf(want);
        assertThat(blocks).filteredOn(b -> "actions".equals(b.getType())).hasSize(want.isEmpty() ? 0 : 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            OPEN         | *Status*\\nOpen
            ACKNOWLEDGED | *Status*\\nAcknowledged by <@UHEAD> <!date^
            APPROVED     | *Status*\\nApproved by <@UHEAD> <!date^
            DECLINED     | *Status*\\nDeclined by <@UHEAD> <!date^
            DONE         | *Status*\\nDone by <@UHEAD> <!date^
            """)
    void blocks_eachStatus_saysItInWords_withWhoMadeItAndWhen(RequestStatus status, String field) {
        SupportTicketRequest r = SampleRequest.open()
                .status(status, "UHEAD", status == RequestStatus.DECLINED ? "Out of scope" : null)
                .build();

        assertThat(texts(RequestCard.blocks(r, DECIDERS)))
                .anyMatch(t -> t.startsWith("mrkdwn:" + field.replace("\\n", "\n")));
    }

    /** 12 blocks before: header, a line naming two people, customer, links, five answers, status, buttons, context. */
    @Test
    void blocks_leadWithTheCustomerAndTheAsk_thenTheDeadlineAndStatus_inEightBlocks() {
        List<LayoutBlock> blocks = RequestCard.blocks(full(), DECIDERS);
        List<String> texts = texts(blocks);

        assertThat(blocks)
                .extracting(LayoutBlock::getType)
                .containsExactly("header", "section", "section", "section", "section", "section", "actions", "context");
        assertThat(texts.get(0)).isEqualTo("plain_text:Acme Corp: Support Ticket Request");
        assertThat(texts.get(1)).isEqualTo("mrkdwn:*What do you need?*\nPrioritise the SSO bug");
        assertThat(texts.subList(2, 5))
                .containsExactly(
                        "mrkdwn:*Needed by*\nTue 1 Dec 2026\nRenewal call",
                        "mrkdwn:*Status*\nOpen",
                        "mrkdwn:*Links*\n• <https://acme.zendesk.com/agent/tickets/1234|Zendesk #1234>");
        assertThat(texts.get(5)).isEqualTo("mrkdwn:*Why?*\nRenewal depends on it");
        assertThat(texts.get(6)).isEqualTo("mrkdwn:*What happens if we don't?*\nThey may not renew");
        assertThat(texts.get(7)).isEqualTo("mrkdwn:*Anything else*\nChampion is Jo");
    }

    @Test
    void blocks_decidedWithoutOptionalAnswers_needSixBlocks() {
        SupportTicketRequest r =
                SampleRequest.open().status(RequestStatus.DONE, "UHEAD", null).build();

        assertThat(RequestCard.blocks(r, DECIDERS)).hasSize(6);
    }

    @Test
    void blocks_nameEachPersonOnce_andSayWhoMayPressTheButtons() {
        String all = all(RequestCard.blocks(full(), DECIDERS));

        assertThat(count(all, "<@UCE>")).isEqualTo(1);
        assertThat(count(all, HEAD)).isEqualTo(1);
        assertThat(all)
                .contains("Raised by <@UCE> <!date^", "Only " + DECIDERS + " can acknowledge, approve or decline it.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ACKNOWLEDGED | can approve or decline it.
            APPROVED     | can mark it done.
            """)
    void blocks_afterAMove_sayWhoMayMakeTheNextOne(RequestStatus status, String moves) {
        String all = all(RequestCard.blocks(
                SampleRequest.open().status(status, "UHEAD", null).build(), DECIDERS));

        assertThat(all).contains("Only " + DECIDERS + " " + moves);
        assertThat(count(all, "<@UHEAD>")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = RequestStatus.class,
            names = {"DECLINED", "DONE"})
    void blocks_finished_nameNobodyWhoMayDecide(RequestStatus status) {
        String all = all(RequestCard.blocks(
                SampleRequest.open().status(status, "UHEAD", "No").build(), DECIDERS));

        assertThat(all).doesNotContain("Only ", "<@UDELEGATE>").contains("Each step is noted in this thread.");
    }

    @Test
    void blocks_emptyAnswers_areLeftOff() {
        String all = all(RequestCard.blocks(SampleRequest.open().build(), DECIDERS));

        assertThat(all).doesNotContain("Needed by", "Timing", "Anything else", "n/a");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"n/a", "N/A.", "none", "None!", "-", "no", "  nothing  "})
    void blocks_optionalAnswersThatSayNothing_areLeftOff(String nothing) {
        SupportTicketRequest r =
                SampleRequest.open().timing(nothing).anythingElse(nothing).build();

        List<LayoutBlock> blocks = RequestCard.blocks(r, DECIDERS);

        assertThat(all(blocks)).doesNotContain("*Timing*", "*Anything else*");
        assertThat(blocks).hasSize(7);
    }

    @Test
    void blocks_timingWithoutADate_isShownAsTiming_withNoDeadline() {
        SupportTicketRequest r =
                SampleRequest.open().timing("No rush, any time this quarter").build();

        assertThat(all(RequestCard.blocks(r, DECIDERS)))
                .contains("*Timing*\nNo rush, any time this quarter")
                .doesNotContain("Needed by");
        assertThat(RequestCard.text(r, HEAD)).doesNotContain("Needed by");
    }

    @Test
    void blocks_dateWhoseReasonSaysNothing_showTheDateAlone() {
        SupportTicketRequest r = SampleRequest.open()
                .neededBy(LocalDate.parse("2026-12-01"), "n/a")
                .build();

        assertThat(texts(RequestCard.blocks(r, DECIDERS))).contains("mrkdwn:*Needed by*\nTue 1 Dec 2026");
    }

    @Test
    void blocks_declined_showTheReasonUnderTheStatus() {
        SupportTicketRequest r = SampleRequest.open()
                .status(RequestStatus.DECLINED, "UHEAD", "Out of scope")
                .build();

        assertThat(texts(RequestCard.blocks(r, DECIDERS)))
                .anyMatch(
                        t -> t.startsWith("mrkdwn:*Status*\nDeclined by <@UHEAD>") && t.endsWith("UTC>\nOut of scope"));
    }

    @Test
    void text_saysTheCustomerTheAskTheDateAndTheStatus_andMentionsTheHeadOfSupport_notTheCe() {
        String text = RequestCard.text(full(), HEAD);

        assertThat(text)
                .isEqualTo(HEAD + " Support Ticket Request for Acme Corp: Prioritise the SSO bug."
                        + " Needed by Tue 1 Dec 2026. Status: Open.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ACKNOWLEDGED | true  | Status: Acknowledged by <@UHEAD>.
            APPROVED     | false | Status: Approved by <@UHEAD>.
            DECLINED     | false | Status: Declined by <@UHEAD>: Out of scope.
            DONE         | false | Status: Done by <@UHEAD>.
            """)
    void text_followsTheStatus_andMentionsTheHeadOfSupportOnlyWhileTheyMustDecide(
            RequestStatus status, boolean mentions, String said) {
        SupportTicketRequest r = SampleRequest.open()
                .status(status, "UHEAD", status == RequestStatus.DECLINED ? "Out of scope" : null)
                .build();

        String text = RequestCard.text(r, HEAD);

        assertThat(text)
                .contains("Acme Corp", "Prioritise the SSO bug")
                .endsWith(said)
                .doesNotContain("<@UCE>");
        assertThat(text.startsWith(HEAD)).isEqualTo(mentions);
    }

    @Test
    void text_ofALongAsk_carriesItsStartOnOneLine() {
        SupportTicketRequest r = SampleRequest.open()
                .ask("line one\n\nline two " + "x".repeat(1000))
                .build();

        String text = RequestCard.text(r, HEAD);

        assertThat(text).contains(": line one line two x").doesNotContain("\n").hasSizeLessThan(1000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<@UHEAD>", "<!subteam^SHEAD>"})
    void text_mentionsTheHeadOfSupport_whoeverItIs(String mention) {
        assertThat(RequestCard.text(SampleRequest.open().build(), mention))
                .startsWith(mention + " Support Ticket Request");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RequestStatus.class, names = "OPEN", mode = EnumSource.Mode.EXCLUDE)
    void note_namesNobody_soThePersonWhoPressedIsNotPinged(RequestStatus status) {
        SupportTicketRequest r = SampleRequest.open()
                .status(status, "UHEAD", status == RequestStatus.DECLINED ? "Out of scope" : null)
                .build();

        assertThat(RequestCard.note(r))
                .doesNotContain("<@")
                .startsWith("*" + status.label() + "*")
                .endsWith("I've told the CE by DM.");
    }

    @Test
    void note_declined_givesTheReason() {
        SupportTicketRequest r = SampleRequest.open()
                .status(RequestStatus.DECLINED, "UHEAD", "Out of scope")
                .build();

        assertThat(RequestCard.note(r)).isEqualTo("*Declined*: Out of scope\nI've told the CE by DM.");
    }

    @Test
    void buttons_finalChoices_askForConfirmation_theOthersDoNot() {
        List<LayoutBlock> open = RequestCard.blocks(SampleRequest.open().build(), DECIDERS);
        List<LayoutBlock> approved = RequestCard.blocks(
                SampleRequest.open()
                        .status(RequestStatus.APPROVED, "UHEAD", null)
                        .build(),
                DECIDERS);

        JsonNode approve = button(open, "request_approve").path("confirm");
        JsonNode done = button(approved, "request_done").path("confirm");
        assertThat(approve.path("title").path("text").asText()).isEqualTo("Approve the request for Acme Corp?");
        assertThat(approve.path("text").path("text").asText()).contains("can't be undone");
        assertThat(approve.path("confirm").path("text").asText()).isEqualTo("Approve");
        assertThat(approve.path("deny").path("text").asText()).isEqualTo("Not yet");
        assertThat(done.path("title").path("text").asText()).isEqualTo("Mark the request for Acme Corp done?");
        assertThat(button(open, "request_acknowledge").has("confirm")).isFalse();
        assertThat(button(open, "request_decline").has("confirm"))
                .as("Decline asks for its reason instead")
                .isFalse();
    }

    @Test
    void buttons_nameTheirCustomerToScreenReaders_withinSlacksLimit() {
        SupportTicketRequest r =
                SampleRequest.open().everyText("<" + "N".repeat(68) + ">").build();

        List<LayoutBlock> blocks = RequestCard.blocks(r, DECIDERS);

        assertThat(button(RequestCard.blocks(SampleRequest.open().build(), DECIDERS), "request_approve")
                        .path("accessibility_label")
                        .asText())
                .isEqualTo("Approve the request for Acme Corp");
        assertThat(button(
                                RequestCard.blocks(
                                        SampleRequest.open()
                                                .status(RequestStatus.APPROVED, "UHEAD", null)
                                                .build(),
                                        DECIDERS),
                                "request_done")
                        .path("accessibility_label")
                        .asText())
                .isEqualTo("Mark the request for Acme Corp done");
        assertThat(json(blocks).findValues("accessibility_label"))
                .hasSize(3)
                .allSatisfy(label ->
                        assertThat(label.asText()).hasSizeLessThanOrEqualTo(75).doesNotContain("<", ">"));
        assertThat(json(blocks).findValues("title"))
                .allSatisfy(title -> assertThat(title.path("text").asText())
                        .hasSizeLessThanOrEqualTo(100)
                        .doesNotContain("<", ">"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"OPEN", "DECLINED"})
    void blocks_mentionsTypedIntoEveryField_areEscaped(RequestStatus status) {
        SupportTicketRequest r = SampleRequest.open()
                .status(status, "UHEAD", null)
                .everyText(TYPED)
                .build();

        List<String> mrkdwn = new ArrayList<>(texts(RequestCard.blocks(r, DECIDERS)).stream()
                .filter(t -> t.startsWith("mrkdwn:"))
                .toList());
        mrkdwn.add(RequestCard.text(r, HEAD));
        mrkdwn.add(RequestCard.note(r));

        assertThat(mrkdwn)
                .noneMatch(t -> t.contains("<!channel>") || t.contains("<!subteam^S1>") || t.contains("<@U1>"));
        long fieldsShown = mrkdwn.stream()
                .filter(t -> t.contains("&lt;!channel&gt; &lt;!subteam^S1&gt; &lt;@U1&gt; &amp; co"))
                .count();
        // ask, timing, why, if not, anything else, the text; and once declined, the status and the note
        assertThat(fieldsShown).isEqualTo(status == RequestStatus.DECLINED ? 8 : 6);
    }

    @Test
    void blocks_longFields_areCutToSlackLimits() {
        SupportTicketRequest r = SampleRequest.open()
                .status(RequestStatus.DECLINED, "UHEAD", null)
                .everyText("&".repeat(3000))
                .build();

        List<LayoutBlock> blocks = RequestCard.blocks(r, DECIDERS);

        assertThat(texts(blocks))
                .allSatisfy(t -> assertThat(t.length() - t.indexOf(':') - 1).isLessThanOrEqualTo(3000));
        assertThat(json(blocks).findValues("fields"))
                .allSatisfy(fields ->
                        fields.forEach(f -> assertThat(f.path("text").asText()).hasSizeLessThanOrEqualTo(2000)));
        assertThat(texts(blocks).get(0).length() - "plain_text:".length()).isLessThanOrEqualTo(150);
        assertThat(texts(blocks)).anyMatch(t -> t.endsWith("&amp;…"));
    }

    @Test
    void blocks_everyAnswerThatFits_isShownWhole_andNothingSaysShortened() {
        SupportTicketRequest r = SampleRequest.open()
                .status(RequestStatus.DECLINED, "UHEAD", "r".repeat(500))
                .neededBy(LocalDate.parse("2026-12-01"), "t".repeat(500))
                .anythingElse("e".repeat(2900))
                .build();

        String all = all(RequestCard.blocks(r, DECIDERS));

        assertThat(all)
                .contains("r".repeat(500), "t".repeat(500), "e".repeat(2900))
                .doesNotContain("…", "shortened");
    }

    @Test
    void blocks_moreTextThanAMessageHolds_cutTheLongestAnswers_andSaySo() {
        String ask = "a".repeat(RequestModal.ASK_MAX);
        SupportTicketRequest r = SampleRequest.open()
                .status(RequestStatus.DECLINED, "UHEAD", "r".repeat(500))
                .links(MaxInputs.longestLinks())
                .neededBy(LocalDate.parse("2026-12-01"), "t".repeat(500))
                .anythingElse("e".repeat(RequestModal.ANYTHING_ELSE_MAX))
                .build();
        r = new SupportTicketRequest(
                r.id(),
                r.customerId(),
                r.customerName(),
                r.submittedBy(),
                r.links(),
                ask,
                "w".repeat(RequestModal.ASK_MAX),
                "i".repeat(RequestModal.ASK_MAX),
                r.neededBy(),
                r.timeReason(),
                r.anythingElse(),
                r.status(),
                r.statusBy(),
                r.statusAt(),
                r.statusReason(),
                r.cardKey(),
                r.cardChannel(),
                r.cardTs(),
                r.createdAt());

        List<LayoutBlock> blocks = RequestCard.blocks(r, DECIDERS);
        String all = all(blocks);

        assertThat(TicketCard.textLength(blocks)).isLessThanOrEqualTo(TicketCard.BLOCK_TEXT_BUDGET);
        assertThat(all)
                .contains("r".repeat(500), "t".repeat(500))
                .containsPattern("\\*What do you need\\?\\*\na{1000,1500}")
                .containsPattern("\\*Anything else\\*\ne{1000,2899}…")
                .contains("Each step is noted in this thread. " + TicketCard.SHORTENED);
        assertThat(RequestCard.note(r)).contains(": " + "r".repeat(500) + "\n");
    }

    @Test
    void header_showsTypedAngleBracketsAsLookAlikes() {
        SupportTicketRequest r = SampleRequest.open().everyText("<!channel>").build();

        assertThat(texts(RequestCard.blocks(r, DECIDERS))).contains("plain_text:‹!channel›: Support Ticket Request");
    }

    @Test
    void links_moreThanAFieldHolds_endWithHowManyMore() {
        SupportTicketRequest r =
                SampleRequest.open().links(MaxInputs.longestLinks()).build();

        String links = texts(RequestCard.blocks(r, DECIDERS)).stream()
                .filter(t -> t.startsWith("mrkdwn:*Links*"))
                .findFirst()
                .orElseThrow();

        assertThat(links.length() - "mrkdwn:".length()).isLessThanOrEqualTo(2000);
        assertThat(links).endsWith(" more").contains("• <https://");
    }
}
