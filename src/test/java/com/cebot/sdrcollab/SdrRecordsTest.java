package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.feature.StoredRecords.Count;
import com.cebot.ooo.Absences;
import com.cebot.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SDR questions forgotten per person, and what was planned for them afterwards. */
final class SdrRecordsTest {

    private static final Absences NOBODY_AWAY = new Absences() {
        @Override
        public Set<String> awayOn(Handle handle, LocalDate day) {
            return Set.of();
        }

        @Override
        public Set<String> awayOrLeavingWithin(Handle handle, Collection<String> people, LocalDate day, int days) {
            return Set.of();
        }

        @Override
        public void noteWhileAway(Handle handle, LocalDate today, Instant now, String user, String what) {}
    };

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(RoutingStore.MONDAY_10AM);

    private List<String> column(RoutingStore store, String sql) {
        return store.jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    @Test
    void theAskerForgotten_takesTheirQuestionWithIt_andItsNudgesDropThemselvesInsteadOfFailing() {
        RoutingStore store = new RoutingStore(dir, clock, Set.of("UCE1"), NOBODY_AWAY, 1000);
        store.ask();

        List<Count> counts =
                store.jdbi.withHandle(h -> h.attach(SdrRecords.class).forget(RoutingStore.SDR));
        clock.advance(Duration.ofDays(3));
        store.jobs.runOnce();

        assertThat(counts).contains(new Count("SDR questions: questions they asked", 1));
        assertThat(column(store, "SELECT COUNT(*) FROM sdr_question")).containsExactly("0");
        assertThat(column(store, "SELECT COUNT(*) FROM sdr_question_event")).containsExactly("0");
        assertThat(column(store, "SELECT DISTINCT status FROM work WHERE queue = 'job'"))
                .as("nudge, pass-on and escalation ran and dropped themselves")
                .containsExactly("done");
    }

    @Test
    void theOwnerForgotten_leavesTheQuestionWithoutAnOwner_andTheirTurnGoes() {
        RoutingStore store = new RoutingStore(dir, clock, Set.of("UCE1", "UCE2"), NOBODY_AWAY, 1000);
        long id = store.ask();
        String owner = store.question(id).assignee();

        List<Count> counts =
                store.jdbi.withHandle(h -> h.attach(SdrRecords.class).forget(owner));

        assertThat(counts)
                .contains(
                        new Count("SDR questions: questions they held, now without an owner", 1),
                        new Count("SDR questions: their turn in the rotation", 1));
        assertThat(store.question(id).assignee()).isNull();
        assertThat(column(store, "SELECT COUNT(*) FROM sdr_question_event WHERE subject = '" + owner + "'"))
                .containsExactly("0");
        assertThat(column(store, "SELECT user_id FROM sdr_rotation")).doesNotContain(owner);
    }

    @Test
    void someoneMentionedInAQuestion_isTakenOutOfItsWords_andNobodyElse() {
        RoutingStore store = new RoutingStore(dir, clock, Set.of("UCE9"), NOBODY_AWAY, 1000);
        long id = store.ask("<!subteam^SGROUP> Did <@UCE1> or <@UCE12|ce12> promise SSO to Acme?");

        List<Count> counts =
                store.jdbi.withHandle(h -> h.attach(SdrRecords.class).forget("UCE1"));

        assertThat(counts)
                .contains(new Count("SDR questions: others' questions mentioning them, without the mention", 1));
        assertThat(store.question(id).questionText()).isEqualTo("Did @someone or <@UCE12> promise SSO to Acme?");
    }
}
