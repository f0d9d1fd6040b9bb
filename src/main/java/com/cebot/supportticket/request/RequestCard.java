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
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The request's card in #customer-support and the notes in its thread. Pure: records in, Block Kit
 * out. The card leads with the customer and the ask, then the deadline and the status; answers left
 * empty are left off, and each person is named once. Everything a person typed is escaped, so no
 * field can ping a channel, a group or a person, and long answers are cut to fit Slack's 3000
 * characters per section (2000 per field) and its limit on the text of a whole message.
 */
final class RequestCard {

    /** Section text may hold 3000 characters; the field's bold title takes the rest. */
    private static final int BODY_MAX = 2900;
    /** A section's field may hold 2000 characters; its title and the date or status line take the rest. */
    private static final int FIELD_MAX = 2000;

    private static final int FIELD_ROOM = 1700;
    /** How much of the ask and of a reason the message's text, read aloud and in notifications, carries. */
    private static final int TEXT_ASK = 300;

    private static final int TEXT_REASON = 300;
    private static final int SPOKEN_MAX = 75;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private RequestCard() {}

    /**
     * The message's text, which push notifications, previews and screen readers read: the customer,
     * the ask, the deadline and the status, as the blocks say them. While the request waits on a
     * decision it opens with a mention of the head of support, who must decide; it never mentions
     * the CE, who hears of each step by DM.
     */
    static String text(SupportTicketRequest r, String headOfSupportMention) {
        String waiting = undecided(r) ? headOfSupportMention + " " : "";
        String deadline = r.neededBy() == null ? "" : " Needed by " + day(r.neededBy()) + ".";
        String reason = shownReason(r);
        return waiting + "Support Ticket Request for " + Mrkdwn.escape(r.customerName()) + ": "
                + sentence(TicketCard.excerpt(r.ask(), TEXT_ASK)) + deadline + " Status: "
                + sentence(
                        statusLine(r, false) + (reason == null ? "" : ": " + TicketCard.excerpt(reason, TEXT_REASON)));
    }

    /** Ends with a full stop unless it already ends a sentence. */
    private static String sentence(String text) {
        return text.matches("(?s).*[.!?…]$") ? text : text + ".";
    }

    /**
     * The card. People's answers are shown whole where they fit; a card that would hold more text
     * than Slack takes in one message has its longest answers shortened, and says so.
     *
     * @param deciders who may press the card's buttons, as {@link Approvers#describe} names them
     */
    static List<LayoutBlock> blocks(SupportTicketRequest r, String deciders) {
        String statusLine = statusLine(r, true);
        String reason = shownReason(r);
        Optional<String> timing = TicketCard.said(r.timeReason());
        Optional<String> anythingElse = TicketCard.said(r.anythingElse());
        List<Answer> answers = new ArrayList<>(
                List.of(new Answer(r.ask(), BODY_MAX), new Answer(r.why(), BODY_MAX), new Answer(r.ifNot(), BODY_MAX)));
        timing.ifPresent(t -> answers.add(new Answer(t, FIELD_ROOM)));
        anythingElse.ifPresent(a -> answers.add(new Answer(a, BODY_MAX)));
        if (reason != null) {
            answers.add(new Answer(reason, FIELD_MAX - "*Status*\n\n".length() - statusLine.length()));
        }
        List<BlockElement> buttons = buttons(r);
        return TicketCard.fitted(answers, (shown, shortened) -> {
            Iterator<String> answer = shown.iterator();
            String ask = answer.next();
            String why = answer.next();
            String ifNot = answer.next();
            List<TextObject> fields = new ArrayList<>();
            String timingShown = timing.isPresent() ? answer.next() : null;
            if (r.neededBy() != null) {
                fields.add(markdownText(
                        "*Needed by*\n" + day(r.neededBy()) + (timingShown == null ? "" : "\n" + timingShown)));
            } else if (timingShown != null) {
                fields.add(markdownText("*Timing*\n" + timingShown));
            }
            String anythingElseShown = anythingElse.isPresent() ? answer.next() : null;
            fields.add(markdownText("*Status*\n" + statusLine + (reason == null ? "" : "\n" + answer.next())));
            fields.add(markdownText("*Links*\n" + TicketCard.links(r.ticketLinks(), FIELD_MAX - "*Links*\n".length())));

            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(header(h -> h.text(
                    plainText(Mrkdwn.truncate(Mrkdwn.plain(r.customerName()) + ": Support Ticket Request", 150)))));
            blocks.add(field("What do you need?", ask));
            blocks.add(section(s -> s.fields(fields)));
            blocks.add(field("Why?", why));
            blocks.add(field("What happens if we don't?", ifNot));
            if (anythingElseShown != null) {
                blocks.add(field("Anything else", anythingElseShown));
            }
            if (!buttons.isEmpty()) {
                blocks.add(actions(a -> a.blockId("request_card_" + r.id()).elements(buttons)));
            }
            blocks.add(context(x -> x.elements(List.of(markdownText(
                    footer(r, deciders, !buttons.isEmpty()) + (shortened ? " " + TicketCard.SHORTENED : ""))))));
            return blocks;
        });
    }

