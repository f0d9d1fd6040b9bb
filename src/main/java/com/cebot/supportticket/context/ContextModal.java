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

import com.cebot.slack.Mrkdwn;
import com.cebot.slack.ShortcutMessage;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.TicketFields;
import com.slack.api.model.view.View;
import java.util.List;

/** The "Support Ticket Context" modal: the handbook's three questions as short labels, its own words as hints. */
final class ContextModal {

    public static final String CALLBACK_ID = "support_ticket_context";
    public static final String MESSAGE_CALLBACK_ID = "support_ticket_context_message";
    public static final String CUSTOMER = TicketFields.CUSTOMER;
    public static final String LINK = TicketFields.LINK;
    public static final String BACKGROUND = "background";
    /** The customer select's action id; suggestions are asked for under it. */
    public static final String CUSTOMER_SELECT = "context_customer";
    /** Text inputs are alone in their block, so their action id can be fixed. */
    public static final String VALUE = "value";

    static final int LINK_MAX = TicketFields.LINK_MAX;
    static final int BACKGROUND_MAX = 3000;

    private ContextModal() {}

    /** @param message the message its shortcut was used on, to fill in; {@link ShortcutMessage#NONE} for none */
    public static View build(String channelId, ShortcutMessage message) {
        return view(v -> v.type("modal")
                .callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Support Ticket Context")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Post to support channel")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(SourceMessage.encode(message.channel(), message.ts()))
                .blocks(asBlocks(
                        context(x -> x.elements(List.of(markdownText(
                                "For a ticket not yet assigned: I'll post this in <#" + channelId + "> for the"
                                        + " application engineer who picks it up, and DM you the link. If an engineer"
                                        + " already has the ticket, talk to them directly.")))),
                        TicketFields.customerInput(CUSTOMER_SELECT),
                        TicketFields.link(VALUE, message.link()),
                        input(i -> i.blockId(BACKGROUND)
                                .label(plainText("What should support know?"))
                                .hint(plainText("Background information or anything we should know that would be"
                                        + " helpful."))
                                .element(plainTextInput(p -> p.actionId(VALUE)
                                        .multiline(true)
                                        .maxLength(BACKGROUND_MAX)
                                        .initialValue(
                                                message.quoted() == null
                                                        ? null
                                                        : Mrkdwn.truncate(message.quoted(), BACKGROUND_MAX))))))));
    }
}
