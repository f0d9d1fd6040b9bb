package com.cebot.supportticket;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.externalSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import com.slack.api.model.block.LayoutBlock;

/** The two inputs both ticket modals open with: the customer and the link to the issue. */
public final class TicketFields {

    public static final String CUSTOMER = "customer";
    public static final String LINK = "link";
    public static final int LINK_MAX = 2000;

    private TicketFields() {}

    /** Customers on record are offered as the CE types, under the modal's own action id. */
    public static LayoutBlock customer(String selectActionId) {
        return input(i -> i.blockId(CUSTOMER).label(plainText("Customer Name"))
                .hint(plainText("Start typing: customers already on record are offered; a new name is fine."))
                .element(externalSelect(s -> s.actionId(selectActionId).minQueryLength(1)
                        .placeholder(plainText("Acme Corp")))));
    }

    /** @param label the handbook words it slightly differently for each form */
    public static LayoutBlock link(String label, String actionId, String prefill) {
        return input(i -> i.blockId(LINK).label(plainText(label))
                .hint(plainText("One or more, separated by spaces or new lines: a Slack message link, a GitHub issue,"
                        + " pull request or discussion, a Zendesk link, or a ticket number such as ZD 1234."))
                .element(plainTextInput(p -> p.actionId(actionId).maxLength(LINK_MAX).initialValue(prefill)
                        .placeholder(plainText("https://github.com/org/repo/issues/123 or ZD 1234")))));
    }
}
