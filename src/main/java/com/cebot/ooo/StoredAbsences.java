package com.cebot.ooo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** {@link Absences} from the stored periods; a period's days are taken as the team's dates. */
final class StoredAbsences implements Absences {

    @Override
    public Set<String> awayOn(Handle handle, LocalDate day) {
        return awayBetween(handle, day, day);
    }

    @Override
    public Set<String> awayOrLeavingWithin(Handle handle, Collection<String> people, LocalDate day, int days) {
        if (people.isEmpty()) {
            return Set.of();
        }
        return handle.attach(OooRepository.class).ofPeopleBetween(List.copyOf(people), day, day.plusDays(days)).stream()
                .map(OooPeriod::person)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> awayBetween(Handle handle, LocalDate from, LocalDate to) {
        return handle.attach(OooRepository.class).between(from, to).stream()
                .map(OooPeriod::person)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Kept with the period the person is out in today; the caller's transaction makes it once. */
    @Override
    public void noteWhileAway(Handle handle, LocalDate today, Instant now, String user, String what) {
        OooRepository repo = handle.attach(OooRepository.class);
        repo.ofPeopleBetween(List.of(user), today, today).stream()
                .findFirst()
                .ifPresent(p -> repo.note(p.id(), "note:" + UUID.randomUUID(), what, now));
    }
}
