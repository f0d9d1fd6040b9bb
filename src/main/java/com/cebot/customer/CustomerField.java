package com.cebot.customer;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.externalSelect;
import static com.slack.api.model.block.element.BlockElements.multiExternalSelect;

import com.cebot.slack.Mrkdwn;
import com.cebot.slack.ViewStates;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A form's field that names customers: a select offering the customers on record as people type
 * ({@link CustomerSuggestions} answers it under {@code actionId}; a new name is fine), and what it
 * holds when the form is sent. Each form keeps its own block and action ids, so a modal left open
 * across an upgrade still works.
 */
public record CustomerField(String blockId, String actionId) {

    public static final String HINT = "Start typing: customers already on record are offered; a new name is fine.";

    /** One customer: the select alone in its block. */
    public LayoutBlock select(String label, String hint, boolean optional) {
        return input(i -> i.blockId(blockId)
                .label(plainText(label))
                .optional(optional)
                .hint(plainText(hint))
                .element(externalSelect(
                        s -> s.actionId(actionId).minQueryLength(1).placeholder(plainText("Acme Corp")))));
    }

    /** Up to {@code max} customers, starting from {@code names} (a form opened again to edit). */
    public LayoutBlock multiSelect(String label, boolean optional, int max, List<String> names) {
        List<OptionObject> initial = names.stream().map(CustomerField::option).toList();
        return input(i -> i.blockId(blockId)
                .label(plainText(label))
                .optional(optional)
                .hint(plainText(HINT))
                .element(multiExternalSelect(s -> s.actionId(actionId)
                        .minQueryLength(1)
                        .maxSelectedItems(max)
                        .initialOptions(initial.isEmpty() ? null : initial)
                        .placeholder(plainText("Acme Corp")))));
    }

    /** The value picked in a single select; empty when none. */
    public Optional<String> picked(ViewStates state) {
        return state.selected(blockId, actionId);
    }

    /** The values picked in a multi-select, in order; empty when none. */
    public List<String> pickedAll(ViewStates state) {
        return state.selectedAll(blockId, actionId);
    }

    /**
     * The one customer a required select holds, as the ticket forms ask for it; empty, with the
     * error by this field, when there is none to keep.
     */
    public Optional<CustomerChoice> required(ViewStates state, Map<String, String> errors) {
        Optional<CustomerChoice> customer = picked(state).flatMap(CustomerChoice::parse);
        if (customer.isEmpty()) {
            errors.put(blockId, "Pick the customer, or type a new name and choose \"New customer\".");
        } else if (!CustomerChoice.fits(customer.get())) {
            errors.put(blockId, "Keep the customer name to " + CustomerChoice.MAX_NAME + " characters.");
            return Optional.empty();
        }
        return customer;
    }

    /** A customer already named, as an option the select starts with. */
    private static OptionObject option(String name) {
        return OptionObject.builder()
                .text(plainText(Mrkdwn.truncate(name, 75)))
                .value(CustomerChoice.value(new CustomerChoice.New(name)))
                .build();
    }
}
