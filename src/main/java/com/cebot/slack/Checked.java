package com.cebot.slack;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What a form made of a submitted modal: the record to act on, or errors keyed by the input block
 * ids, which Slack shows next to their fields.
 */
public sealed interface Checked<T> {

    record Valid<T>(T value) implements Checked<T> {}

    record Invalid<T>(Map<String, String> errors) implements Checked<T> {}

    /** Invalid when any field has an error; otherwise the record, made only then. */
    static <T> Checked<T> of(Map<String, String> errors, Supplier<T> value) {
        return errors.isEmpty() ? new Valid<>(value.get()) : new Invalid<>(errors);
    }

    static <T> Checked<T> invalid(String blockId, String error) {
        return new Invalid<>(Map.of(blockId, error));
    }
}
