package com.cebot.slack;

import com.slack.api.model.view.ViewState;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of a submitted view's state ({@code values[block_id][action_id]}). Text is cleaned
 * ({@link TypedText}) and text that shows nothing reads as empty, so "required" means the same
 * thing for every field.
 */
public final class ViewStates {

    private final Map<String, Map<String, ViewState.Value>> values;

    private ViewStates(Map<String, Map<String, ViewState.Value>> values) {
        this.values = values == null ? Map.of() : values;
    }

    public static ViewStates of(ViewState state) {
        return new ViewStates(state == null ? null : state.getValues());
    }

    private Optional<ViewState.Value> value(String blockId, String actionId) {
        return Optional.ofNullable(values.get(blockId)).map(b -> b.get(actionId));
    }

    public Optional<String> text(String blockId, String actionId) {
        return value(blockId, actionId).map(ViewState.Value::getValue).map(TypedText::clean).filter(s -> !s.isEmpty());
    }

    public Optional<String> selected(String blockId, String actionId) {
        return value(blockId, actionId).map(ViewState.Value::getSelectedOption).map(o -> o.getValue());
    }

    /** The people picked in a multi-users select; empty when none. */
    public java.util.List<String> users(String blockId, String actionId) {
        return value(blockId, actionId).map(ViewState.Value::getSelectedUsers).orElse(java.util.List.of());
    }

    /** The values of the options picked in a multi-select or checkboxes; empty when none. */
    public java.util.List<String> selectedAll(String blockId, String actionId) {
        return value(blockId, actionId).map(ViewState.Value::getSelectedOptions)
                .map(options -> options.stream().map(o -> o.getValue()).toList()).orElse(java.util.List.of());
    }

    public Optional<String> date(String blockId, String actionId) {
        return value(blockId, actionId).map(ViewState.Value::getSelectedDate);
    }
}
