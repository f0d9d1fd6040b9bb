package com.cebot.feedback;

import java.time.Instant;

/**
 * Something that happened to a gap: {@code created}, {@code status} (to {@code status}, from
 * {@code previous}, with an optional note), {@code merged} (into {@code otherGap}) or {@code record}
 * (its Salesforce record set). {@code actor} is null for a gap made by a share.
 */
record GapEvent(long id, long gapId, String action, String status, String previous, String note, Long otherGap,
        String actor, Instant at) {}
