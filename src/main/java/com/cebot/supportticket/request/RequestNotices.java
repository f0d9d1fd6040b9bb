package com.cebot.supportticket.request;

import com.cebot.slack.Mrkdwn;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What people are told privately about a request: the CE by DM, a refused clicker by an ephemeral
 * message, and the head of support when a request waits (the nudge texts a scheduler sends).
 */
final class RequestNotices {

    private RequestNotices() {}

    static String posted(SupportTicketRequest r, String channel, String permalink) {
        return "Thanks! I posted your request for *" + Mrkdwn.escape(r.customerName()) + "* in <#" + channel
                + "> and mentioned the head of support: " + Mrkdwn.link(permalink, "view the card") + ". I'll DM you"
                + " here each time it moves.";
    }

    static String refused(SupportTicketRequest r, String channel, String error) {
        return "I saved your request for *" + Mrkdwn.escape(r.customerName()) + "* but Slack would not let me post"
                + " it in <#" + channel + "> (" + error + "). Nothing is lost: please tell the CE Bot admins.";
    }

    /** To the CE: who moved their request, to what, and (for a decline) why. */
    static String moved(SupportTicketRequest r, String permalink) {
        String text = "Your request for *" + Mrkdwn.escape(r.customerName()) + "* was *"
                + r.status().verb() + "* by <@" + r.statusBy() + ">";
        text += r.statusReason() == null ? "." : ": " + Mrkdwn.escape(r.statusReason());
        return permalink == null ? text : text + "\n" + Mrkdwn.link(permalink, "View the request");
    }

    /** In the card's thread: the context support already has for this ticket. */
    static String contextShared(String contextCardLink) {
        return "Support already has the context for this ticket: " + Mrkdwn.link(contextCardLink, "see its card") + ".";
    }

    /** To someone who may not move requests. */
    static String notAllowed(String whoMayDecide) {
        return "Sorry, only " + whoMayDecide + " can move Support Ticket Requests, so I left this one as it is."
                + " If you can help, reply in the card's thread.";
    }

    /**
     * To a member of the head of support's group when the bot cannot confirm they still are one:
     * Slack has not listed the group's members since {@code readAt} (null: not since the bot started).
     */
    static String unconfirmed(String group, Instant readAt, Duration within, List<String> namedPeople) {
        String since = readAt == null
                ? "since I started"
                : "since <!date^" + readAt.getEpochSecond() + "^{date_short_pretty} at {time}|"
                        + readAt.toString().substring(0, 16).replace('T', ' ') + " UTC>";
        String meanwhile = namedPeople.isEmpty()
                ? ""
                : " Meanwhile " + namedPeople.stream().map(p -> "<@" + p + ">").collect(Collectors.joining(", "))
                        + " can move it.";
        return "I can't confirm that you are still in " + group + ": Slack hasn't let me read its members " + since
                + ", and I don't trust a list older than " + within.toHours() + " hours. So I left this request as it"
                + " is; try again once Slack answers." + meanwhile;
    }

    /** To someone whose click came after another move: the card they saw was already out of date. */
    static String alreadyMoved(SupportTicketRequest r) {
        return "This request has already moved on: it is now *" + RequestCard.status(r, false) + "*, so I left it"
                + " as it is.";
    }

    /**
     * To the head of support, in the card's thread: a request nobody has acknowledged yet. The CE is
     * not named: the card above names them, and a mention would ping them about someone else's reminder.
     */
    public static String nudgeUnacknowledged(SupportTicketRequest r, String permalink) {
        return "Reminder: the Support Ticket Request for *" + Mrkdwn.escape(r.customerName())
                + "* is still waiting to be acknowledged. " + Mrkdwn.link(permalink, "Open the request")
                + " to acknowledge, approve or decline it.";
    }

    /** To the head of support, in the card's thread: an undecided request whose needed-by date is near or past. */
    public static String nudgeNeededBy(SupportTicketRequest r, String permalink, LocalDate today) {
        long days = ChronoUnit.DAYS.between(today, r.neededBy());
        String when;
        if (days < 0) {
            when = "was needed by " + RequestCard.day(r.neededBy());
        } else if (days == 0) {
            when = "is needed today";
        } else {
            when = "is needed by " + RequestCard.day(r.neededBy())
                    + (days == 1 ? " (tomorrow)" : " (in " + days + " days)");
        }
        return "Reminder: the Support Ticket Request for *" + Mrkdwn.escape(r.customerName()) + "* " + when
                + " and is still *"
                + r.status().label().toLowerCase(Locale.ROOT) + "*. " + Mrkdwn.link(permalink, "Open the request")
                + ".";
    }

    static String unprocessed() {
        return "I saved the Support Ticket Request you raised but could not post it, even after several tries."
                + " Nothing you typed is lost: please tell the CE Bot admins, who can see it in the bot's store.";
    }
}
