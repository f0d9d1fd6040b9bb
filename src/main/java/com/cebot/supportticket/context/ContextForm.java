package com.cebot.supportticket.context;

import com.cebot.slack.ViewStates;
import com.cebot.customer.CustomerChoice;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.TicketLinkParser;
import com.cebot.supportticket.TicketLinkParser.ParseResult;
import com.slack.api.model.view.View;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks a submitted context modal. Slack already enforces required fields and lengths in
 * the client; they are checked again here because a payload is only what it says it is.
 */
final class ContextForm {

    /** Either a draft to store, or errors keyed by block id to show next to the fields. */
    sealed interface Checked {
        record Valid(ContextDraft draft) implements Checked {}

        record Invalid(Map<String, String> errors) implements Checked {}
    }

    private ContextForm() {}

    static Checked check(View view, TicketLinkParser links) {
        ViewStates state = ViewStates.of(view.getState());
        Map<String, String> errors = new LinkedHashMap<>();

        Optional<CustomerChoice> customer = state.selected(ContextModal.CUSTOMER, ContextModal.CUSTOMER_SELECT)
                .flatMap(CustomerChoice::parse);
        if (customer.isEmpty()) {
            errors.put(ContextModal.CUSTOMER, "Pick the customer, or type a new name and choose \"New customer\".");
        } else if (customer.get() instanceof CustomerChoice.New n && n.name().length() > CustomerChoice.MAX_NAME) {
            errors.put(ContextModal.CUSTOMER, "Keep the customer name to " + CustomerChoice.MAX_NAME + " characters.");
        }

        String linkText = state.text(ContextModal.LINK, ContextModal.VALUE).orElse("");
        ParseResult parsed = links.parse(linkText);
        if (linkText.length() > ContextModal.LINK_MAX) {
            errors.put(ContextModal.LINK, "Keep the links to " + ContextModal.LINK_MAX + " characters.");
        } else if (parsed instanceof ParseResult.Refused refused) {
            errors.put(ContextModal.LINK, refused.message());
        }

        Optional<String> background = state.text(ContextModal.BACKGROUND, ContextModal.VALUE);
        if (background.isEmpty()) {
            errors.put(ContextModal.BACKGROUND, "Tell support what they should know before they pick this up.");
        } else if (background.get().length() > ContextModal.BACKGROUND_MAX) {
            errors.put(ContextModal.BACKGROUND, "Keep the background to " + ContextModal.BACKGROUND_MAX
                    + " characters; link to a doc for more.");
        }

        if (!errors.isEmpty()) {
            return new Checked.Invalid(errors);
        }
        return new Checked.Valid(new ContextDraft(customer.get(), ((ParseResult.Parsed) parsed).links(),
                background.get(), SourceMessage.decode(view.getPrivateMetadata())));
    }
}
