package com.cebot.sdrcollab;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/**
 * SDR routing's settings once resolved against the workspace.
 *
 * @param ceChannel         where questions are asked
 * @param groupMention      {@code <!subteam^S…>} of the question group
 * @param escalateMention   who is tagged on escalation: the configured person or group, or the roster's
 *                          managers; empty when nobody is known
 * @param escalateUsers     the people among them, who count as CEs when they reply
 * @param leavingWithinDays people leaving within this many days are skipped
 * @param maxOpen           people holding this many open questions are skipped
 * @param perMinute         questions one person may ask in a minute; more are not routed
 * @param nudgeAfter        working time after an assignment before the assignee is nudged; as long
 *                          again before the question passes on
 * @param zone              the team's zone, for days and working time
 * @param groupHandle       the group's handle, for words that must not notify it ("ce-sdr-collab")
 * @param escalateName      whom escalations tag, as a button can say it: "the CE manager", "@ce-leads";
 *                          empty when nobody is known
 */
record Routing(
        String ceChannel,
        String groupMention,
        String escalateMention,
        Set<String> escalateUsers,
        int leavingWithinDays,
        int maxOpen,
        int perMinute,
        Duration nudgeAfter,
        ZoneId zone,
        String groupHandle,
        String escalateName) {

    /** The group's ID, from its mention. */
    String groupId() {
        return groupMention.substring("<!subteam^".length(), groupMention.length() - 1);
    }

    /** What the escalate button says: "Escalate to the CE manager". */
    String escalateLabel() {
        return escalateName.isEmpty() ? "Escalate" : "Escalate to " + escalateName;
    }

    /**
     * {@code ask} addressed to whoever escalations tag; when nobody is configured, the ask alone and
     * how to set someone, so the sentence still reads.
     */
    String escalate(String ask) {
        if (escalateMention.isEmpty()) {
            return Character.toUpperCase(ask.charAt(0)) + ask.substring(1) + " (nobody is tagged: set"
                    + " `sdr_collab.escalate_to`, or managers in `roster`)";
        }
        return escalateMention + " " + ask;
    }
}
