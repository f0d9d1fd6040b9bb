package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.ooo.Absences;
import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation and skipping at the routing level: real SQLite, real repository, who is away given here. */
final class RoutingTest {

    private static final Set<String> FOUR = Set.of("UCE1", "UCE2", "UCE3", "UCE4");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(RoutingStore.MONDAY_10AM);

    /** Out on given days, or leaving on them; records the notes left for their day back. */
    private static final class PlannedAbsences implements Absences {
        final Map<String, LocalDate> leaving = new HashMap<>();
        final List<String> notes = new ArrayList<>();

        @Override
        public Set<String> awayOn(Handle handle, LocalDate day) {
            return awayOrLeavingWithin(handle, leaving.keySet(), day, 0);
        }

        @Override
        public Set<String> awayOrLeavingWithin(Handle handle, Collection<String> people, LocalDate day, int days) {
            Set<String> out = new HashSet<>();
            leaving.forEach((user, first) -> {
                if (people.contains(user) && !first.isAfter(day.plusDays(days))) {
                    out.add(user);
                }
            });
            return out;
        }

        @Override
        public void noteWhileAway(Handle handle, LocalDate today, Instant now, String user, String what) {
            LocalDate monday = RoutingStore.MONDAY_10AM
                    .atZone(RoutingStore.SCHEDULE.timeZone())
                    .toLocalDate();
            if (awayOn(handle, monday).contains(user)) {
                notes.add(user + ": " + what);
            }
        }
    }

    private static final Absences NOBODY_AWAY = new PlannedAbsences();

    @Test
    void hundredQuestions_overFourMembers_goTwentyFiveEach_inTurn() {
        RoutingStore store = new RoutingStore(dir, clock, FOUR, NOBODY_AWAY, 1000);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            order.add(store.question(store.ask()).assignee());
        }

