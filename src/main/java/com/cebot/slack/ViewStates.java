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
        return value(blockId, actionId)
                .map(ViewState.Value::getValue)
                .map(TypedText::clean)
                .filter(s -> !s.isEmpty());
    }

    public Optional<String> selected(String blockId, String actionId) {
        return value(blockId, actionId).map(ViewState.Value::getSelectedOption).map(o -> o.getValue());
    }

    /**
     * The people picked in a users select, one or several; an empty list when none. Empty when any
     * value is not a user ID ({@link UserId}): the form refuses it on its field.
     */
    public Optional<java.util.List<String>> users(String blockId, String actionId) {
        Optional<ViewState.Value> value = value(blockId, actionId);
        java.util.List<String> picked = new java.util.ArrayList<>();
        value.map(ViewState.Value::getSelectedUsers).ifPresent(picked::addAll);
        value.map(ViewState.Value::getSelectedUser).ifPresent(picked::add);
        return picked.stream().allMatch(UserId::looksLikeOne)
                ? Optional.of(java.util.List.copyOf(picked))
                : Optional.empty();
    }

    /** The values of the options picked in a multi-select or checkboxes; empty when none. */
    public java.util.List<String> selectedAll(String blockId, String actionId) {
        return value(blockId, actionId)
                .map(ViewState.Value::getSelectedOptions)
                .map(options -> options.stream().map(o -> o.getValue()).toList())
                .orElse(java.util.List.of());
    }

    public Optional<String> date(String blockId, String actionId) {
        return value(blockId, actionId).map(ViewState.Value::getSelectedDate);
    }
}
