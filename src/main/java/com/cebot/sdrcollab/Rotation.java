package com.cebot.sdrcollab;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who gets the next question, and why the others did not. Members are taken in order of their last
 * turn (never assigned first), ties by user ID; someone skipped keeps their place and is first once
 * they are eligible again. The turns live in the store, so a restart neither resets nor repeats the
 * rotation.
 */
final class Rotation {

    /** Why a member was passed over. */
    enum Skip {
        AWAY("out of office or leaving soon"),
        AT_LOAD("at the open-question limit"),
        PASSED("passed this question on or let it wait"),
        ASKER("asked it");

        final String reason;

        Skip(String reason) {
            this.reason = reason;
        }
    }

    /** The member chosen (empty when nobody is eligible) and those passed over before them, in rotation order. */
    record Pick(Optional<String> assignee, Map<String, Skip> skipped) {}

    private Rotation() {}

    /**
     * @param turns    each member's last turn; absent means never assigned
     * @param away     out today or leaving within the configured days
     * @param atLoad   holding the maximum of open questions
     * @param passed   who passed this question on or let it wait
     */
    static Pick next(
            Set<String> members,
            Map<String, Long> turns,
            Set<String> away,
            Set<String> atLoad,
            Set<String> passed,
            String asker) {
        Map<String, Skip> skipped = new LinkedHashMap<>();
        Optional<String> chosen = Optional.empty();
        var order = members.stream()
                .sorted(Comparator.comparing((String m) -> turns.getOrDefault(m, 0L))
                        .thenComparing(m -> m))
                .toList();
        for (String member : order) {
            Skip skip = member.equals(asker)
                    ? Skip.ASKER
                    : passed.contains(member)
                            ? Skip.PASSED
                            : away.contains(member) ? Skip.AWAY : atLoad.contains(member) ? Skip.AT_LOAD : null;
            if (skip != null) {
                skipped.put(member, skip);
            } else {
                chosen = Optional.of(member);
                break;
            }
        }
        return new Pick(chosen, skipped);
    }
}
