package com.cebot.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
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
    // Monday 9 November, 10:00 in Los Angeles, the team's zone.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-09T18:00:00Z"));
    private StoredAbsences absences;

    @BeforeEach
    void setUp() {
        store = TestDatabase.open(dir);
        absences = new StoredAbsences();
    }

    private long period(String person, String first, String last) {
        return store.withExtension(
                OooRepository.class,
                r -> r.insert(
                        "V-" + person + first,
                        person,
                        "UTC",
                        LocalDate.parse(first),
                        LocalDate.parse(last),
                        "U0COV",
                        null,
                        "[]",
                        clock.instant()));
    }

    @Test
    void awayOn_namesThoseOutThatDay_notThoseBeforeAfterOrCancelled() {
        period("U0OUT", "2026-11-09", "2026-11-13");
        period("U0ENDED", "2026-11-02", "2026-11-08");
        period("U0LATER", "2026-11-11", "2026-11-12");
        long cancelled = period("U0CANCELLED", "2026-11-09", "2026-11-09");
        store.useExtension(OooRepository.class, r -> r.cancel(cancelled, clock.instant()));

        Set<String> away = store.withHandle(h -> absences.awayOn(h, MONDAY));
        assertThat(away).containsExactly("U0OUT");
    }

    @Test
    void awayOrLeavingWithin_addsThoseLeavingInTheNextDays_ofThePeopleAskedAbout() {
        period("U0OUT", "2026-11-09", "2026-11-13");
        period("U0WEDNESDAY", "2026-11-11", "2026-11-12");
        period("U0THURSDAY", "2026-11-12", "2026-11-12");
        period("U0ELSE", "2026-11-09", "2026-11-13");

        Set<String> away = store.withHandle(
                h -> absences.awayOrLeavingWithin(h, List.of("U0OUT", "U0WEDNESDAY", "U0THURSDAY", "U0IN"), MONDAY, 2));
        assertThat(away).containsExactlyInAnyOrder("U0OUT", "U0WEDNESDAY");
        Set<String> nobody = store.withHandle(h -> absences.awayOrLeavingWithin(h, List.of(), MONDAY, 2));
        assertThat(nobody).isEmpty();
    }

    @Test
    void noteWhileAway_isKeptForTheDayBack_onlyForSomeoneOutToday() {
        long out = period("U0OUT", "2026-11-09", "2026-11-13");
        long later = period("U0LATER", "2026-11-11", "2026-11-12");

        store.useTransaction(h -> {
            absences.noteWhileAway(h, MONDAY, clock.instant(), "U0OUT", "Passed a question in <#C0CE> to <@U0B>");
            absences.noteWhileAway(h, MONDAY, clock.instant(), "U0LATER", "not out yet");
            absences.noteWhileAway(h, MONDAY, clock.instant(), "U0NOBODY", "never out");
        });

        java.util.List<String> outNotes = store.withExtension(OooRepository.class, r -> r.notes(out));
        java.util.List<String> laterNotes = store.withExtension(OooRepository.class, r -> r.notes(later));
        assertThat(outNotes).containsExactly("Passed a question in <#C0CE> to <@U0B>");
        assertThat(laterNotes).isEmpty();
    }
}
