package com.cebot.sdrcollab;

import java.time.Instant;

/**
 * An SDR question as stored. {@code ts} is null until the bot's post of a shortcut question lands;
 * {@code assignee} is null while nobody eligible holds it. {@code assignment} counts the times it
 * was given to someone, {@code version} the changes its assignment reply shows. {@code questionText}
 * is the start of what it asks, as {@link QuestionText} keeps it (null for questions asked before
 * it was kept).
 */
record Question(
        long id,
        String channel,
        String ts,
        String asker,
        String source,
        String questionKey,
        String replyKey,
        String urgency,
        String status,
        String assignee,
        Instant assignedAt,
        int assignment,
        int version,
        String escalatedBy,
        Instant escalatedAt,
        String firstResponseBy,
        Instant firstResponseAt,
        Long firstResponseSecs,
        String answeredBy,
        Instant answeredAt,
        Instant askedAt,
        String questionText) {

    static final String OPEN = "open";
    static final String ANSWERED = "answered";

    boolean open() {
        return OPEN.equals(status);
    }

    boolean responded() {
        return firstResponseAt != null;
    }

    /** Nobody needs chasing: answered, or a CE has replied. */
    boolean settled() {
        return !open() || responded();
    }
}
