package com.cebot.supportticket.request;

import com.cebot.db.StoredNames;

/** Where a Support Ticket Request stands. Stored lower case, as the table's CHECK lists them. */
enum RequestStatus {
    OPEN("Open", "raised"),
    ACKNOWLEDGED("Acknowledged", "acknowledged"),
    APPROVED("Approved", "approved"),
    DECLINED("Declined", "declined"),
    DONE("Done", "marked done");

    private final String label;
    private final String verb;

    RequestStatus(String label, String verb) {
        this.label = label;
        this.verb = verb;
    }

    public String label() {
        return label;
    }

    /** How a sentence says a request got here: "was declined by …". */
    public String verb() {
        return verb;
    }

    /** The value in the status columns. */
    public String db() {
        return StoredNames.of(this);
    }
}
