package com.cebot.slack;

import java.util.Map;
import java.util.Optional;

/**
 * The checks every form makes of its free-text fields, worded alike: an error goes by the field's
 * block id. Slack enforces lengths in the client already; a payload is only what it says it is.
 */
public final class FormFields {

    private FormFields() {}

    /**
     * What was typed in a field that must be answered; empty, with {@code missing} by the field, when
     * nothing was. An answer longer than {@code max} is refused by the field.
     *
     * @param what how the length error names the field: "the background", "this"
     */
    public static Optional<String> required(
            ViewStates state,
            String blockId,
            String actionId,
            int max,
            String missing,
            String what,
            Map<String, String> errors) {
        Optional<String> text = state.text(blockId, actionId);
        if (text.isEmpty()) {
            errors.put(blockId, missing);
        }
        return checked(text, blockId, max, what, errors);
    }

    /** What was typed in a field that may stay empty; an answer longer than {@code max} is refused by it. */
    public static Optional<String> optional(
            ViewStates state, String blockId, String actionId, int max, Map<String, String> errors) {
        return checked(state.text(blockId, actionId), blockId, max, "this", errors);
    }

    public static String tooLong(String what, int max) {
        return "Keep " + what + " to " + max + " characters; link to a doc for more.";
    }

    private static Optional<String> checked(
            Optional<String> text, String blockId, int max, String what, Map<String, String> errors) {
        if (text.isPresent() && text.get().length() > max) {
            errors.put(blockId, tooLong(what, max));
        }
        return text;
    }
}
