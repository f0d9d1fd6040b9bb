package com.cebot.ooo;

import java.util.Optional;

/** The handbook's five steps before time off, worded as the person ticks them. */
enum OooStep {
    PTO("pto", "Time off logged in Roots PTO"),
    CALENDAR("calendar", "Logged on the CE team calendar"),
    COVERAGE("coverage", "Coverage plan agreed with my manager"),
    CUSTOMERS("customers", "Customers notified"),
    STATUS("status", "Slack status shows my OOO dates");

    private final String code;
    private final String label;

    OooStep(String code, String label) {
        this.code = code;
        this.label = label;
    }

    String code() {
        return code;
    }

    String label() {
        return label;
    }

    static Optional<OooStep> ofCode(String code) {
        for (OooStep step : values()) {
            if (step.code.equals(code)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }
}
