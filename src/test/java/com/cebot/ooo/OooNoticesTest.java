package com.cebot.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.BlockJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How the OOO protocol's form, DMs and Home lines read: the bot speaks as "I", each step is numbered
 * and its state said in words, repeated buttons say what they are for, and what leaves Slack (the
 * customer notice) names people by name. Pure views, read as Slack would get them.
 */
final class OooNoticesTest {

    private static final String PERSON = "U0LA";
    private static final String COV = "U0COV";
    private static final String COV2 = "U0COV2";
    private static final LocalDate FIRST = LocalDate.parse("2026-11-09");
    private static final LocalDate LAST = LocalDate.parse("2026-11-13");
    private static final LocalDate BACK = LocalDate.parse("2026-11-16");

    private static OooPeriod period(String... coverers) {
        return new OooPeriod(
                7,
                PERSON,
                "America/Los_Angeles",
                FIRST,
                LAST,
                String.join(",", coverers),
                "Cora takes renewals",
                OooPeriod.customersJson(List.of("Acme")),
                1,
                null,
                Instant.EPOCH);
    }

    private static OooNotices.Shown shown(Set<OooStep> ticked, OooCoverers.Coverer... coverers) {
        OooPeriod p = period(java.util.Arrays.stream(coverers)
                .map(OooCoverers.Coverer::coverer)
                .toArray(String[]::new));
        return new OooNotices.Shown(p, ticked, BACK, List.of(coverers));
    }

    private static OooCoverers.Coverer named(String id, String name) {
        return new OooCoverers.Coverer(id, name, null);
    }

    private static OooCoverers.Coverer cannot(String id, String name) {
        return new OooCoverers.Coverer(id, name, Instant.EPOCH);
    }

    private static JsonNode json(List<LayoutBlock> blocks) throws Exception {
        return new ObjectMapper().readTree(BlockJson.of(blocks));
    }

