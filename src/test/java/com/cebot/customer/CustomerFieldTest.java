package com.cebot.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.ViewStates;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.element.MultiExternalSelectElement;
import com.slack.api.model.view.ViewState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class CustomerFieldTest {

    private final CustomerField field = new CustomerField("customer", "test_customer");
    private final Map<String, String> errors = new LinkedHashMap<>();

    private ViewStates picked(String value) {
        ViewState.Value picked = new ViewState.Value();
        if (value != null) {
            ViewState.SelectedOption option = new ViewState.SelectedOption();
            option.setValue(value);
            picked.setSelectedOption(option);
        }
        ViewState state = new ViewState();
        state.setValues(Map.of("customer", Map.of("test_customer", picked)));
        return ViewStates.of(state);
    }

    @Test
    void required_aCustomerOnRecord_orANewName_isKept() {
        assertThat(field.required(picked("id:7"), errors)).contains(new CustomerChoice.Known(7));
        assertThat(field.required(picked("new:Acme Corp"), errors)).contains(new CustomerChoice.New("Acme Corp"));
        assertThat(errors).isEmpty();
    }

    @Test
    void required_nothingPicked_orAGarbledValue_isRefusedByTheField() {
        assertThat(field.required(picked(null), errors)).isEmpty();
        assertThat(errors)
                .containsExactly(
                        Map.entry("customer", "Pick the customer, or type a new name and choose \"New customer\"."));
        errors.clear();

        assertThat(field.required(picked("drop table"), errors)).isEmpty();
        assertThat(errors).containsKey("customer");
    }

    @Test
    void required_aNewNameTooLongToKeep_isRefusedByTheField() {
        Optional<CustomerChoice> kept =
                field.required(picked("new:" + "a".repeat(CustomerChoice.MAX_NAME + 1)), errors);

        assertThat(kept).isEmpty();
        assertThat(errors)
                .containsExactly(
                        Map.entry("customer", "Keep the customer name to " + CustomerChoice.MAX_NAME + " characters."));
    }

    @Test
    void multiSelect_startsFromTheNamesGiven_asNewNames_underItsOwnIds() {
        InputBlock input = (InputBlock) field.multiSelect("Affected customers", true, 10, List.of("Acme", "Globex"));

        assertThat(input.getBlockId()).isEqualTo("customer");
        MultiExternalSelectElement select = (MultiExternalSelectElement) input.getElement();
        assertThat(select.getActionId()).isEqualTo("test_customer");
        assertThat(select.getMaxSelectedItems()).isEqualTo(10);
        assertThat(select.getInitialOptions()).extracting(o -> o.getValue()).containsExactly("new:Acme", "new:Globex");
    }
}
