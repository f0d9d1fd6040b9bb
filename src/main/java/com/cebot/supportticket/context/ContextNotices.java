package com.cebot.supportticket.context;

import com.cebot.slack.Mrkdwn;

/** What the CE is told privately after sharing context. */
final class ContextNotices {

    private ContextNotices() {}

    static String posted(SupportContext c, String channel, String permalink) {
        return "Thanks! I posted your context for *" + Mrkdwn.escape(c.customerName()) + "* in <#" + channel + ">: "
                + Mrkdwn.link(permalink, "view the card") + ". The application engineer who picks the ticket up"
                + " will see it there.";
    }

    static String addedToThread(SupportContext c, String permalink, String assignee) {
        String text = "This ticket already has a card, so I put your context for *" + Mrkdwn.escape(c.customerName())
                + "* in its thread: " + Mrkdwn.link(permalink, "view it") + ".";
        if (assignee != null) {
            text += " <@" + assignee + "> is already on this ticket: please engage them directly rather than"
                    + " joining the customer thread.";
        }
        return text;
    }

    static String refused(SupportContext c, String channel, String error) {
        return "I saved your context for *" + Mrkdwn.escape(c.customerName()) + "* but Slack would not let me post"
                + " it in <#" + channel + "> (" + error + "). Nothing is lost: please tell the CE Bot admins.";
    }

    static String alreadyTaken(String assignee) {
        return "<@" + assignee + "> already took this ticket. Talk to them if you can help.";
    }

    static String alreadyYours() {
        return "You already have this ticket.";
    }

    /** To someone outside the group that takes tickets ({@code support.takers}). */
    static String notATaker(String takersMention) {
        return "Only " + takersMention + " take support tickets from these cards, so I left this one as it is."
                + " If you can help, reply in the card's thread.";
    }

    static String notYoursToRelease(String taker) {
        return "Only <@" + taker + ">, who took this ticket, can release it. Nothing changed.";
    }

    static String nobodyHasIt() {
        return "Nobody has this ticket now, so there was nothing to release. Press I'll take it to take it.";
    }

    static String unprocessed() {
        return "I saved the Support Ticket Context you shared but could not post it, even after several tries."
                + " Nothing you typed is lost: please tell the CE Bot admins, who can see it in the bot's store.";
    }
}
