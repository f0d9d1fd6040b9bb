package com.cebot.feedback;

import java.time.Instant;

/**
 * One customer tied to a gap, as shared. {@code sharedBy} is always kept, to tell the person about
 * status changes; where others look, {@code anonymous} submissions show no name.
 */
record Submission(
        long id,
        String shareKey,
        long gapId,
        long customerId,
        String customerName,
        String sharedBy,
        boolean anonymous,
        String need,
        Severity severity,
        String blocks,
        String workaround,
        String link,
        Instant createdAt) {

    /** Who shared it, for places others can see: nobody when it was shared without a name. */
    String shownSharer() {
        return anonymous ? null : sharedBy;
    }
}
