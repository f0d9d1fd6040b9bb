package com.cebot.feedback;

import com.cebot.slack.Mrkdwn;
import java.util.List;

/**
 * What people are told privately: the person who shared without their name, where it landed; each
 * person who shared to a gap, when its status changes or it is merged; someone who may not do what
 * they pressed. The bot speaks as "I".
 */
final class FeedbackNotices {

    private static final int TITLE_ROOM = 300;
    private static final int NOTE_ROOM = 1500;
    private static final int CUSTOMERS_ROOM = 1500;

    private FeedbackNotices() {}

    static String postedWithoutName(String gapTitle, String channel, String permalink) {
        return "I added your feedback to the product gap " + title(gapTitle) + " in <#" + channel + ">, without your"
                + " name: " + Mrkdwn.link(permalink, "see it in the thread") + ". I'll tell you here when its status"
                + " changes.";
    }

    static String refused(String channel, String error) {
        return "I saved your product feedback but Slack would not let me post it in <#" + channel + "> ("
                + Mrkdwn.escape(error) + "). Nothing is lost: please tell the CE Bot admins.";
    }

    static String unprocessed() {
        return "I saved the product feedback you shared but could not post it, even after several tries. Nothing you"
                + " typed is lost: please tell the CE Bot admins, who can see it in the bot's store.";
    }

    /**
     * To someone who shared to the gap. For Resolved and Won't do, the customers they asked for, so
     * they can tell them.
     */
    static String statusChanged(
            String gapTitle, GapStatus status, String actor, String note, List<String> customers, String permalink) {
        String text = "The product gap " + title(gapTitle) + " you shared feedback on is now *" + status.label()
                + "* (" + status.meaning() + "), set by <@" + actor + ">"
                + (note == null ? "." : ": " + Mrkdwn.truncate(Mrkdwn.escape(note), NOTE_ROOM));
        if (status.closed()) {
            text += "\nYou asked for " + Mrkdwn.truncate(Mrkdwn.escape(String.join(", ", customers)), CUSTOMERS_ROOM)
                    + ": you may want to tell " + (customers.size() == 1 ? "them" : "each of them") + ".";
        }
        return permalink == null ? text : text + "\n" + Mrkdwn.link(permalink, "View the gap");
    }

    /** To someone who shared to a gap that was merged: where their customers went. */
    static String merged(
            String sourceTitle,
            String targetTitle,
            GapStatus targetStatus,
            String actor,
            String note,
            String targetPermalink) {
        return "The product gap " + title(sourceTitle) + " you shared feedback on was merged by <@" + actor + "> into "
                + FeedbackThread.gapLink(targetTitle, targetPermalink) + ", which is *" + targetStatus.label() + "*"
                + (note == null ? "." : ": " + Mrkdwn.truncate(Mrkdwn.escape(note), NOTE_ROOM))
                + " Your customers are there now, and I'll tell you when its status changes.";
    }

    /** To someone who pressed a product team button. */
    static String notProductTeam(String whoMay) {
        return (whoMay == null
                        ? "No product team is set up yet (feedback.product_team), so nobody can"
                        : "Only the product team (" + whoMay + ") can")
                + " set a gap's status, merge gaps or link the"
                + " Salesforce record, so I changed nothing. To add your customer to a gap, use *Add a customer*.";
    }

    /** To someone adding a customer to a gap that takes no more. */
    static String notTakingFeedback(Gap gap) {
        return gap.merged()
                ? "That gap was merged into another; its card links to it. Add your customer there."
                : "That gap is closed as " + gap.status().label() + ". Use Share product feedback to find another"
                        + " gap or make a new one.";
    }

    private static String title(String gapTitle) {
        return "*" + Mrkdwn.truncate(Mrkdwn.escape(gapTitle), TITLE_ROOM) + "*";
    }
}
