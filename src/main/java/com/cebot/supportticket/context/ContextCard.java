package com.cebot.supportticket.context;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.cebot.slack.Mrkdwn;
import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.TicketCard;
import com.cebot.supportticket.TicketCard.Answer;
import com.cebot.supportticket.TicketLink;
import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The card in #customer-support and the thread notes that follow it. Pure: records in, Block Kit
 * out. Everything a person typed is escaped, so no field can ping a channel, a group or a person,
 * and a long background is shortened to fit Slack's limits, saying so on the card.
 */
final class ContextCard {

    static final String CLAIM = "context_claim";
    static final String RELEASE = "context_release";

    /** Section text holds 3000 characters; a bold title takes a few of them. */
    private static final int SECTION_TEXT = 3000;

    private static final int BODY_MAX = 2900;

    /** A field of a section holds 2000 characters; its bold title takes a few of them. */
    private static final int FIELD_TEXT = 2000;
    /** How much of the background the message's text, read aloud and in notifications, carries. */
    private static final int TEXT_BACKGROUND = 300;

    private static final int SPOKEN_MAX = 75;

    private ContextCard() {}

    /**
     * The message's text, which push notifications, previews and screen readers read: the customer,
     * the start of the background and whether someone has the ticket, as the blocks say them. It
     * does not mention the CE, who hears by DM.
     */
    static String text(SupportContext c, String assignee) {
        return "Support context for " + Mrkdwn.escape(c.customerName()) + ": "
                + TicketCard.excerpt(c.background(), TEXT_BACKGROUND) + "\n" + state(assignee) + ".";
    }

    /**
     * The card: the customer, what support should know, then who has the ticket and its links, the
     * button, and who shared it and who may press the button.
     *
     * @param takers the group whose members may take a card ({@code support.takers}); null: anyone
     */
    static List<LayoutBlock> blocks(SupportContext c, String assignee, Instant assignedAt, String takers) {
        List<TicketLink> links = LinksJson.read(c.links());
        String customer = Mrkdwn.plain(c.customerName());
        return TicketCard.fitted(List.of(new Answer(c.background(), BODY_MAX)), (shown, shortened) -> {
            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(customer + ": Support Ticket Context", 150)))));
            blocks.add(section(s -> s.text(markdownText("*What support should know*\n" + shown.get(0)))));
            blocks.add(section(s -> s.fields(List.of(
                    markdownText("*Status*\n" + state(assignee) + (assignee == null ? "" : " " + date(assignedAt))),
                    markdownText("*Links*\n" + TicketCard.links(links, FIELD_TEXT - "*Links*\n".length()))))));
            if (assignee == null) {
                blocks.add(actions(a -> a.blockId("context_card_" + c.cardId())
                        .elements(List.of(button(b -> b.actionId(CLAIM)
                                .value(Long.toString(c.cardId()))
                                .style("primary")
                                .text(plainText("I'll take it"))
                                .accessibilityLabel(
                                        Mrkdwn.truncate("Take the ticket for " + customer, SPOKEN_MAX)))))));
            } else {
                blocks.add(actions(a -> a.blockId("context_card_" + c.cardId())
                        .elements(List.of(button(b -> b.actionId(RELEASE)
                                .value(Long.toString(c.cardId()))
                                .text(plainText("Release"))
                                .accessibilityLabel("Release this ticket so someone else in support can take it"))))));
            }
            blocks.add(context(x -> x.elements(List.of(markdownText(
                    footer(c, links, assignee, takers) + (shortened ? " " + TicketCard.SHORTENED : ""))))));
            return blocks;
        });
    }

    /** "Waiting for someone in support to take it", or "Taken by @x". */
    private static String state(String assignee) {
        return assignee == null ? "Waiting for someone in support to take it" : "Taken by <@" + assignee + ">";
    }

    /**
     * Who shared it and when, who may press the button, and, when the card holds a ticket that more
     * context can name, that more of it lands in the thread. Plain links name no ticket: more
     * context for them makes a card of its own, so the card promises nothing.
     */
    private static String footer(SupportContext c, List<TicketLink> links, String assignee, String takers) {
        String who = assignee != null
                ? "Only the person who took it can release it."
                : takers == null ? "Anyone in support can take it." : "Only " + takers + " can take it.";
        String more =
                TicketLink.ticketKeys(links).isEmpty() ? "" : " More context for these tickets lands in this thread.";
        return "Shared by <@" + c.submittedBy() + "> " + date(c.createdAt()) + ". " + who + more;
    }

    /** More context for a ticket that already has a card: a note in the card's thread. */
    static List<LayoutBlock> threadNote(SupportContext c) {
        List<TicketLink> links = LinksJson.read(c.links());
        String heading = "*More context from <@" + c.submittedBy() + ">* for " + Mrkdwn.escape(c.customerName()) + "\n";
        return TicketCard.fitted(List.of(new Answer(c.background(), BODY_MAX)), (shown, shortened) -> {
            List<LayoutBlock> blocks = new ArrayList<>(asBlocks(
                    section(s ->
                            s.text(markdownText(heading + TicketCard.links(links, SECTION_TEXT - heading.length())))),
                    section(s -> s.text(markdownText(shown.get(0))))));
            if (shortened) {
                blocks.add(context(x -> x.elements(List.of(markdownText(TicketCard.SHORTENED)))));
            }
            return blocks;
        });
    }

    /** The note's text: what it adds, without a mention of the CE, who hears where it went by DM. */
    static String threadNoteText(SupportContext c) {
        return "More context for " + Mrkdwn.escape(c.customerName()) + ": "
                + TicketCard.excerpt(c.background(), TEXT_BACKGROUND);
    }

    /**
     * In the thread when someone takes the ticket. It names nobody: the taker has just pressed the
     * button, and a mention would only ping them about it; the card now says who.
     */
    static String claimedNote() {
        return "Taken: the card shows who has this ticket now.";
    }

    /** In the thread when the taker gives the ticket back; like {@link #claimedNote}, it pings nobody. */
    static String releasedNote() {
        return "Released: anyone in support can take this ticket now.";
    }

    private static String date(Instant at) {
        long epoch = at.getEpochSecond();
        return "<!date^" + epoch + "^{date_short_pretty} at {time}|"
                + at.toString().substring(0, 16).replace('T', ' ') + " UTC>";
    }
}
