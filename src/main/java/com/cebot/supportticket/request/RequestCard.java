package com.cebot.supportticket.request;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.cebot.slack.Mrkdwn;
import com.cebot.supportticket.TicketLink;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The request's card in #customer-support and the notes in its thread. Pure: records in, Block Kit
 * out. Everything a person typed is escaped, so no field can ping a channel, a group or a person,
 * and long fields are cut to fit Slack's 3000 characters per section.
 */
final class RequestCard {

    /** Section text may hold 3000 characters; the field's bold title takes the rest. */
    private static final int BODY_MAX = 2900;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private RequestCard() {}

    /** The notification text; it mentions the head of support, who must decide. */
    static String text(SupportTicketRequest r, String headOfSupportMention) {
        return headOfSupportMention + " Support Ticket Request for " + Mrkdwn.escape(r.customerName())
                + " from <@" + r.submittedBy() + ">";
    }

    static List<LayoutBlock> blocks(SupportTicketRequest r, String headOfSupportMention) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate("Support Ticket Request: " + r.customerName(), 150)))));
        blocks.add(section(s -> s.text(markdownText(headOfSupportMention + ": a request from <@" + r.submittedBy()
                + "> for the head of support."))));
        blocks.add(section(s -> s.fields(List.of(
                markdownText("*Customer*\n" + Mrkdwn.truncate(Mrkdwn.escape(r.customerName()), 1900)),
                markdownText("*Raised by*\n<@" + r.submittedBy() + "> " + date(r.createdAt()))))));
        blocks.add(section(s -> s.text(markdownText("*Links*\n" + links(r.ticketLinks())))));
        blocks.add(field("What's the ask", r.ask()));
        blocks.add(field("Why are we making this ask", r.why()));
        blocks.add(field("What happens if we don't take this desired action", r.ifNot()));
        if (r.neededBy() != null) {
            blocks.add(section(s -> s.text(markdownText("*Time consideration*\nNeeded by *" + day(r.neededBy())
                    + "*: " + Mrkdwn.truncate(Mrkdwn.escape(r.timeReason()), BODY_MAX)))));
        }
        if (r.anythingElse() != null) {
            blocks.add(field("Anything else", r.anythingElse()));
        }
        blocks.add(section(s -> s.text(markdownText("*Status:* " + status(r, true)))));
        List<BlockElement> buttons = buttons(r);
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId("request_card_" + r.id()).elements(buttons)));
        }
        blocks.add(context(x -> x.elements(List.of(markdownText("Raised with the Support Ticket Request shortcut."
                + " Each step is noted in this thread and sent to <@" + r.submittedBy() + ">.")))));
        return blocks;
    }

    /** The thread note for the request's current status: "Declined by @x: the reason". */
    static String note(SupportTicketRequest r) {
        return status(r, false);
    }

    /** "Acknowledged by @x at …", "Declined by @x at …: reason", or "Open". */
    static String status(SupportTicketRequest r, boolean withDate) {
        if (r.status() == RequestStatus.OPEN || r.statusBy() == null) {
            return r.status().label();
        }
        String line = r.status().label() + " by <@" + r.statusBy() + ">"
                + (withDate && r.statusAt() != null ? " " + date(r.statusAt()) : "");
        return r.statusReason() == null ? line
                : line + ": " + Mrkdwn.truncate(Mrkdwn.escape(r.statusReason()), BODY_MAX - line.length());
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** Links one per line until the section is full, then how many more there are. */
    static String links(List<TicketLink> links) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < links.size(); i++) {
            String line = (i == 0 ? "" : "\n") + "• " + Mrkdwn.link(links.get(i).url(), links.get(i).label());
            if (out.length() + line.length() > BODY_MAX - 20) {
                return out.append("\n• and ").append(links.size() - i).append(" more").toString();
            }
            out.append(line);
        }
        return out.toString();
    }

    private static List<BlockElement> buttons(SupportTicketRequest r) {
        List<BlockElement> buttons = new ArrayList<>();
        for (Move m : Move.values()) {
            if (m.allowedFrom(r.status())) {
                buttons.add(button(b -> b.actionId(m.actionId()).value(Long.toString(r.id()))
                        .text(plainText(m.button())).style(style(m))));
            }
        }
        return buttons;
    }

    private static String style(Move move) {
        if (move == Move.APPROVE || move == Move.DONE) {
            return "primary";
        }
        return move == Move.DECLINE ? "danger" : null;
    }

    private static LayoutBlock field(String title, String userText) {
        return section(s -> s.text(markdownText("*" + title + "*\n" + Mrkdwn.truncate(Mrkdwn.escape(userText), BODY_MAX))));
    }

    private static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} at {time}|"
                + at.toString().substring(0, 16).replace('T', ' ') + " UTC>";
    }
}
