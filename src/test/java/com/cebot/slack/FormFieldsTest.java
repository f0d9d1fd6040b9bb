package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.view.ViewState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FormFieldsTest {

    private final Map<String, String> errors = new LinkedHashMap<>();

    private static ViewStates typed(String text) {
        ViewState.Value value = new ViewState.Value();
        value.setValue(text);
        ViewState state = new ViewState();
        state.setValues(Map.of("field", Map.of("value", value)));
        return ViewStates.of(state);
    }

    @Test
    void required_answered_isKept_withoutError() {
        assertThat(FormFields.required(typed("Acme needs SSO"), "field", "value", 20, "Say what.", "this", errors))
                .contains("Acme needs SSO");
        assertThat(errors).isEmpty();
    }

    @Test
    void required_leftEmpty_orOnlySpaces_isRefusedByItsField() {
        assertThat(FormFields.required(typed(" \u00A0 "), "field", "value", 20, "Say what.", "this", errors))
                .isEmpty();
        assertThat(errors).containsExactly(Map.entry("field", "Say what."));
    }

    @Test
    void tooLong_isRefusedByItsField_namingTheRoom() {
        FormFields.required(typed("x".repeat(21)), "field", "value", 20, "Say what.", "the background", errors);
        assertThat(errors)
                .containsExactly(Map.entry("field", "Keep the background to 20 characters; link to a doc for more."));
    }

    @Test
    void optional_leftEmpty_isNoMistake_butTooLongIs() {
        assertThat(FormFields.optional(typed(""), "field", "value", 20, errors)).isEmpty();
        assertThat(errors).isEmpty();

        FormFields.optional(typed("x".repeat(21)), "field", "value", 20, errors);
        assertThat(errors).containsExactly(Map.entry("field", "Keep this to 20 characters; link to a doc for more."));
    }
}
