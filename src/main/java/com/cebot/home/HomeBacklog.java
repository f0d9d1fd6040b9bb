package com.cebot.home;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whose Home waits to be drawn, and why, in the order it is drawn: first those who opened it, then
 * those a change concerns, then those using Home when something every Home shows changed; within
 * each, first come first. A person waiting for several reasons is drawn once for all of them. Used
 * on the Home tab's one thread only.
 */
final class HomeBacklog {

    /** Why a Home is drawn, most pressing first. */
    enum Reason {
        /** They opened it: they are looking at it now. */
        OPENED,
        /** A change concerns them. */
        CONCERNED,
        /** Something every Home shows changed, and they used Home in the last minutes. */
        EVERYONE;

        /** Whether the draw may take the calls kept in reserve. */
        boolean urgent() {
            return this != EVERYONE;
        }
    }

    record Entry(String userId, Reason reason) {}

    private final Map<Reason, Set<String>> waiting = new EnumMap<>(Reason.class);

    HomeBacklog() {
        for (Reason reason : Reason.values()) {
            waiting.put(reason, new LinkedHashSet<>());
        }
    }

    void add(Reason reason, Collection<String> userIds) {
        waiting.get(reason).addAll(userIds);
    }

    /** The Home to draw next, left in the backlog until {@link #drawn}. */
    Optional<Entry> next() {
        for (Reason reason : Reason.values()) {
            Set<String> users = waiting.get(reason);
            if (!users.isEmpty()) {
                return Optional.of(new Entry(users.iterator().next(), reason));
            }
        }
        return Optional.empty();
    }

    /** Drawn as it is now, which answers every reason it waited for. */
    void drawn(String userId) {
        waiting.values().forEach(users -> users.remove(userId));
    }

    int waiting(Reason reason) {
        return waiting.get(reason).size();
    }
}
