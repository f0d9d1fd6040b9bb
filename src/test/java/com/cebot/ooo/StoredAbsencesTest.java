package com.cebot.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who is away for other workflows, and what they note for someone's day back, from the store. */
final class StoredAbsencesTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-11-09");

    @TempDir
    Path dir;

    private Jdbi store;
    // Monday 9 November, 10:00 in Los Angeles.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-09T18:00:00Z"));
    private StoredAbsences absences;

    @BeforeEach
    void setUp() {
        store = TestDatabase.open(dir);
        absences = new StoredAbsences(store, clock, ZoneId.of("America/Los_Angeles"));
    }

    private long period(String person, String first, String last) {
        return store.withExtension(OooRepository.class, r -> r.insert("V-" + person + first, person, "UTC",
                LocalDate.parse(first), LocalDate.parse(last), "U0COV", null, "[]", clock.instant()));
    }

    @Test
    void awayOn_namesThoseOutThatDay_notThoseBeforeAfterOrCancelled() {
        period("U0OUT", "2026-11-09", "2026-11-13");
        period("U0ENDED", "2026-11-02", "2026-11-08");
        period("U0LATER", "2026-11-11", "2026-11-12");
        long cancelled = period("U0CANCELLED", "2026-11-09", "2026-11-09");
        store.useExtension(OooRepository.class, r -> r.cancel(cancelled, clock.instant()));

        assertThat(absences.awayOn(MONDAY)).containsExactly("U0OUT");
    }

    @Test
    void awayOrLeavingWithin_addsThoseLeavingInTheNextDays() {
        period("U0OUT", "2026-11-09", "2026-11-13");
        period("U0WEDNESDAY", "2026-11-11", "2026-11-12");
        period("U0THURSDAY", "2026-11-12", "2026-11-12");

        assertThat(absences.awayOrLeavingWithin(MONDAY, 2)).containsExactlyInAnyOrder("U0OUT", "U0WEDNESDAY");
    }

    @Test
    void noteWhileAway_isKeptForTheDayBack_onlyForSomeoneOutToday() {
        long out = period("U0OUT", "2026-11-09", "2026-11-13");
        long later = period("U0LATER", "2026-11-11", "2026-11-12");

        store.useTransaction(h -> {
            absences.noteWhileAway(h, "U0OUT", "Passed a question in <#C0CE> to <@U0B>");
            absences.noteWhileAway(h, "U0LATER", "not out yet");
            absences.noteWhileAway(h, "U0NOBODY", "never out");
        });

        java.util.List<String> outNotes = store.withExtension(OooRepository.class, r -> r.notes(out));
        java.util.List<String> laterNotes = store.withExtension(OooRepository.class, r -> r.notes(later));
        assertThat(outNotes).containsExactly("Passed a question in <#C0CE> to <@U0B>");
        assertThat(laterNotes).isEmpty();
    }
}
