package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.supportticket.MaxInputs;
import com.cebot.supportticket.SlackChecks;
import com.cebot.supportticket.SlackChecks.Known;
import com.cebot.supportticket.TicketCard;
import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The "Ask the CE team" modal, the question the bot posts for an SDR, the assignment reply in every
 * state and the weekly digest stay within Slack's limits and safe for everything the modal accepts
 * ({@link MaxInputs}): the only mentions are those the bot adds.
 */
final class SdrViewsAtLimitsTest {

    private static final String GROUP = "<!subteam^S0123456789AB>";
    private static final String CHANNEL = "C0123456789AB";
    private static final Instant AT = Instant.parse("2026-11-23T18:00:00Z");
    private static final String LONGEST_LINK = "https://" + "x".repeat(AskModal.LINK_MAX - 8);
    static final Routing ROUTING = new Routing(
            CHANNEL,
            GROUP,
            "<@UMGR>",
            java.util.Set.of("UMGR"),
            2,
            3,
            5,
            java.time.Duration.ofHours(1),
            java.time.ZoneId.of("UTC"),
            "ce-sdr-collab",
            "the CE manager");

    static Stream<Named<String>> questions() {
        List<Named<String>> texts = new ArrayList<>(MaxInputs.texts(AskModal.QUESTION_MAX, 20));
        Random random = new Random(MaxInputs.SEED);
        IntStream.range(0, 10)
                .forEach(n -> texts.add(Named.of("random " + n, MaxInputs.randomText(random, AskModal.QUESTION_MAX))));
        return texts.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("questions")
    void postedQuestion_fitsSlack_andOnlyTheGroupAndTheSdrAreMentioned(String question) {
        for (String account :
                MaxInputs.customerNames().stream().map(Named::getPayload).toList()) {
            for (AskDraft.Urgency urgency : AskDraft.Urgency.values()) {
                AskDraft draft = new AskDraft(
                        question, Optional.of(new CustomerChoice.New(account)), Optional.of(LONGEST_LINK), urgency);
                Known known = Known.of(List.of(), "USDR").mention(GROUP).url(LONGEST_LINK);
                List<LayoutBlock> blocks = AskText.blocks("USDR", draft, account, GROUP);
                SlackChecks.assertMessage(AskText.text("USDR", draft, GROUP), blocks, known);
                assertThat(TicketCard.textLength(blocks)).isLessThanOrEqualTo(TicketCard.BLOCK_TEXT_BUDGET);
            }
        }
    }

    @Test
    void modal_fitsSlack_andItsButtonSaysWhatHappens() {
        var modal = AskModal.build(CHANNEL, "ce-sdr-collab");

        SlackChecks.assertView(modal, Known.of(List.of()).channel(CHANNEL));
        assertThat(modal.getSubmit().getText()).isEqualTo("Post my question");
    }

    /** Every state the reply can be drawn in. */
    static Stream<Named<Question>> states() {
        return Stream.of(
                Named.of("assigned", question(Question.OPEN, "UCE1", 1, null, null, null)),
                Named.of("passed on", question(Question.OPEN, "UCE2", 7, null, null, null)),
                Named.of("nobody eligible", question(Question.OPEN, null, 1, null, null, null)),
                Named.of("responded and escalated", question(Question.OPEN, "UCE1", 1, "UCE3", "USDR", null)),
                Named.of("escalated after a day", question(Question.OPEN, "UCE1", 1, null, null, AT)),
                Named.of("answered", question(Question.ANSWERED, "UCE1", 3, "UCE1", "UCE2", null)));
    }

    static Question question(
            String status, String assignee, int assignment, String responder, String escalatedBy, Instant escalatedAt) {
        return new Question(
                Long.MAX_VALUE,
                CHANNEL,
                "1700000000.000100",
                "USDR",
                "message",
                "k",
                "k:reply",
                null,
                status,
                assignee,
                AT,
                assignment,
                9,
                escalatedBy,
                escalatedBy != null ? AT : escalatedAt,
                responder,
                responder == null ? null : AT,
                responder == null ? null : 3_600_000L,
                Question.ANSWERED.equals(status) ? "UCE1" : null,
                Question.ANSWERED.equals(status) ? AT : null,
                AT,
                "Does Acme get SSO?");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void assignmentReply_fitsSlack(Question q) {
        SlackChecks.assertMessage(
                AssignmentReply.text(q, ROUTING),
                AssignmentReply.blocks(q, ROUTING),
                Known.of(List.of(), "USDR", "UCE1", "UCE2", "UCE3").mention(GROUP));
    }

    @Test
    void digest_withManyOpenQuestions_fitsSlack() {
        List<Question> open = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            open.add(question(Question.OPEN, "UCE1", 1, null, null, null));
        }
        WeeklyDigest digest = new WeeklyDigest(
                null,
                null,
                new com.cebot.slack.Permalinks(
                        MaxInputs.LONGEST_PERMALINK.substring(0, MaxInputs.LONGEST_PERMALINK.indexOf("/archives") + 1)),
                CHANNEL,
                java.time.DayOfWeek.MONDAY,
                9,
                RoutingStore.SCHEDULE.timeZone());
        DigestFigures figures = new DigestFigures(
                500, 0, Optional.of(1L), Optional.of(2L), Map.of("UCE1", new DigestFigures.PerCe(500, 0, 0)), open);

        String text = digest.text(figures, LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 23));

        SlackChecks.assertText(
                text,
                Known.of(List.of(), "UCE1")
                        .url(new com.cebot.slack.Permalinks(MaxInputs.LONGEST_PERMALINK.substring(
                                        0, MaxInputs.LONGEST_PERMALINK.indexOf("/archives") + 1))
                                .message(CHANNEL, "1700000000.000100")));
    }
}
