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

    private ContextCard() {}

    static String text(SupportContext c) {
        return "Support context for " + Mrkdwn.escape(c.customerName()) + " from <@" + c.submittedBy() + ">";
    }

    static List<LayoutBlock> blocks(SupportContext c, String assignee, Instant assignedAt) {
        List<TicketLink> links = LinksJson.read(c.links());
        return TicketCard.fitted(List.of(new Answer(c.background(), BODY_MAX)), (shown, shortened) -> {
            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate("Support context: " + Mrkdwn.plain(c.customerName()), 150)))));
            blocks.add(section(s -> s.fields(List.of(
                    markdownText("*Customer*\n" + Mrkdwn.escape(c.customerName())),
                    markdownText("*Shared by*\n<@" + c.submittedBy() + "> " + date(c.createdAt())),
                    markdownText("*Assigned to*\n" + (assignee == null ? "Nobody yet"
                            : "<@" + assignee + "> " + date(assignedAt)))))));
            blocks.add(section(s -> s.text(markdownText("*Links*\n" + TicketCard.links(links, BODY_MAX)))));
            blocks.add(section(s -> s.text(markdownText("*Background*\n" + shown.get(0)))));
            if (assignee == null) {
                blocks.add(actions(a -> a.blockId("context_card_" + c.cardId()).elements(List.of(
                        button(b -> b.actionId(CLAIM).value(Long.toString(c.cardId())).style("primary")
                                .text(plainText("I'll take it")))))));
            } else {
                blocks.add(actions(a -> a.blockId("context_card_" + c.cardId()).elements(List.of(
                        button(b -> b.actionId(RELEASE).value(Long.toString(c.cardId())).text(plainText("Release"))
                                .accessibilityLabel("Release this ticket so someone else in support can take it"))))));
            }
            blocks.add(context(x -> x.elements(List.of(markdownText("Shared with the Support Ticket Context shortcut."
                    + " More context for these tickets lands in this thread."
                    + (assignee == null ? "" : " Only <@" + assignee + ">, who took it, can release it.")
                    + (shortened ? " " + TicketCard.SHORTENED : ""))))));
            return blocks;
        });
    }

    /** More context for a ticket that already has a card: a note in the card's thread. */
    static List<LayoutBlock> threadNote(SupportContext c) {
        List<TicketLink> links = LinksJson.read(c.links());
        String heading = "*More context from <@" + c.submittedBy() + ">* for " + Mrkdwn.escape(c.customerName()) + "\n";
        return TicketCard.fitted(List.of(new Answer(c.background(), BODY_MAX)), (shown, shortened) -> {
            List<LayoutBlock> blocks = new ArrayList<>(asBlocks(
                    section(s -> s.text(markdownText(heading + TicketCard.links(links, SECTION_TEXT - heading.length())))),
                    section(s -> s.text(markdownText(shown.get(0))))));
            if (shortened) {
                blocks.add(context(x -> x.elements(List.of(markdownText(TicketCard.SHORTENED)))));
            }
            return blocks;
        });
    }

    static String threadNoteText(SupportContext c) {
        return "More context from <@" + c.submittedBy() + "> for " + Mrkdwn.escape(c.customerName());
    }

    static String claimedNote(String assignee) {
        return "<@" + assignee + "> is taking this ticket.";
    }

    static String releasedNote(String taker) {
        return "<@" + taker + "> released this ticket: anyone in support can take it now.";
    }

    private static String date(Instant at) {
        long epoch = at.getEpochSecond();
        return "<!date^" + epoch + "^{date_short_pretty} at {time}|" + at.toString().substring(0, 16).replace('T', ' ') + " UTC>";
    }
}
