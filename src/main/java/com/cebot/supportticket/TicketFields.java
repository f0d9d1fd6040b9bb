package com.cebot.supportticket;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import com.cebot.customer.CustomerField;
import com.cebot.slack.ViewStates;
import com.cebot.supportticket.TicketLinkParser.ParseResult;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two inputs both ticket modals open with, the customer and the link to the issue, and how both
 * forms read them back.
 */
public final class TicketFields {

    public static final String CUSTOMER = "customer";
    public static final String LINK = "link";
    public static final int LINK_MAX = 2000;

    private TicketFields() {}

    /** The customer select, under the modal's own action id: customers on record are offered as the CE types. */
    public static CustomerField customer(String selectActionId) {
        return new CustomerField(CUSTOMER, selectActionId);
    }

    /** The handbook's "Customer Name", shortened like every label; the hint says what the select offers. */
    public static LayoutBlock customerInput(String selectActionId) {
        return customer(selectActionId).select("Customer", CustomerField.HINT, false);
    }

    /**
     * The handbook's "Link to issue (Slack / GH / ZD ticket #)", which each form words a little
     * differently: one short label, and a hint that says what the field takes, several links included.
     */
    public static LayoutBlock link(String actionId, String prefill) {
        return input(i -> i.blockId(LINK)
                .label(plainText("Links to the issue"))
                .hint(plainText("Slack, GitHub or Zendesk: one or more links, separated by spaces or new lines."
                        + " A Slack message link, a GitHub issue, pull request or discussion, a Zendesk ticket link,"
                        + " or a Zendesk ticket number such as ZD 1234."))
                .element(plainTextInput(p -> p.actionId(actionId)
                        .maxLength(LINK_MAX)
                        .initialValue(prefill)
                        .placeholder(plainText("https://github.com/org/repo/issues/123 ZD 1234")))));
    }

    /** The links typed in the link field; empty, with the error by the field, when they cannot be kept. */
    public static Optional<List<TicketLink>> links(
            ViewStates state, String actionId, TicketLinkParser parser, Map<String, String> errors) {
        String typed = state.text(LINK, actionId).orElse("");
        ParseResult parsed = parser.parse(typed);
        if (typed.length() > LINK_MAX) {
            errors.put(LINK, "Keep the links to " + LINK_MAX + " characters.");
        } else if (parsed instanceof ParseResult.Refused refused) {
            errors.put(LINK, refused.message());
        } else {
            return Optional.of(((ParseResult.Parsed) parsed).links());
        }
        return Optional.empty();
    }
}
