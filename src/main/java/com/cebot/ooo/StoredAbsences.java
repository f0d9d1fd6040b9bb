package com.cebot.ooo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link Absences} from the stored periods; a period's days are taken as the team's dates. */
final class StoredAbsences implements Absences {

    private final Jdbi store;
    private final Clock clock;
    private final ZoneId teamZone;

    StoredAbsences(Jdbi store, Clock clock, ZoneId teamZone) {
        this.store = store;
        this.clock = clock;
        this.teamZone = teamZone;
    }

    @Override
    public Set<String> awayOn(LocalDate day) {
        return awayBetween(day, day);
    }

    @Override
    public Set<String> awayOrLeavingWithin(LocalDate day, int days) {
        return awayBetween(day, day.plusDays(days));
    }

    private Set<String> awayBetween(LocalDate from, LocalDate to) {
        return store.withExtension(OooRepository.class, r -> r.between(from, to)).stream().map(OooPeriod::person)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Kept with the period the person is out in today; the caller's transaction makes it once. */
    @Override
    public void noteWhileAway(Handle handle, String user, String what) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), teamZone);
        OooRepository repo = handle.attach(OooRepository.class);
        repo.ofPeopleBetween(List.of(user), today, today).stream().findFirst()
                .ifPresent(p -> repo.note(p.id(), "note:" + UUID.randomUUID(), what, clock.instant()));
    }
}
