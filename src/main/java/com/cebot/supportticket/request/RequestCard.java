package com.cebot.supportticket.request;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.cebot.slack.Mrkdwn;
import com.cebot.supportticket.TicketCard;
import com.cebot.supportticket.TicketCard.Answer;
import com.cebot.supportticket.TicketLink;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The request's card in #customer-support and the notes in its thread. Pure: records in, Block Kit
 * out. Everything a person typed is escaped, so no field can ping a channel, a group or a person,
 * and long answers are cut to fit Slack's 3000 characters per section and its limit on the text of
 * a whole message.
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

    /**
     * The card. People's answers are shown whole where they fit; a card that would hold more text
     * than Slack takes in one message has its longest answers shortened, and says so.
     */
    static List<LayoutBlock> blocks(SupportTicketRequest r, String headOfSupportMention) {
        String statusLine = statusLine(r, true);
        String reason = shownReason(r);
        List<Answer> answers = new ArrayList<>(List.of(
                new Answer(r.ask(), BODY_MAX), new Answer(r.why(), BODY_MAX), new Answer(r.ifNot(), BODY_MAX)));
        if (r.neededBy() != null) {
            answers.add(new Answer(r.timeReason(), BODY_MAX));
        }
        if (r.anythingElse() != null) {
            answers.add(new Answer(r.anythingElse(), BODY_MAX));
        }
        if (reason != null) {
            answers.add(new Answer(reason, BODY_MAX - statusLine.length()));
        }
        return TicketCard.fitted(answers, (shown, shortened) -> {
            Iterator<String> answer = shown.iterator();
            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate("Support Ticket Request: "
                    + Mrkdwn.plain(r.customerName()), 150)))));
            blocks.add(section(s -> s.text(markdownText(headOfSupportMention + ": a request from <@" + r.submittedBy()
                    + "> for the head of support."))));
            blocks.add(section(s -> s.fields(List.of(
                    markdownText("*Customer*\n" + Mrkdwn.truncate(Mrkdwn.escape(r.customerName()), 1900)),
                    markdownText("*Raised by*\n<@" + r.submittedBy() + "> " + date(r.createdAt()))))));
            blocks.add(section(s -> s.text(markdownText("*Links*\n" + links(r.ticketLinks())))));
            blocks.add(field("What's the ask", answer.next()));
            blocks.add(field("Why are we making this ask", answer.next()));
            blocks.add(field("What happens if we don't take this desired action", answer.next()));
            if (r.neededBy() != null) {
                String timeReason = answer.next();
                blocks.add(section(s -> s.text(markdownText("*Time consideration*\nNeeded by *" + day(r.neededBy())
                        + "*: " + timeReason))));
            }
            if (r.anythingElse() != null) {
                blocks.add(field("Anything else", answer.next()));
            }
            String status = reason == null ? statusLine : statusLine + ": " + answer.next();
            blocks.add(section(s -> s.text(markdownText("*Status:* " + status))));
            List<BlockElement> buttons = buttons(r);
            if (!buttons.isEmpty()) {
                blocks.add(actions(a -> a.blockId("request_card_" + r.id()).elements(buttons)));
            }
            blocks.add(context(x -> x.elements(List.of(markdownText("Raised with the Support Ticket Request shortcut."
                    + " Each step is noted in this thread and sent to <@" + r.submittedBy() + ">."
                    + (shortened ? " " + TicketCard.SHORTENED : ""))))));
            return blocks;
        });
    }

    /** The thread note for the request's current status: "Declined by @x: the reason". */
    static String note(SupportTicketRequest r) {
        return status(r, false);
    }

    /** "Acknowledged by @x at …", "Declined by @x at …: reason", or "Open". */
    static String status(SupportTicketRequest r, boolean withDate) {
        String line = statusLine(r, withDate);
        String reason = shownReason(r);
        return reason == null ? line : line + ": " + Mrkdwn.truncate(Mrkdwn.escape(reason), BODY_MAX - line.length());
    }

    /** The status and who made it, without the reason. */
    private static String statusLine(SupportTicketRequest r, boolean withDate) {
        if (r.status() == RequestStatus.OPEN || r.statusBy() == null) {
            return r.status().label();
        }
        return r.status().label() + " by <@" + r.statusBy() + ">"
                + (withDate && r.statusAt() != null ? " " + date(r.statusAt()) : "");
    }

    /** The reason given for the current status, if it is one that is shown with a reason. */
    private static String shownReason(SupportTicketRequest r) {
        return r.status() == RequestStatus.OPEN || r.statusBy() == null ? null : r.statusReason();
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** Links one per line until the section is full, then how many more there are. */
    static String links(List<TicketLink> links) {
        return TicketCard.links(links, BODY_MAX);
    }

    /** The moves open from the request's status, as buttons: the card's, and Home's. */
    static List<BlockElement> buttons(SupportTicketRequest r) {
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

    /** A titled answer, already escaped and fitted. */
    private static LayoutBlock field(String title, String shown) {
        return section(s -> s.text(markdownText("*" + title + "*\n" + shown)));
    }

    private static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} at {time}|"
                + at.toString().substring(0, 16).replace('T', ' ') + " UTC>";
    }
}
