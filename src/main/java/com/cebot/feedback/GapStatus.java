package com.cebot.feedback;

import com.cebot.db.StoredNames;
import java.util.Optional;

/**
 * Where a product gap stands, in the handbook's seven words. Stored lower case, as the table's CHECK
 * lists them. Resolved and Won't do close a gap: it takes no new submissions, and the people who
 * shared to it are reminded which customers they asked for, so they can tell them.
 */
enum GapStatus {
    OPEN("Open", "needs to be reviewed by Product"),
    IN_REVIEW("In review", "Product is reviewing it but has not prioritised it"),
    IN_PROGRESS("In progress", "it is prioritised and the team is working on it"),
    SCHEDULED("Scheduled", "it is on the product roadmap"),
    RESOLVED("Resolved", "this is done"),
    BACKLOG("Backlog", "Product wants to do it, but not yet when"),
    WONT_DO("Won't do", "Product is not going to do it");

    private final String label;
    private final String meaning;

    GapStatus(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    String label() {
        return label;
    }

    /** The handbook's definition, for the status modal and DMs. */
    String meaning() {
        return meaning;
    }

    boolean closed() {
        return this == RESOLVED || this == WONT_DO;
    }

    /** The value in the status columns and in the status modal's options. */
    String db() {
        return StoredNames.of(this);
    }

    static Optional<GapStatus> ofDb(String value) {
        return StoredNames.parse(GapStatus.class, value);
    }
}
