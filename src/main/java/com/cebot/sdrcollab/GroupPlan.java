package com.cebot.sdrcollab;

import com.cebot.config.BotConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the question group should be on a given day: the roster's CEs within their first
 * {@code first_days} days ({@code start_date <= today < start_date + first_days}, days in the team's
 * zone), and how that differs from its members now. Pure.
 */
sealed interface GroupPlan {

    /** The roster is empty: the group is managed by hand and the bot leaves it alone. */
    record ByHand() implements GroupPlan {}

    /** Already right. */
    record Unchanged(Set<String> members) implements GroupPlan {}

    /** Set the group to {@code target}: {@code added} join, {@code graduated} leave. */
    record Change(Set<String> target, Set<String> added, Set<String> graduated) implements GroupPlan {}

    /** Nobody on the roster is new: Slack refuses an empty group, so it stays as it is. */
    record WouldEmpty(Set<String> members) implements GroupPlan {}

    static GroupPlan of(List<BotConfig.RosterEntry> roster, LocalDate today, int firstDays, Set<String> current) {
        if (roster.isEmpty()) {
            return new ByHand();
        }
        Set<String> target = roster.stream()
                .filter(e -> inFirstDays(e.startDate(), today, firstDays))
                .map(BotConfig.RosterEntry::user)
                .collect(Collectors.toCollection(TreeSet::new));
        if (target.equals(current)) {
            return new Unchanged(target);
        }
        if (target.isEmpty()) {
            return new WouldEmpty(new TreeSet<>(current));
        }
        Set<String> added = new TreeSet<>(target);
        added.removeAll(current);
        Set<String> graduated = new TreeSet<>(current);
        graduated.removeAll(target);
        return new Change(target, added, graduated);
    }

    static boolean inFirstDays(LocalDate start, LocalDate today, int firstDays) {
        return !start.isAfter(today) && today.isBefore(start.plusDays(firstDays));
    }

    /** One line for check and {@code sync-group --dry-run}. */
    static String describe(GroupPlan plan, String handle, int firstDays) {
        if (plan instanceof ByHand) {
            return "@" + handle + " is managed by hand: the roster is empty, so the bot leaves its members alone.";
        }
        if (plan instanceof Unchanged u) {
            return "@" + handle + " already has the roster's CEs in their first " + firstDays + " days ("
                    + String.join(", ", u.members()) + "); nothing to change.";
        }
        if (plan instanceof WouldEmpty w) {
            return "nobody on the roster is in their first " + firstDays + " days, and Slack refuses an empty user"
                    + " group: @" + handle + " stays as it is (" + String.join(", ", w.members())
                    + "); remove people by hand or add a new CE to the roster.";
        }
        Change c = (Change) plan;
        return "@" + handle + " would become " + String.join(", ", c.target()) + " (add: "
                + (c.added().isEmpty() ? "nobody" : String.join(", ", c.added())) + "; graduate: "
                + (c.graduated().isEmpty() ? "nobody" : String.join(", ", c.graduated())) + ").";
    }
}