    /** Who raised it, and, while there are buttons, who may press them. */
    private static String footer(SupportTicketRequest r, String deciders, boolean withButtons) {
        String raised = "Raised by <@" + r.submittedBy() + "> " + date(r.createdAt()) + ".";
        if (!withButtons) {
            return raised + " Each step is noted in this thread.";
        }
        String moves = r.status() == RequestStatus.APPROVED
                ? "mark it done"
                : r.status() == RequestStatus.OPEN ? "acknowledge, approve or decline it" : "approve or decline it";
        return raised + " Only " + deciders + " can " + moves + ". I note each step in this thread and tell the CE"
                + " by DM.";
    }

    /**
     * The thread note for the request's new status, with the reason for a decline. It names nobody:
     * the person who moved it has just done so (the card now says who and when), and the CE hears by DM.
     */
    static String note(SupportTicketRequest r) {
        String reason = shownReason(r);
        String status = "*" + r.status().label() + "*";
        return (reason == null ? status + "." : status + ": " + Mrkdwn.truncate(Mrkdwn.escape(reason), BODY_MAX))
                + "\nI've told the CE by DM.";
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

    /** Still waiting on the head of support: open or acknowledged. */
    private static boolean undecided(SupportTicketRequest r) {
        return r.status() == RequestStatus.OPEN || r.status() == RequestStatus.ACKNOWLEDGED;
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }

    /**
     * The moves open from the request's status, as buttons: the card's, and Home's. Each names its
     * customer to screen readers; the final ones ask first, as nothing takes them back (Decline asks
     * for its reason in a modal instead).
     */
    static List<BlockElement> buttons(SupportTicketRequest r) {
        String customer = Mrkdwn.plain(r.customerName());
        List<BlockElement> buttons = new ArrayList<>();
        for (Move m : Move.values()) {
            if (m.allowedFrom(r.status())) {
                buttons.add(button(b -> b.actionId(m.actionId())
                        .value(Long.toString(r.id()))
                        .text(plainText(m.button()))
                        .style(style(m))
                        .accessibilityLabel(m.spoken(Mrkdwn.truncate(
                                customer, SPOKEN_MAX - m.spoken("").length())))
                        .confirm(confirm(m, customer))));
            }
        }
        return buttons;
    }

    /** The question a final move asks before it is made; null for the moves that can be followed by others. */
    private static ConfirmationDialogObject confirm(Move move, String customer) {
        return switch (move) {
            case APPROVE ->
                ConfirmationDialogObject.builder()
                        .title(plainText(Mrkdwn.truncate("Approve the request for " + customer + "?", 100)))
                        .text(plainText("An approval can't be undone. I'll tell the CE by DM and note it in the card's"
                                + " thread; mark it done once it has happened."))
                        .confirm(plainText("Approve"))
                        .deny(plainText("Not yet"))
                        .build();
            case DONE ->
                ConfirmationDialogObject.builder()
                        .title(plainText(Mrkdwn.truncate("Mark the request for " + customer + " done?", 100)))
                        .text(plainText("This closes the request for good. I'll tell the CE by DM and note it in the"
                                + " card's thread."))
                        .confirm(plainText("Mark done"))
                        .deny(plainText("Not yet"))
                        .build();
            default -> null;
        };
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
