package com.cebot.feedback;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.cebot.slack.Mrkdwn;
import com.cebot.supportticket.TicketCard;
import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What goes in a gap card's thread: each share (its customers, impact, workaround and link, and who
 * shared it unless they asked not to be named), and a note for each status change and merge. Pure.
 */
final class FeedbackThread {

    private static final int CUSTOMERS_ROOM = 1500;
    private static final int NEED_ROOM = 2900;
    private static final int BLOCKS_ROOM = 1500;
    private static final int WORKAROUND_ROOM = 2900;
    private static final int NOTE_ROOM = 2500;
    private static final int TITLE_ROOM = 300;
    /** What a notification shows of the need. */
    private static final int PREVIEW = 200;

    private FeedbackThread() {}

    /** One share: its submissions share everything but the customer. "Acme: the need (major), shared by …". */
    static String replyText(List<Submission> share) {
        Submission first = share.get(0);
        return Mrkdwn.truncate(Mrkdwn.escape(customerList(share)), 600) + ": "
                + Mrkdwn.truncate(Mrkdwn.escape(first.need()), PREVIEW) + " ("
                + first.severity().label().toLowerCase(Locale.ROOT) + "), " + by(first);
    }

    static List<LayoutBlock> reply(List<Submission> share) {
        Submission s = share.get(0);
        List<TicketCard.Answer> answers = List.of(
                new TicketCard.Answer(customerList(share), CUSTOMERS_ROOM),
                new TicketCard.Answer(s.need(), NEED_ROOM),
                new TicketCard.Answer(s.blocks() == null ? "" : s.blocks(), BLOCKS_ROOM),
                new TicketCard.Answer(s.workaround() == null ? "" : s.workaround(), WORKAROUND_ROOM));
        return TicketCard.fitted(answers, (shown, shortened) -> {
            List<LayoutBlock> blocks = new ArrayList<>();
            String blocked = shown.get(2).isEmpty() ? "" : "\n*What it blocks:* " + shown.get(2);
            blocks.add(section(x -> x.text(
                    markdownText("*" + shown.get(0) + "* · " + s.severity().label() + blocked))));
            blocks.add(section(x -> x.text(markdownText("*What they need*\n" + shown.get(1)))));
            if (!shown.get(3).isEmpty()) {
                blocks.add(section(x -> x.text(markdownText("*Their workaround*\n" + shown.get(3)))));
            }
            if (s.link() != null) {
                blocks.add(section(x -> x.text(markdownText("*Link:* " + Mrkdwn.link(s.link(), "")))));
            }
            String who = s.anonymous() ? "Shared without a name." : "Shared by <@" + s.sharedBy() + ">.";
            blocks.add(context(x ->
                    x.elements(List.of(markdownText(who + (shortened ? " " + TicketCard.SHORTENED : ""))))));
            return blocks;
        });
    }

    /** "<@PM> set the status to *In review* (was Open): the note". */
    static String statusNote(GapStatus status, GapStatus previous, String actor, String note) {
        return "<@" + actor + "> set the status to *" + status.label() + "* (was " + previous.label() + ")"
                + noted(note);
    }

    /** In the merged gap's thread: where its customers went. */
    static String mergedAway(String targetTitle, String targetPermalink, String actor, int moved, String note) {
        return "<@" + actor + "> merged this gap into " + gapLink(targetTitle, targetPermalink) + ": "
                + submissions(moved) + " moved there, and new feedback goes there too" + noted(note);
    }

    /** In the thread of the gap they went to: where they came from. */
    static String mergedIn(String sourceTitle, String sourcePermalink, String actor, int moved, String note) {
        return "<@" + actor + "> merged " + gapLink(sourceTitle, sourcePermalink) + " into this gap: "
                + submissions(moved) + " moved here" + noted(note);
    }

    static String gapLink(String title, String permalink) {
        return permalink == null
                ? "*" + Mrkdwn.truncate(Mrkdwn.escape(title), TITLE_ROOM) + "*"
                : Mrkdwn.link(permalink, Mrkdwn.truncate(title, 140));
    }

    static String submissions(int n) {
        return n + (n == 1 ? " submission" : " submissions");
    }

    private static String noted(String note) {
        return note == null ? "." : ": " + Mrkdwn.truncate(Mrkdwn.escape(note), NOTE_ROOM);
    }

    /** The customers of a share, named once each, in the order given. */
    private static String customerList(List<Submission> share) {
        return String.join(
                ", ", share.stream().map(Submission::customerName).distinct().toList());
    }

    private static String by(Submission s) {
        return s.anonymous() ? "shared without a name" : "shared by <@" + s.sharedBy() + ">";
    }
}
