package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.BlockJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reply in a question's thread reads to the SDR who asked: who will answer, one primary action,
 * the others saying to whom the question goes, who may press what, and a {@code text} that says
 * what the blocks say in every state.
 */
final class AssignmentReplyTest {

    private static Routing routing(String escalateName) {
        return new Routing(
                "C0CE",
                "<!subteam^S0SDR>",
                escalateName.isEmpty() ? "" : "<@UMGR>",
                Set.of(),
                2,
                3,
                5,
                Duration.ofHours(1),
                ZoneId.of("UTC"),
                "ce-sdr-collab",
                escalateName);
    }

    private static final Routing ROUTING = routing("the CE manager");

    private static Question open(String assignee, int assignment) {
        return SdrViewsAtLimitsTest.question(Question.OPEN, assignee, assignment, null, null, null);
    }

    private static JsonNode blocks(Question q, Routing routing) throws Exception {
        return new ObjectMapper().readTree(BlockJson.of(AssignmentReply.blocks(q, routing)));
    }

    private static List<JsonNode> buttons(JsonNode blocks) {
        List<JsonNode> buttons = new ArrayList<>();
        blocks.findParents("action_id").forEach(buttons::add);
        return buttons;
    }

    @Test
    void addressesTheSdrWhoAsked_andNamesWhoWillAnswer() throws Exception {
        Question q = open("UCE1", 1);

        assertThat(AssignmentReply.text(q, ROUTING)).isEqualTo("<@USDR>: <@UCE1> will answer here.");
        assertThat(blocks(q, ROUTING).get(0).path("text").path("text").asText())
                .isEqualTo("<@USDR>: <@UCE1> will answer here.");
        assertThat(AssignmentReply.text(open("UCE2", 2), ROUTING)).isEqualTo("<@USDR>: <@UCE2> will answer here now.");
    }

    @Test
    void answered_isTheOnePrimaryAction_first_andTheOthersSayToWhomItGoes() throws Exception {
        List<JsonNode> buttons = buttons(blocks(open("UCE1", 1), ROUTING));

        assertThat(buttons)
                .extracting(b -> b.path("text").path("text").asText())
                .containsExactly("Answered", "I'll take it", "Pass to the next CE", "Escalate to the CE manager");
        assertThat(buttons)
                .filteredOn(b -> b.has("style"))
                .singleElement()
                .satisfies(b -> assertThat(b.path("style").asText()).isEqualTo("primary"))
                .satisfies(b -> assertThat(b.path("action_id").asText()).isEqualTo(Press.ANSWERED.actionId));
    }

    @Test
    void theChoicesThatCannotBeUndone_askForConfirmation() throws Exception {
        List<JsonNode> buttons = buttons(blocks(open("UCE1", 1), ROUTING));

        assertThat(buttons)
                .filteredOn(b -> b.has("confirm"))
                .extracting(b -> b.path("action_id").asText())
                .containsExactly(Press.ANSWERED.actionId, Press.ESCALATE.actionId);
        assertThat(buttons.get(3).path("confirm").path("text").path("text").asText())
                .contains("I'll tag the CE manager in this thread");
    }

    @Test
    void escalateSaysToWhom_asTheSettingsName_orPlainlyWhenNobodyIsSet() throws Exception {
        assertThat(buttons(blocks(open("UCE1", 1), routing("@ce-leads")))
                        .get(3)
                        .path("text")
                        .path("text")
                        .asText())
                .isEqualTo("Escalate to @ce-leads");
        assertThat(buttons(blocks(open("UCE1", 1), routing("")))
                        .get(3)
                        .path("text")
                        .path("text")
                        .asText())
                .isEqualTo("Escalate");
    }

    @Test
    void saysWhoMayPressWhat_withoutNotifyingTheGroup() throws Exception {
        String shown = blocks(open("UCE1", 1), ROUTING).toString();

        assertThat(shown)
                .contains(
                        "*Answered* and *Escalate*: whoever has it, anyone in @ce-sdr-collab or the SDR" + " who asked",
                        "*Pass*: whoever has it or anyone in @ce-sdr-collab")
                .doesNotContain("<!subteam");
    }

    @Test
    void theTextSaysWhatTheBlocksSay_inEveryState() throws Exception {
        Question responded = SdrViewsAtLimitsTest.question(Question.OPEN, "UCE1", 1, "UCE3", "USDR", null);
        Question answered = SdrViewsAtLimitsTest.question(Question.ANSWERED, "UCE1", 3, "UCE1", null, null);
        Question nobody = open(null, 1);

        assertThat(AssignmentReply.text(responded, ROUTING))
                .isEqualTo("<@USDR>: <@UCE1> will answer here. First"
                        + " response by <@UCE3> after 1000 h 00 min of working time. Escalated by <@USDR>.");
        assertThat(blocks(responded, ROUTING).toString()).contains("First response by <@UCE3>", "Escalated by <@USDR>");
        assertThat(buttons(blocks(responded, ROUTING)))
                .extracting(b -> b.path("action_id").asText())
                .doesNotContain(Press.ESCALATE.actionId);
        assertThat(AssignmentReply.text(answered, ROUTING)).startsWith("<@USDR>: answered, marked by <@UCE1>.");
        assertThat(buttons(blocks(answered, ROUTING))).isEmpty();
        assertThat(AssignmentReply.text(nobody, ROUTING)).startsWith("<@USDR>: nobody in <!subteam^S0SDR> can take");
    }

    @Test
    void escalateName_followsTheSettings() {
        SdrFeature.Settings user = settings("U0MGR");

        assertThat(SdrFeature.escalateName(user, "<@U0MGR>")).isEqualTo("the CE manager");
        assertThat(SdrFeature.escalateName(settings(null), "<@U0M1> <@U0M2>")).isEqualTo("the CE managers");
        assertThat(SdrFeature.escalateName(settings("@ce-leads"), "<!subteam^S0LEADS>"))
                .isEqualTo("@ce-leads");
        assertThat(SdrFeature.escalateName(settings("ce-leads"), "<!subteam^S0LEADS>"))
                .isEqualTo("@ce-leads");
        assertThat(SdrFeature.escalateName(settings("S0LEADS"), "<!subteam^S0LEADS>"))
                .isEqualTo("the escalation group");
        assertThat(SdrFeature.escalateName(settings(null), "")).isEmpty();
    }

    private static SdrFeature.Settings settings(String escalateTo) {
        return new SdrFeature.Settings(
                "ce-sdr-collab",
                120,
                60,
                2,
                3,
                5,
                Optional.ofNullable(escalateTo),
                DayOfWeek.MONDAY,
                9,
                Optional.of("S0SDR"),
                Optional.empty());
    }
}
