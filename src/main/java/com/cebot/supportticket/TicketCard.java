package com.cebot.supportticket;

import com.cebot.slack.BlockJson;
import com.cebot.slack.Mrkdwn;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * What the two ticket cards draw the same way: their links, and people's answers fitted into the
 * room Slack gives a message. Pure, like the cards.
 */
public final class TicketCard {

    /**
     * Most characters of text the blocks of one card or note may hold. Slack refuses a message
     * whose blocks hold too much text in total with {@code msg_blocks_too_long}; it documents no
     * number, refusals were seen near 13,000 characters and once at about 11,300, and the test
     * fake refuses above 12,000. Keeping cards to 10,000 leaves room for however Slack counts.
     */
    public static final int BLOCK_TEXT_BUDGET = 10_000;

    /** Said on a card, in its context line, whenever an answer on it was shortened. */
    public static final String SHORTENED =
            "Long answers are shortened here; the full text is kept, and `export` shows it.";

    /** Room kept at the end of a list of links for "• and 10 more". */
    private static final int MORE_ROOM = 20;

    /** What people type into an optional field to say there is nothing to add. */
    private static final Set<String> NOTHING = Set.of("n/a", "na", "none", "nothing", "no", "nil", "-", "--", "–", "—");

    private static final Pattern TRAILING_STOPS = Pattern.compile("[.!]+$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Something a person typed, shown in a section that leaves {@code max} characters for it once escaped. */
    public record Answer(String typed, int max) {}

    private TicketCard() {}

    /**
     * An optional answer as a card shows it: empty when nothing was said, and when what was said is
     * "n/a", "none" or the like, which would only take a line to say there is nothing to read.
     */
    public static Optional<String> said(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        String word =
                TRAILING_STOPS.matcher(answer.strip().toLowerCase(Locale.ROOT)).replaceAll("");
        return NOTHING.contains(word) ? Optional.empty() : Optional.of(answer);
    }

    /**
     * The start of something a person typed, on one line, escaped and at most {@code max}
     * characters: for a message's {@code text}, which push notifications and screen readers read.
     */
    public static String excerpt(String typed, int max) {
        return Mrkdwn.truncate(Mrkdwn.escape(WHITESPACE.matcher(typed.strip()).replaceAll(" ")), max);
    }

    /**
     * Links one per line, as many as fit in {@code max} characters, then how many more there are.
     * Each link's label is the parser's own words, never what was typed.
     */
    public static String links(List<TicketLink> links, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < links.size(); i++) {
            String line = (i == 0 ? "" : "\n") + "• "
                    + Mrkdwn.link(links.get(i).url(), links.get(i).label());
            if (out.length() + line.length() > max - MORE_ROOM) {
                int more = links.size() - i;
                return i == 0
                        ? "• " + more + (more == 1 ? " link" : " links") + " too long to show here"
                        : out.append("\n• and ").append(more).append(" more").toString();
            }
            out.append(line);
        }
        return out.toString();
    }

    /**
     * Draws a card with people's answers escaped and fitted: each is cut to its section's room,
     * and when the card would still hold more than {@link #BLOCK_TEXT_BUDGET} characters of text,
     * the longest answers are cut further, to one shared length, until it fits. Answers that fit
     * are shown whole. A cut answer ends in "…".
     *
     * @param layout draws the card from the answers as shown, in the order given, and whether any
     *               of them was shortened (the card then says so)
     */
    public static List<LayoutBlock> fitted(
            List<Answer> answers, BiFunction<List<String>, Boolean, List<LayoutBlock>> layout) {
        List<String> escaped =
                answers.stream().map(a -> Mrkdwn.escape(a.typed())).toList();
        List<String> shown = new ArrayList<>();
        boolean shortened = false;
        for (int i = 0; i < answers.size(); i++) {
            String cut = Mrkdwn.truncate(escaped.get(i), answers.get(i).max());
            shortened |= !cut.equals(escaped.get(i));
            shown.add(cut);
        }
        List<LayoutBlock> blocks = layout.apply(shown, shortened);
        if (textLength(blocks) <= BLOCK_TEXT_BUDGET) {
            return blocks;
        }
        int around = textLength(layout.apply(shown.stream().map(s -> "").toList(), true));
        return layout.apply(shortenLongest(shown, BLOCK_TEXT_BUDGET - around), true);
    }

    /**
     * Cuts the longest texts to one length, the greatest that lets all of them together fit in
     * {@code room}; shorter texts stay whole.
     */
    static List<String> shortenLongest(List<String> texts, int room) {
        int[] lengths = texts.stream().mapToInt(String::length).sorted().toArray();
        int left = Math.max(room, texts.size());
        int cap = Integer.MAX_VALUE;
        for (int i = 0; i < lengths.length; i++) {
            int sharing = lengths.length - i;
            if ((long) lengths[i] * sharing > left) {
                cap = Math.max(1, left / sharing);
                break;
            }
            left -= lengths[i];
        }
        int max = cap;
        return texts.stream()
                .map(t -> t.length() > max ? Mrkdwn.truncate(t, max) : t)
                .toList();
    }

    /**
     * Characters of text in the blocks, counted the way the limit on a message's blocks is: the
     * {@code text} of every text object. Counted in UTF-16 units, so an emoji counts twice, which
     * is never fewer than Slack counts.
     */
    public static int textLength(List<LayoutBlock> blocks) {
        return textLength(JsonParser.parseString(BlockJson.of(blocks)));
    }

    private static int textLength(JsonElement json) {
        int total = 0;
        if (json.isJsonArray()) {
            for (JsonElement child : json.getAsJsonArray()) {
                total += textLength(child);
            }
        } else if (json.isJsonObject()) {
            for (var field : json.getAsJsonObject().entrySet()) {
                JsonElement value = field.getValue();
                if (field.getKey().equals("text")
                        && value.isJsonPrimitive()
                        && value.getAsJsonPrimitive().isString()) {
                    total += value.getAsString().length();
                } else {
                    total += textLength(value);
                }
            }
        }
        return total;
    }
}
