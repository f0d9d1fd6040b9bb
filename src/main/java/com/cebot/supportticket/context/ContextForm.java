package com.cebot.supportticket.context;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Checked;
import com.cebot.slack.FormFields;
import com.cebot.slack.SourceMessage;
import com.cebot.slack.ViewStates;
import com.cebot.supportticket.TicketFields;
import com.cebot.supportticket.TicketLink;
import com.cebot.supportticket.TicketLinkParser;
import com.slack.api.model.view.View;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks a submitted context modal. Slack already enforces required fields and lengths in
 * the client; they are checked again here because a payload is only what it says it is.
 */
final class ContextForm {

    private ContextForm() {}

    static Checked<ContextDraft> check(View view, TicketLinkParser links) {
        ViewStates state = ViewStates.of(view.getState());
        Map<String, String> errors = new LinkedHashMap<>();

        Optional<CustomerChoice> customer =
                TicketFields.customer(ContextModal.CUSTOMER_SELECT).required(state, errors);
        Optional<List<TicketLink>> parsed = TicketFields.links(state, ContextModal.VALUE, links, errors);

        Optional<String> background = FormFields.required(
                state,
                ContextModal.BACKGROUND,
                ContextModal.VALUE,
                ContextModal.BACKGROUND_MAX,
                "Tell support what they should know before they pick this up.",
                "the background",
                errors);

        return Checked.of(
                errors,
                () -> new ContextDraft(
                        customer.get(),
                        parsed.get(),
                        background.get(),
                        SourceMessage.decode(view.getPrivateMetadata())));
    }
}
