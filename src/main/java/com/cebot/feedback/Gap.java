package com.cebot.feedback;

import java.time.Instant;

/**
 * One stored product gap with what its card shows about its submissions: how many customers want
 * it, and how many of them it hits hardest at each severity. {@code mergedInto} is set once its submissions
 * moved to another gap; {@code cardChannel}/{@code cardTs} are null until its card has landed.
 */
record Gap(
        long id,
        String title,
        String category,
        GapStatus status,
        Long mergedInto,
        String recordLink,
        int version,
        String cardKey,
        String cardChannel,
        String cardTs,
        Instant createdAt,
        int customers,
        int blockers,
        int majors,
        int minors) {

    boolean merged() {
        return mergedInto != null;
    }

    /** Takes new submissions: neither merged into another nor closed. */
    boolean live() {
        return !merged() && !status.closed();
    }

    boolean cardLanded() {
        return cardChannel != null && cardTs != null;
    }
}
