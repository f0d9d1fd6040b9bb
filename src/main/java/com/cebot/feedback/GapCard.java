package com.cebot.feedback;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.cebot.slack.Mrkdwn;
import com.cebot.supportticket.TicketCard;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A gap's card in #feedback: title, category, status, how many customers want it and who they are,
 * the severity mix and the latest submission, with the buttons. Pure: records in, Block Kit out.
 * It never names who shared: that is in the thread, and only for those who let their name show.
 * Everything typed is escaped and fitted to Slack's limits.
 */
final class GapCard {

    static final String ADD_CUSTOMER = "feedback_add_customer";
    static final String SET_STATUS = "feedback_set_status";
    static final String MERGE = "feedback_merge_open";
    static final String RECORD = "feedback_record_open";

    /** How many customers' names the card reads from the store; the rest are counted. */
    static final int NAMES_READ = 200;

    private static final int NAMES_ROOM = 2500;
    private static final int NEED_ROOM = 1500;
    private static final int BLOCKS_ROOM = 500;
    private static final int PREVIEW = 200;

    /** A gap whose submissions went elsewhere: that gap's title, and its card's link once it landed. */
    record MergedInto(String title, String permalink) {}

    /** What the card shows: the gap, its customers' names (first named first), its latest submission. */
    record View(Gap gap, List<String> customerNames, Optional<Submission> latest, Optional<MergedInto> mergedInto) {}

    private GapCard() {}

    /** The notification and screen-reader text: what the card says, in one line. */
    static String text(View v) {
        Gap g = v.gap();
        String title = "Product gap: " + Mrkdwn.truncate(Mrkdwn.escape(g.title()), 700);
        if (v.mergedInto().isPresent()) {
            return title + ", merged into "
                    + Mrkdwn.truncate(Mrkdwn.escape(v.mergedInto().get().title()), 700);
        }
        String text = title + " · " + g.status().label() + " · " + customers(g.customers());
        return v.latest()
                .map(s -> text + " · latest: " + Mrkdwn.truncate(Mrkdwn.escape(s.customerName()), PREVIEW) + " ("
                        + s.severity().label().toLowerCase(java.util.Locale.ROOT) + ")")
                .orElse(text);
    }

    static List<LayoutBlock> blocks(View v) {
        Gap g = v.gap();
        List<TicketCard.Answer> answers = new ArrayList<>();
        v.latest().ifPresent(s -> {
            answers.add(new TicketCard.Answer(s.need(), NEED_ROOM));
            answers.add(new TicketCard.Answer(s.blocks() == null ? "" : s.blocks(), BLOCKS_ROOM));
        });
        return TicketCard.fitted(answers, (shown, shortened) -> {
            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate("Product gap: " + Mrkdwn.plain(g.title()), 150)))));
            List<TextObject> fields = new ArrayList<>(List.of(
                    markdownText(
                            "*Status*\n" + (g.merged() ? "Merged" : g.status().label())),
                    markdownText("*Category*\n" + Mrkdwn.escape(g.category())),
                    markdownText("*Customers*\n" + g.customers()),
                    markdownText("*Impact*\n" + severityMix(g))));
            if (g.recordLink() != null) {
                fields.add(markdownText("*Salesforce record*\n" + Mrkdwn.link(g.recordLink(), "")));
            }
            blocks.add(section(s -> s.fields(fields)));
            if (!v.customerNames().isEmpty()) {
                blocks.add(section(
                        s -> s.text(markdownText("*Who wants it*\n" + names(v.customerNames(), g.customers())))));
            }
            v.latest().ifPresent(latest -> {
                String blocked = shown.get(1).isEmpty() ? "" : ": " + shown.get(1);
                blocks.add(section(s -> s.text(
                        markdownText("*Latest:* " + Mrkdwn.truncate(Mrkdwn.escape(latest.customerName()), PREVIEW)
                                + " · " + latest.severity().label() + blocked
                                + "\n" + shown.get(0)))));
            });
            v.mergedInto().ifPresent(m -> {
                String where = m.permalink() == null
                        ? "*" + Mrkdwn.truncate(Mrkdwn.escape(m.title()), 700) + "*"
                        : Mrkdwn.link(m.permalink(), Mrkdwn.truncate(m.title(), 140));
                blocks.add(section(s -> s.text(markdownText("*Merged into* " + where + ": its customers moved there,"
                        + " and new feedback goes there too."))));
            });
            List<BlockElement> buttons = buttons(g);
            if (!buttons.isEmpty()) {
                blocks.add(actions(a -> a.blockId("feedback_gap_" + g.id()).elements(buttons)));
            }
            blocks.add(context(x -> x.elements(List.of(markdownText("Each customer's feedback is a reply in this"
                    + " thread. The product team sets the status, merges duplicates and links the Salesforce record."
                    + (shortened ? " " + TicketCard.SHORTENED : ""))))));
            return blocks;
        });
    }

    /**
     * The card's buttons: "Add a customer" for anyone while the gap takes feedback, and the product
     * team's three, each labelled for screen readers with whom it is for. A merged gap has none.
     */
    static List<BlockElement> buttons(Gap g) {
        List<BlockElement> buttons = new ArrayList<>();
        if (g.merged()) {
            return buttons;
        }
        String id = Long.toString(g.id());
        if (g.live()) {
            buttons.add(button(b -> b.actionId(ADD_CUSTOMER)
                    .value(id)
                    .style("primary")
                    .text(plainText("Add a customer"))
                    .accessibilityLabel("Add your customer's feedback to this gap")));
        }
        buttons.addAll(teamButtons(g));
        return buttons;
    }

    /** The product team's buttons alone, as Home shows them beside each gap. */
    static List<BlockElement> teamButtons(Gap g) {
        String id = Long.toString(g.id());
        String title = Mrkdwn.truncate(Mrkdwn.plain(g.title()), 40);
        return List.of(
                button(b -> b.actionId(SET_STATUS)
                        .value(id)
                        .text(plainText("Set status"))
                        .accessibilityLabel("Product team: set the status of " + title)),
                button(b -> b.actionId(MERGE)
                        .value(id)
                        .text(plainText("Merge into…"))
                        .accessibilityLabel("Product team: merge " + title + " into another gap")),
                button(b -> b.actionId(RECORD)
                        .value(id)
                        .text(plainText("Salesforce record"))
                        .accessibilityLabel("Product team: link the Salesforce record of " + title)));
    }

    /** "1 customer", "3 customers". */
    static String customers(int n) {
        return n + (n == 1 ? " customer" : " customers");
    }

    /** "2 blocking a deal or renewal · 1 major", in that order, or "none yet". */
    static String severityMix(Gap g) {
        List<String> parts = new ArrayList<>();
        int[] counts = {g.blockers(), g.majors(), g.minors()};
        for (Severity s : Severity.values()) {
            if (counts[s.ordinal()] > 0) {
                parts.add(counts[s.ordinal()] + " " + s.counted());
            }
        }
        return parts.isEmpty() ? "none yet" : String.join(" · ", parts);
    }

    /** Names, escaped, as many as fit, then how many more want it. */
    static String names(List<String> names, int total) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (String name : names) {
            String next = (shown == 0 ? "" : ", ") + Mrkdwn.escape(name);
            if (out.length() + next.length() > NAMES_ROOM) {
                break;
            }
            out.append(next);
            shown++;
        }
        int more = total - shown;
        return more > 0 ? out + (shown == 0 ? "" : " ") + "and " + more + " more" : out.toString();
    }
}