        assertThat(store.assignedCounts())
                .containsOnly(
                        Map.entry("UCE1", 25L), Map.entry("UCE2", 25L), Map.entry("UCE3", 25L), Map.entry("UCE4", 25L));
        assertThat(order.subList(0, 5)).containsExactly("UCE1", "UCE2", "UCE3", "UCE4", "UCE1");
    }

    @Test
    void restartMidway_continuesTheSequence_neitherResettingNorRepeating() {
        RoutingStore before = new RoutingStore(dir, clock, FOUR, NOBODY_AWAY, 1000);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            order.add(before.question(before.ask()).assignee());
        }

        RoutingStore after = new RoutingStore(dir, clock, FOUR, NOBODY_AWAY, 1000);
        for (int i = 0; i < 50; i++) {
            order.add(after.question(after.ask()).assignee());
        }

        assertThat(order.subList(48, 54))
                .as("50 = 12 rounds + 2: the next is the third member")
                .containsExactly("UCE1", "UCE2", "UCE3", "UCE4", "UCE1", "UCE2");
        assertThat(after.assignedCounts().values()).containsOnly(25L);
    }

    @Test
    void someoneOutToday_orLeavingWithinTwoDays_isSkipped_keepsTheirPlace_andHearsOnTheirDayBack() {
        PlannedAbsences absences = new PlannedAbsences();
        LocalDate monday = LocalDate.of(2026, 11, 23);
        absences.leaving.put("UCE1", monday);
        absences.leaving.put("UCE2", monday.plusDays(2));
        absences.leaving.put("UCE3", monday.plusDays(3));
        RoutingStore store = new RoutingStore(dir, clock, FOUR, absences, 1000);

        long first = store.ask();
        long second = store.ask();

        assertThat(store.question(first).assignee()).isEqualTo("UCE3");
        assertThat(store.question(second).assignee()).isEqualTo("UCE4");
        assertThat(absences.notes).hasSize(2).allMatch(n -> n.startsWith("UCE1: An SDR question in <#C0CE>"));

        absences.leaving.clear();
        assertThat(store.question(store.ask()).assignee())
                .as("back: first in line again")
                .isEqualTo("UCE1");
        assertThat(store.question(store.ask()).assignee()).isEqualTo("UCE2");
    }

    @Test
    void someoneAtTheOpenQuestionLimit_isSkipped_untilOneIsAnswered() {
        RoutingStore store = new RoutingStore(dir, clock, Set.of("UCE1", "UCE2"), NOBODY_AWAY, 1);
        long first = store.ask();
        store.ask();

        long third = store.ask();
        assertThat(store.question(third).assignee())
                .as("both hold one: nobody eligible")
                .isNull();

        store.answer(first);
        assertThat(store.question(store.ask()).assignee()).isEqualTo("UCE1");
    }

    @Test
    void theAsker_isNeverTheAssignee_evenInTheGroup() {
        RoutingStore store = new RoutingStore(dir, clock, Set.of(RoutingStore.SDR, "UCE9"), NOBODY_AWAY, 1000);

        for (int i = 0; i < 3; i++) {
            assertThat(store.question(store.ask()).assignee()).isEqualTo("UCE9");
        }
    }

    @Test
    void theReplyAndItsPlannedNudges_areStoredWithTheQuestion() {
        RoutingStore store = new RoutingStore(dir, clock, FOUR, NOBODY_AWAY, 1000);
        long id = store.ask();

        List<String> jobs = store.jdbi.withHandle(
                h -> h.createQuery("SELECT work_key FROM work WHERE queue = 'job' ORDER BY work_key")
                        .mapTo(String.class)
                        .list());
        assertThat(jobs)
                .containsExactly(
                        "sdr:q:" + id + ":a1:nudge", "sdr:q:" + id + ":a1:pass-on", "sdr:q:" + id + ":escalate");
        assertThat(TestDatabase.outbox(store.jdbi))
                .extracting(r -> r.get("message_key"), r -> r.get("anchor_key"), r -> r.get("status"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sdr-question:C0CE:1795000000.000001", null, "done"),
                        org.assertj.core.groups.Tuple.tuple(
                                "sdr-question:C0CE:1795000000.000001:reply",
                                "sdr-question:C0CE:1795000000.000001",
                                "pending"));
    }

    @Test
    void passedOnFromSomeoneWhoIsNowOut_leavesThemANoteForTheirDayBack() {
        PlannedAbsences absences = new PlannedAbsences();
        RoutingStore store = new RoutingStore(dir, clock, FOUR, absences, 1000);
        long id = store.ask();
        absences.leaving.put("UCE1", LocalDate.of(2026, 11, 23));

        var pressed = store.questions.press(id, Press.PASS, "UCE2", "action:1");

        assertThat(pressed).isInstanceOf(QuestionService.Pressed.Done.class);
        assertThat(store.question(id).assignee())
                .as("CE1 and CE2 are skipped now")
                .isEqualTo("UCE3");
        assertThat(absences.notes)
                .containsExactly("UCE1: An SDR question you held in <#C0CE> was passed on while you"
                        + " were out: https://acme.slack.com/archives/C0CE/p1795000000000001");
        List<String> events = store.jdbi.withExtension(QuestionRepository.class, r -> r.events(id));
        assertThat(events)
                .as("CE1 had the last turn, so only CE2 stood before CE3")
                .containsExactly("assigned::UCE1", "passed:UCE2:UCE1", "skipped:passed::UCE2", "assigned:UCE2:UCE3");
    }

    @Test
    void aRepeatedClick_isHandledOnce() {
        RoutingStore store = new RoutingStore(dir, clock, FOUR, NOBODY_AWAY, 1000);
        long id = store.ask();

        store.questions.press(id, Press.PASS, "UCE1", "action:1");
        var again = store.questions.press(id, Press.PASS, "UCE1", "action:1");

        assertThat(again).isInstanceOf(QuestionService.Pressed.Repeat.class);
        assertThat(store.question(id).assignee()).isEqualTo("UCE2");
    }
}
