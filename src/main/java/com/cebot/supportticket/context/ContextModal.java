package com.cebot.supportticket.context;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;

/** The "Support Ticket Context" modal: the three fields of the handbook, worded as it words them. */
public final class ContextModal {

    public static final String CALLBACK_ID = "support_ticket_context";
    public static final String CUSTOMER = "customer";
    public static final String LINK = "link";
    public static final String BACKGROUND = "background";
    /** Each input has one element, so the action id can be the same as its block id. */
    public static final String VALUE = "value";

    static final int CUSTOMER_MAX = 150;
    static final int LINK_MAX = 2000;
    static final int BACKGROUND_MAX = 3000;

    private ContextModal() {}

    public static View build(String channelName) {
        return view(v -> v.type("modal").callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Support Ticket Context")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Share with Support")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(asBlocks(
                        context(x -> x.elements(java.util.List.of(markdownText(
                                "For a ticket not yet assigned: what you share is posted in #" + channelName
                                        + " for the application engineer who picks it up.")))),
                        input(i -> i.blockId(CUSTOMER).label(plainText("Customer Name"))
                                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(CUSTOMER_MAX)))),
                        input(i -> i.blockId(LINK).label(plainText("Link to issue (Slack / GH / ZD ticket #)"))
                                .hint(plainText("One or more: a Slack message link, a GitHub issue or PR, a Zendesk"
                                        + " link or a ticket number such as ZD 1234."))
                                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(LINK_MAX)))),
                        input(i -> i.blockId(BACKGROUND)
                                .label(plainText("Background information or anything we should know that would be helpful?"))
                                .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).maxLength(BACKGROUND_MAX)))))));
    }
}
