package com.cebot.supportticket.request;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.slack.Mrkdwn;
import com.cebot.slack.ShortcutMessage;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.TicketFields;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.List;

/**
 * The "Support Ticket Request" modal, the handbook's seven questions as short labels with its own
 * words as hints (its "time consideration" as a "Needed by" date and "Why that date?"), and the
 * small modal that asks the head of support why a request is declined.
 */
final class RequestModal {

    public static final String CALLBACK_ID = "support_ticket_request";
    public static final String MESSAGE_CALLBACK_ID = "support_ticket_request_message";
    public static final String DECLINE_CALLBACK_ID = "support_ticket_request_decline";
    public static final String CUSTOMER = TicketFields.CUSTOMER;
    public static final String LINK = TicketFields.LINK;
    public static final String ASK = "ask";
    public static final String WHY = "why";
    public static final String IF_NOT = "if_not";
    public static final String TIME_REASON = "time_reason";
    public static final String NEEDED_BY = "needed_by";
    public static final String ANYTHING_ELSE = "anything_else";
    public static final String DECLINE_REASON = "decline_reason";
    /** The customer select's action id; suggestions are asked for under it. */
    public static final String CUSTOMER_SELECT = "request_customer";
    /** Every other input is alone in its block, so its action id can be fixed. */
    public static final String VALUE = "value";

    static final int LINK_MAX = TicketFields.LINK_MAX;
    /** The three "why" fields stay short enough that the card keeps under Slack's total block size. */
    static final int ASK_MAX = 1500;

    static final int TIME_REASON_MAX = 500;
    static final int ANYTHING_ELSE_MAX = 3000;
    static final int DECLINE_REASON_MAX = 500;

    private RequestModal() {}

    /** @param message the message its shortcut was used on, to fill in; {@link ShortcutMessage#NONE} for none */
    public static View build(String channelId, ShortcutMessage message) {
        return view(v -> v.type("modal")
                .callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Support Ticket Request")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Send to head of support")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(SourceMessage.encode(message.channel(), message.ts()))
                .blocks(List.of(
                        context(x -> x.elements(List.of(markdownText("For special circumstances that need the head"
                                + " of support. I'll post this in <#" + channelId + ">, mention them, and DM you"
                                + " each time the request moves.")))),
                        TicketFields.customerInput(CUSTOMER_SELECT),
                        TicketFields.link(VALUE, message.link()),
                        required(ASK, "What do you need?", "What's the ask?"),
                        required(WHY, "Why?", "Why are we making this ask?"),
                        required(
                                IF_NOT,
                                "What happens if we don't?",
                                "What happens if we don't take this desired action?"),
                        input(i -> i.blockId(NEEDED_BY)
                                .optional(true)
                                .label(plainText("Needed by"))
                                .hint(plainText("Is there a time consideration we need to be aware of? Pick the date"
                                        + " only if there is a deadline."))
                                .element(datePicker(d -> d.actionId(VALUE).placeholder(plainText("Pick a date"))))),
                        input(i -> i.blockId(TIME_REASON)
                                .optional(true)
                                .label(plainText("Why that date?"))
                                .hint(plainText("If so, what is it and why? Needed with a date; any note on timing is"
                                        + " welcome without one."))
                                .element(plainTextInput(
                                        p -> p.actionId(VALUE).multiline(true).maxLength(TIME_REASON_MAX)))),
                        input(i -> i.blockId(ANYTHING_ELSE)
                                .optional(true)
                                .label(plainText("Anything else?"))
                                .hint(plainText("Anything else we should know that would be helpful?"))
                                .element(plainTextInput(p -> p.actionId(VALUE)
                                        .multiline(true)
                                        .maxLength(ANYTHING_ELSE_MAX)
                                        .initialValue(
                                                message.quoted() == null
                                                        ? null
                                                        : Mrkdwn.truncate(message.quoted(), ANYTHING_ELSE_MAX))))))));
    }

    /** Asks why a request is declined; the request id travels in private_metadata. */
    public static View decline(SupportTicketRequest r) {
        return view(v -> v.type("modal")
                .callbackId(DECLINE_CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Decline request")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Decline and tell the CE")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(Long.toString(r.id()))
                .blocks(List.of(
                        section(s -> s.text(markdownText(
                                "Declining the request for *" + Mrkdwn.escape(r.customerName()) + "* from <@"
                                        + r.submittedBy() + ">:\n" + Mrkdwn.truncate(Mrkdwn.escape(r.ask()), 500)))),
                        input(i -> i.blockId(DECLINE_REASON)
                                .label(plainText("Why?"))
                                .hint(plainText("Why is it declined? I'll DM this to the CE, so they can tell the"
                                        + " customer, and note it in the card's thread. A decline can't be undone."))
                                .element(plainTextInput(
                                        p -> p.actionId(VALUE).multiline(true).maxLength(DECLINE_REASON_MAX)))))));
    }

    /** A required answer: a short label, the handbook's question as its hint. */
    private static LayoutBlock required(String blockId, String label, String handbook) {
        return input(i -> i.blockId(blockId)
                .label(plainText(label))
                .hint(plainText(handbook))
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).maxLength(ASK_MAX))));
    }
}
