package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Checked;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class AskFormTest {

    private final Map<String, Map<String, ViewState.Value>> values = new HashMap<>();

    private ViewState.Value value(String blockId, String actionId) {
        return values.computeIfAbsent(blockId, b -> new HashMap<>())
                .computeIfAbsent(actionId, a -> new ViewState.Value());
    }

    private AskFormTest text(String blockId, String text) {
        value(blockId, AskModal.VALUE).setValue(text);
        return this;
    }

    private AskFormTest selected(String blockId, String actionId, String option) {
        ViewState.SelectedOption selected = new ViewState.SelectedOption();
        selected.setValue(option);
        value(blockId, actionId).setSelectedOption(selected);
        return this;
    }

    private AskFormTest valid() {
        return text(AskModal.QUESTION, "Does Acme's plan include SSO?")
                .selected(AskModal.ACCOUNT, AskModal.ACCOUNT_SELECT, "new:Acme")
                .text(AskModal.LINK, "https://crm.example.com/deal/7?tab=a&b=c")
                .selected(AskModal.URGENCY, AskModal.VALUE, "TODAY");
    }

    private Checked<AskDraft> check() {
        ViewState state = new ViewState();
        state.setValues(values);
        View view = new View();
        view.setState(state);
        return AskForm.check(view);
    }

    private Map<String, String> errors() {
        return ((Checked.Invalid<AskDraft>) check()).errors();
    }

    @Test
    void aFullForm_isValid() {
        valid();

        assertThat(check())
                .isEqualTo(new Checked.Valid<>(new AskDraft(
                        "Does Acme's plan include SSO?",
                        Optional.of(new CustomerChoice.New("Acme")),
                        Optional.of("https://crm.example.com/deal/7?tab=a&b=c"),
                        AskDraft.Urgency.TODAY)));
    }

    @Test
    void accountAndLink_areOptional() {
        text(AskModal.QUESTION, "Q").selected(AskModal.URGENCY, AskModal.VALUE, "WHENEVER");

        assertThat(check())
                .isEqualTo(new Checked.Valid<>(
                        new AskDraft("Q", Optional.empty(), Optional.empty(), AskDraft.Urgency.WHENEVER)));
    }

    @Test
    void blankQuestion_orOneTooLong_isRefusedOnItsField() {
        valid().text(AskModal.QUESTION, "   ");
        assertThat(errors()).containsOnlyKeys(AskModal.QUESTION);

        text(AskModal.QUESTION, "x".repeat(AskModal.QUESTION_MAX + 1));
        assertThat(errors()).containsOnlyKeys(AskModal.QUESTION);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://crm.example.com/deal",
                "javascript:alert(1)",
                "crm.example.com",
                "https://",
                "https://a b.com",
                "ftp://example.com/x"
            })
    void aLinkThatIsNotOneHttpsUrl_isRefused(String link) {
        valid().text(AskModal.LINK, link);

        assertThat(errors()).containsOnlyKeys(AskModal.LINK);
    }

    @Test
    void missingOrUnknownUrgency_andAnUnreadableAccount_areRefused() {
        valid().selected(AskModal.URGENCY, AskModal.VALUE, "YESTERDAY")
                .selected(AskModal.ACCOUNT, AskModal.ACCOUNT_SELECT, "bogus");

        assertThat(errors()).containsOnlyKeys(AskModal.URGENCY, AskModal.ACCOUNT);
    }
}