    private static List<JsonNode> buttons(JsonNode blocks, String actionIdPrefix) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode button : blocks.findParents("action_id")) {
            if (button.path("action_id").asText().startsWith(actionIdPrefix)) {
                found.add(button);
            }
        }
        return found;
    }

    @Nested
    final class Form {

        private JsonNode view(OooModal.Prefill prefill) throws Exception {
            View view = OooModal.build(prefill, "Europe/Berlin", "C0CEINTERN");
            return new ObjectMapper().readTree(GsonFactory.createSnakeCase().toJson(view));
        }

        @Test
        void speaksAsI_andItsSubmitButtonSaysWhatHappens_withinSlacksLength() throws Exception {
            JsonNode view = view(OooModal.Prefill.NEW);

            assertThat(view.path("submit").path("text").asText())
                    .isEqualTo("Save and tell your cover")
                    .hasSizeLessThanOrEqualTo(24);
            assertThat(view.toString()).doesNotContainIgnoringCase("the bot").contains("I tell them", "I remind you");
        }

        @Test
        void labelsAreShort_andTheHandbooksWordsAreHints() throws Exception {
            JsonNode view = view(OooModal.Prefill.NEW);

            List<String> labels = view.findValues("label").stream()
                    .map(l -> l.path("text").asText())
                    .toList();
            assertThat(labels)
                    .containsExactly(
                            "First day out",
                            "Last day out",
                            "Who covers for you",
                            "Coverage plan",
                            "Customers to tell",
                            "Steps already done");
            assertThat(labels).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(20));
            assertThat(view.toString()).contains("Work with your manager to create a coverage plan");
        }

        @Test
        void eachStep_isNumbered_withTheHandbooksWordsUnderIt() throws Exception {
            JsonNode steps = view(OooModal.Prefill.NEW).findParent("options").path("options");

            assertThat(steps).hasSize(5);
            assertThat(steps.get(1).path("text").path("text").asText()).isEqualTo("2. Logged on the CE team calendar");
            assertThat(steps.get(3).path("description").path("text").asText())
                    .isEqualTo("Notify your customers through the appropriate channel of your upcoming OOO");
            for (JsonNode step : steps) {
                assertThat(step.path("description").path("text").asText()).hasSizeLessThanOrEqualTo(75);
            }
        }

        @Test
        void anEdit_keepsTheStepsTicked() throws Exception {
            JsonNode view = view(OooModal.Prefill.of(period(COV), EnumSet.of(OooStep.CALENDAR)));

            JsonNode steps = null;
            for (JsonNode block : view.path("blocks")) {
                steps = OooModal.STEPS.equals(block.path("block_id").asText()) ? block : steps;
            }
            JsonNode initial = steps.path("element").path("initial_options");
            assertThat(initial).hasSize(1);
            assertThat(initial.get(0).path("value").asText()).isEqualTo("calendar");
        }
    }

    @Nested
    final class Summary {

        @Test
        void eachMarkDoneButton_namesItsStep_forScreenReaders() throws Exception {
            JsonNode blocks = json(OooNotices.summary(shown(Set.of(), named(COV, "Cora Jones")), null, 3));

            List<JsonNode> marks = buttons(blocks, OooNotices.TICK);
            assertThat(marks).hasSize(5);
            assertThat(marks)
                    .extracting(b -> b.path("text").path("text").asText())
                    .containsOnly("Mark done");
            assertThat(marks)
                    .extracting(b -> b.path("accessibility_label").asText())
                    .containsExactly(
                            "Mark step 1 done: Log it in Roots PTO",
                            "Mark step 2 done: Log it on the CE team calendar",
                            "Mark step 3 done: Agree a coverage plan with your manager",
                            "Mark step 4 done: Tell your customers",
                            "Mark step 5 done: Set your Slack status");
            assertThat(marks)
                    .allSatisfy(b ->
                            assertThat(b.path("accessibility_label").asText()).hasSizeLessThanOrEqualTo(75));
        }

        @Test
        void whetherAStepIsDone_isSaidInWords_andEachIsNumbered() throws Exception {
            OooNotices.Shown s = shown(EnumSet.of(OooStep.PTO, OooStep.STATUS), named(COV, "Cora Jones"));

            String blocks = json(OooNotices.summary(s, null, 3)).toString();

            assertThat(blocks)
                    .contains(
                            "1. Log it in Roots PTO* · done",
                            "2. Log it on the CE team calendar* · not done yet",
                            "5. Set your Slack status* · done",
                            "2 of 5 steps done");
            assertThat(OooNotices.summaryText(s))
                    .startsWith("Your time off is planned: Mon 9 Nov – Fri 13 Nov 2026")
                    .contains("Covering: <@" + COV + ">", "2 of 5 steps done");
        }

        @Test
        void theMessagesThatReferToAStep_useItsNumber() {
            OooNotices.Shown s =
                    shown(EnumSet.of(OooStep.PTO, OooStep.COVERAGE, OooStep.CUSTOMERS), named(COV, "Cora Jones"));

            assertThat(OooNotices.calendarComment(s)).contains("(step 2)");
            assertThat(OooNotices.remindText(s))
                    .isEqualTo(
                            "Your time off starts Mon 9 Nov 2026: steps 2 and 5 of the handbook's 5 are still open.");
            assertThat(OooNotices.statusReminder(s, new OooStatus.Current("", "", 0)))
                    .contains("(step 5)");
            assertThat(OooNotices.help("C0CEINTERN")).contains("1. log it in Roots PTO, 2. log it on the CE team");
        }

        @Test
        void cancelTimeOff_saysItLeavesRootsAndTheCalendarAlone() throws Exception {
            OooNotices.Shown s = shown(Set.of(), named(COV, "Cora Jones"));

            JsonNode cancel = buttons(json(OooNotices.summary(s, null, 3)), OooNotices.CANCEL)
                    .get(0);

            assertThat(cancel.path("confirm").path("text").path("text").asText())
                    .contains("Roots PTO and the CE team calendar stay as they are");
            assertThat(cancel.path("confirm").path("text").path("text").asText())
                    .hasSizeLessThanOrEqualTo(300);
            assertThat(OooNotices.cancelled(s)).contains("I haven't changed Roots PTO or the CE team calendar");
        }

        @Test
        void someoneWhoCantCover_isShownAsSuch_andIsNotCountedAsCovering() throws Exception {
            OooNotices.Shown s = shown(Set.of(), named(COV, "Cora Jones"), cannot(COV2, "Colin Park"));

            assertThat(OooNotices.summaryText(s)).contains("Covering: <@" + COV + "> (<@" + COV2 + "> can't cover)");
            assertThat(OooNotices.mentionReply(s)).endsWith("<@" + COV + "> is covering.");
            assertThat(OooNotices.announcement(s, PERSON))
                    .contains("Covering: <@" + COV + "> (<@" + COV2 + "> can't cover)");
            assertThat(OooNotices.customerNotice(s)).contains("Cora Jones").doesNotContain("Colin");
        }
    }

    @Nested
    final class CustomerNotice {

        @Test
        void namesThePeopleCovering_asPeopleOutsideSlackKnowThem() {
            String notice =
                    OooNotices.customerNotice(shown(Set.of(), named(COV, "Cora Jones"), named(COV2, "Colin Park")));

            assertThat(notice)
                    .contains("While I'm away, Cora Jones and Colin Park will look after you")
                    .doesNotContain("<@", "colleague", "Slack didn't give me");
        }

        @Test
        void someoneWhoseNameSlackWouldNotGive_isAColleague_andThePersonIsAskedToNameThem() {
            String notice = OooNotices.customerNotice(shown(Set.of(), named(COV, "Cora Jones"), named(COV2, null)));

            assertThat(notice)
                    .contains("Cora Jones and a colleague will look after you", "put the names")
                    .doesNotContain("<@");
        }

        @Test
        void aNameWithMarkup_isShownAsTyped_andCannotMention() {
            String notice = OooNotices.customerNotice(shown(Set.of(), named(COV, "<!channel> & co")));

            assertThat(notice).contains("‹!channel› &amp; co").doesNotContain("<!channel>");
        }

        @Test
        void nobodyLeftCovering_saysSo() {
            String notice = OooNotices.customerNotice(shown(Set.of(), cannot(COV, "Cora Jones")));

            assertThat(notice).contains("Nobody is covering yet").doesNotContain("Cora");
        }
    }

    @Nested
    final class Coverers {

        @Test
        void theirDm_carriesTheButtonToSayTheyCantCover_withItsOwnKey() throws Exception {
            JsonNode blocks = json(OooNotices.toCoverer("<@U0LA> is out", "ooo:7:v1:coverer:" + COV));

            JsonNode button = buttons(blocks, OooNotices.CANNOT_COVER).get(0);
            assertThat(button.path("text").path("text").asText()).isEqualTo("I can't cover");
            assertThat(button.path("value").asText()).isEqualTo("ooo:7:v1:coverer:" + COV);
            assertThat(button.path("confirm").path("text").path("text").asText())
                    .contains("I'll tell the person");
            assertThat(OooRecords.COVERER_DM
                            .matcher(button.path("value").asText())
                            .matches())
                    .isTrue();
        }

        @Test
        void thePersonGoingOut_hearsWhoCant_withEditWhileItCanStillChange() throws Exception {
            OooNotices.Shown s = shown(Set.of(), named(COV, "Cora Jones"), cannot(COV2, "Colin Park"));

            JsonNode editable = json(OooNotices.cannotCover(s, List.of(COV2), true));
            JsonNode begun = json(OooNotices.cannotCover(s, List.of(COV2), false));

            assertThat(OooNotices.cannotCoverText(s, List.of(COV2), true))
                    .startsWith("<@" + COV2 + "> can't cover your time off Mon 9 Nov – Fri 13 Nov 2026")
                    .contains("Covering now: <@" + COV + ">", "Edit your time off to pick someone else");
            assertThat(buttons(editable, OooNotices.EDIT))
                    .singleElement()
                    .satisfies(b -> assertThat(b.path("style").asText()).isEqualTo("primary"));
            assertThat(buttons(begun, OooNotices.EDIT)).isEmpty();
        }

        @Test
        void onHome_theyAreToldWhomTheyCoverAndUntilWhen() {
            OooNotices.Shown s = shown(Set.of(), named(COV, "Cora Jones"), named(COV2, "Colin Park"));

            assertThat(OooHome.covering(s, COV, LocalDate.parse("2026-11-10")))
                    .startsWith("You are covering <@" + PERSON + "> until Fri 13 Nov 2026 (back Mon 16 Nov 2026)")
                    .contains("customers: Acme", "with <@" + COV2 + ">")
                    .doesNotContain("<@" + COV + ">");
            assertThat(OooHome.covering(s, COV, LocalDate.parse("2026-11-02")))
                    .startsWith("You are covering <@" + PERSON + "> Mon 9 Nov – Fri 13 Nov 2026");
        }
    }

    @Test
    void repeatedEditAndCancelButtons_sayWhichTimeOffTheyAreFor() throws Exception {
        OooNotices.Shown s = shown(Set.of(), named(COV, "Cora Jones"));

        JsonNode own = json(OooNotices.own(List.of(s, s)));

        assertThat(buttons(own, OooNotices.EDIT))
                .extracting(b -> b.path("accessibility_label").asText())
                .containsOnly("Edit your time off Mon 9 Nov – Fri 13 Nov 2026");
        assertThat(buttons(own, OooNotices.CANCEL))
                .extracting(b -> b.path("accessibility_label").asText())
                .containsOnly("Cancel your time off Mon 9 Nov – Fri 13 Nov 2026");
    }
}
