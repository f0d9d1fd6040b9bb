package com.cebot.feedback;

import java.time.Instant;
import java.util.List;

/**
 * A week of product feedback in figures, from the store: submissions and the customers they came
 * for, gaps made in the week, the gaps most customers want that are still open to work, and each
 * status change and merge of the week. Nobody who shared is named.
 */
record DigestFigures(int submissions, int customers, List<Gap> newGaps, List<Gap> mostWanted, List<Change> changes) {

    /** A status change ({@code into} null) or a merge ({@code into} the gap it went to). */
    record Change(
            long gapId,
            String title,
            String cardChannel,
            String cardTs,
            String action,
            GapStatus status,
            GapStatus previous,
            String intoTitle,
            Instant at) {

        boolean merge() {
            return "merged".equals(action);
        }
    }
}
