package com.cebot.ooo;

import java.util.Optional;

/**
 * The handbook's five steps before time off, in its order: {@code number} is what messages call
 * them ("step 2"), {@code task} what to do, {@code done} the step as the person ticks it, and
 * {@code handbook} the handbook's own words, said to the reader.
 */
enum OooStep {
    PTO("pto", "Log it in Roots PTO", "Time off logged in Roots PTO", "Log your time off request in Roots PTO"),
    CALENDAR(
            "calendar",
            "Log it on the CE team calendar",
            "Logged on the CE team calendar",
            "Log your time off on the CE team Google calendar"),
    COVERAGE(
            "coverage",
            "Agree a coverage plan with your manager",
            "Coverage plan agreed with my manager",
            "Work with your manager to create a coverage plan"),
    CUSTOMERS(
            "customers",
            "Tell your customers",
            "Customers notified",
            "Notify your customers through the appropriate channel of your upcoming OOO"),
    STATUS(
            "status",
            "Set your Slack status",
            "Slack status shows my OOO dates",
            "Update your Slack status accordingly with your OOO dates indicated");

    private final String code;
    private final String task;
    private final String done;
    private final String handbook;

    OooStep(String code, String task, String done, String handbook) {
        this.code = code;
        this.task = task;
        this.done = done;
        this.handbook = handbook;
    }

    String code() {
        return code;
    }

    /** 1 to 5, as the handbook numbers them. */
    int number() {
        return ordinal() + 1;
    }

    /** "Log it on the CE team calendar". */
    String task() {
        return task;
    }

    /** "2. Log it on the CE team calendar". */
    String numbered() {
        return number() + ". " + task;
    }

    /** "2. Logged on the CE team calendar", as a ticked box reads. */
    String done() {
        return number() + ". " + done;
    }

    String handbook() {
        return handbook;
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
