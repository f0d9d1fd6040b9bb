package com.cebot.supportticket.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Checked;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.TicketLinkParser;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ContextFormTest {

    private final TicketLinkParser links = new TicketLinkParser("acme");

    private static View view(String customerValue, String link, String background, String metadata) {
        Map<String, Map<String, ViewState.Value>> values = new HashMap<>();
        if (customerValue != null) {
            ViewState.SelectedOption option = new ViewState.SelectedOption();
            option.setValue(customerValue);
            option.setText(new PlainTextObject(customerValue, false));
            ViewState.Value v = new ViewState.Value();
            v.setType("external_select");
            v.setSelectedOption(option);
            values.put(ContextModal.CUSTOMER, Map.of(ContextModal.CUSTOMER_SELECT, v));
        }
        values.put(ContextModal.LINK, Map.of(ContextModal.VALUE, text(link)));
        values.put(ContextModal.BACKGROUND, Map.of(ContextModal.VALUE, text(background)));
        ViewState state = new ViewState();
        state.setValues(values);
        View view = new View();
        view.setState(state);
        view.setPrivateMetadata(metadata);
        return view;
    }

    private static ViewState.Value text(String value) {
        ViewState.Value v = new ViewState.Value();
        v.setType("plain_text_input");
        v.setValue(value);
        return v;
    }

    private Map<String, String> errors(View view) {
        Checked<ContextDraft> checked = ContextForm.check(view, links);
        assertThat(checked).isInstanceOf(Checked.Invalid.class);
        return ((Checked.Invalid<ContextDraft>) checked).errors();
    }

    @Test
    void validForm_becomesDraft_withSource() {
        Checked<ContextDraft> checked = ContextForm.check(
                view(
                        "new:Acme",
                        "ZD 12, https://github.com/a/b/pull/3",
                        " Background ",
                        "{\"channel\":\"C1\",\"ts\":\"1.2\"}"),
                links);

        ContextDraft draft = ((Checked.Valid<ContextDraft>) checked).value();
        assertThat(draft.customer()).isEqualTo(new CustomerChoice.New("Acme"));
        assertThat(draft.links()).hasSize(2);
        assertThat(draft.background()).isEqualTo("Background");
        assertThat(draft.source()).contains(new SourceMessage("C1", "1.2"));
    }

    @Test
    void everyRequiredFieldMissing_isNamedOnItsOwnBlock() {
        assertThat(errors(view(null, null, null, "")))
                .containsOnlyKeys(ContextModal.CUSTOMER, ContextModal.LINK, ContextModal.BACKGROUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"see the ticket", "https://evil.example/tickets/1", "https://github.com/a/b"})
    void refusedLink_errorOnLinkField_withExample(String link) {
        Map<String, String> errors = errors(view("id:1", link, "bg", ""));

        assertThat(errors).containsOnlyKeys(ContextModal.LINK);
        assertThat(errors.get(ContextModal.LINK)).contains("ZD 1234");
    }

    @Test
    void blankBackground_isRefused() {
        assertThat(errors(view("id:1", "ZD 1", "   ", ""))).containsOnlyKeys(ContextModal.BACKGROUND);
    }

    @Test
    void overlongFields_areRefused() {
        Map<String, String> errors = errors(view("new:" + "A".repeat(71), "ZD 1", "b".repeat(3001), ""));

        assertThat(errors).containsOnlyKeys(ContextModal.CUSTOMER, ContextModal.BACKGROUND);
    }

    @Test
    void forgedCustomerValue_isRefused() {
        assertThat(errors(view("drop table", "ZD 1", "bg", ""))).containsOnlyKeys(ContextModal.CUSTOMER);
    }
}
