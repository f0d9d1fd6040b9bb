package com.cebot.feedback;

import com.cebot.db.StoredNames;
import java.util.Optional;

/** How hard a gap hits the customer of one submission. Stored lower case. */
enum Severity {
    BLOCKER("Blocks a deal or renewal", "blocking a deal or renewal"),
    MAJOR("Major", "major"),
    MINOR("Minor", "minor");

    private final String label;
    private final String counted;

    Severity(String label, String counted) {
        this.label = label;
        this.counted = counted;
    }

    String label() {
        return label;
    }

    /** After a number, on the card: "2 blocking a deal or renewal". */
    String counted() {
        return counted;
    }

    String db() {
        return StoredNames.of(this);
    }

    static Optional<Severity> ofDb(String value) {
        return StoredNames.parse(Severity.class, value);
    }
}
