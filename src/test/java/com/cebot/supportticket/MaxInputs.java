package com.cebot.supportticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.ShortcutMessage;
import com.cebot.supportticket.TicketLinkParser.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Named;

/**
 * What a person can put into the ticket modals at the limits the forms enforce, for tests of the
 * views: each free-text field at its maximum length made of the characters that grow most when
 * escaped for mrkdwn ({@code &} becomes {@code &amp;}), of emoji (surrogate pairs), of mentions a
 * person might try to make the bot send, and seeded random mixes of all of them. Lengths are
 * counted as the forms count them ({@link String#length()}).
 */
public final class MaxInputs {

    /** Every random mix is drawn from this seed, so a failure names the case that reproduces it. */
    public static final long SEED = 20_261_123L;

    public static final String ZENDESK_SUBDOMAIN = "acme";

    /** Mentions and links a person might type; none of them may reach Slack unescaped. */
    public static final List<String> INJECTIONS = List.of(
            "<!channel>",
            "<!here>",
            "<!everyone>",
            "<!subteam^SEVIL|@evil>",
            "<@UEVIL>",
            "<#CEVIL>",
            "<https://evil.example|Zendesk #1>",
            "<!date^1^{date}|x>");

    private static final String EMOJI = "🙂";
    private static final String[] MIX = {
        "a",
        "Z",
        " ",
        "\n",
        "&",
        "<",
        ">",
        EMOJI,
        "é",
        "*",
        "_",
        "`",
        "~",
        "|",
        "&amp;",
        "&lt;",
        "<!channel>",
        "<@UEVIL>",
        "<!subteam^SEVIL>",
        "<https://evil.example|x>",
        "👩‍💻",
        "\r\n"
    };

    private MaxInputs() {}

    /** Free text for a field that holds at most {@code max} characters: the worst kinds, then random mixes. */
    public static List<Named<String>> texts(int max, int randomMixes) {
        List<Named<String>> texts = new ArrayList<>();
        texts.add(Named.of(max + " ampersands", "&".repeat(max)));
        texts.add(Named.of(max + " angle brackets", fill(max, i -> i % 2 == 0 ? "<" : ">")));
        texts.add(Named.of(max / 2 + " emoji", fill(max, i -> EMOJI)));
        texts.add(Named.of("'&🙂' to " + max, fill(max, i -> i % 2 == 0 ? "&" : EMOJI)));
        texts.add(Named.of("mentions to " + max, fill(max, i -> INJECTIONS.get(i % INJECTIONS.size()) + " ")));
        texts.add(Named.of(max + " plain letters", "x".repeat(max)));
        Random random = new Random(SEED + max);
        for (int i = 0; i < randomMixes; i++) {
            texts.add(Named.of("random mix " + i + " of seed " + (SEED + max), randomText(random, max)));
        }
        return texts;
    }

    /** One worst text for a field, picked by {@code kind} from {@link #texts}, so every field can share a kind. */
    public static String text(int max, int kind) {
        List<Named<String>> texts = texts(max, 0);
        return texts.get(Math.floorMod(kind, texts.size())).getPayload();
    }

    /** How many kinds {@link #text(int, int)} picks from. */
    public static int textKinds() {
        return texts(10, 0).size();
    }

    /** Up to {@code max} characters drawn from the mix; at the maximum more often than not. */
    public static String randomText(Random random, int max) {
        int length = random.nextInt(3) == 0 ? 1 + random.nextInt(max) : max;
        StringBuilder text = new StringBuilder();
        while (true) {
            String piece = MIX[random.nextInt(MIX.length)];
            if (text.length() + piece.length() > length) {
                break;
            }
            text.append(piece);
        }
        return text.isEmpty() ? "&" : text.toString();
    }

    /** Customer names as the form takes them: at most {@link CustomerChoice#MAX_NAME}, stripped. */
    public static List<Named<String>> customerNames() {
        int max = CustomerChoice.MAX_NAME;
        return List.of(
                Named.of("name of " + max + " ampersands", "&".repeat(max)),
                Named.of("name of " + max / 2 + " emoji", fill(max, i -> EMOJI)),
                Named.of("name of mentions", fill(max, i -> INJECTIONS.get(i % INJECTIONS.size()))),
                Named.of("name of " + max + " letters", "W".repeat(max)));
    }

    /** Pieces repeated up to exactly {@code max} UTF-16 units, padded with {@code &}. */
    public static String fill(int max, IntFunction<String> piece) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; ; i++) {
            String next = piece.apply(i);
            if (text.length() + next.length() > max) {
                break;
            }
            text.append(next);
        }
        return text + "&".repeat(max - text.length());
    }

    /**
     * The link field's longest contents, each read by the real parser so every set is one the
     * modals accept: at most {@link TicketLinkParser#MAX_LINKS} links in at most
     * {@link TicketFields#LINK_MAX} characters.
     */
    public static List<Named<List<TicketLink>>> linkSets(int randomSets) {
        List<Named<List<TicketLink>>> sets = new ArrayList<>();
        sets.add(Named.of("10 longest GitHub discussions", parse(joined(10, MaxInputs::longestGitHub))));
        sets.add(Named.of("10 longest Slack thread links", parse(joined(10, i -> slackThread(i, 63, 21)))));
        sets.add(Named.of("10 usual Slack thread links", parse(joined(10, i -> slackThread(i, 1, 11)))));
        sets.add(Named.of("10 ticket numbers", parse(joined(10, i -> "ZD#" + (999_999_999_990L + i)))));
        sets.add(Named.of("one ticket number", parse("1234")));
        Random random = new Random(SEED);
        for (int i = 0; i < randomSets; i++) {
            sets.add(Named.of("random links " + i + " of seed " + SEED, parse(randomLinks(random))));
        }
        return sets;
    }

    public static List<TicketLink> longestLinks() {
        return parse(joined(10, MaxInputs::longestGitHub));
    }

    /** A GitHub URL with a 39-character owner, a 100-character repository and a 12-digit number. */
    static String longestGitHub(int i) {
        String owner = "o" + "w".repeat(38);
        String repo = String.format("%02d", i) + "r._-".repeat(24) + "xx";
        return "https://github.com/" + owner + "/" + repo + "/discussions/" + (999_999_999_900L + i);
    }

    /**
     * A Slack thread link without a scheme: the card's link adds one, and repeats the channel in
     * {@code &cid=}, so the longest channel id (21, the parser's most) on the longest enterprise
     * host makes the longest card text from the fewest typed characters.
     */
    static String slackThread(int i, int workspaceLength, int channelLength) {
        String channel = "C" + String.format("%02d", i) + "Z".repeat(channelLength - 3);
        String ts = "17000000" + String.format("%02d", i) + ".000100";
        return "w".repeat(workspaceLength) + ".enterprise.slack.com/archives/" + channel + "/p" + ts.replace(".", "")
                + "?thread_ts=" + ts;
    }

    private static String randomLinks(Random random) {
        int count = 1 + random.nextInt(TicketLinkParser.MAX_LINKS);
        List<String> pieces = new ArrayList<>();
        int length = -1;
        for (int i = 0; i < count; i++) {
            String piece = switch (random.nextInt(5)) {
                case 0 -> longestGitHub(i);
                case 1 -> slackThread(i, 1 + random.nextInt(63), 9 + random.nextInt(13));
                case 2 -> "https://" + "z".repeat(1 + random.nextInt(60)) + ".zendesk.com/agent/tickets/" + (1000 + i);
                case 3 -> "ZD " + (1 + random.nextInt(999_999)) * 100 + i;
                default ->
                    "https://app.slack.com/client/T0123ABCD/C0123ABCD/thread/C0123ABCD-17000000"
                            + String.format("%02d", i) + ".000100";
            };
            if (length + 1 + piece.length() > TicketFields.LINK_MAX) {
                break;
            }
            pieces.add(piece);
            length += 1 + piece.length();
        }
        return String.join("\n", pieces);
    }

    private static String joined(int count, IntFunction<String> piece) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pieces.add(piece.apply(i));
        }
        return String.join(" ", pieces);
    }

    private static List<TicketLink> parse(String field) {
        assertThat(field.length())
                .as("the link field holds at most %s", TicketFields.LINK_MAX)
                .isLessThanOrEqualTo(TicketFields.LINK_MAX);
        ParseResult result = new TicketLinkParser(ZENDESK_SUBDOMAIN).parse(field);
        assertThat(result).as(field).isInstanceOf(ParseResult.Parsed.class);
        List<TicketLink> links = ((ParseResult.Parsed) result).links();
        assertThat(links).hasSizeLessThanOrEqualTo(TicketLinkParser.MAX_LINKS);
        return links;
    }

    /**
     * The longest text a message shortcut can put into a modal: the source message (Slack keeps
     * 40,000 characters of text) quoted the way the shortcut quotes it.
     */
    public static List<Named<String>> shortcutQuotes() {
        return List.of(
                Named.of("40,000 escaped ampersands", ShortcutMessage.quote("&amp;".repeat(8_000))),
                Named.of("40,000 characters of emoji", ShortcutMessage.quote(EMOJI.repeat(20_000))),
                Named.of("20,000 one-letter lines", ShortcutMessage.quote("a\n".repeat(20_000))),
                Named.of(
                        "mentions as Slack sends them",
                        ShortcutMessage.quote(
                                fill(40_000, i -> "<!subteam^S0123|@ce-sdr-collab> <@U0123> &lt;x&gt; "))),
                Named.of("random 40,000", ShortcutMessage.quote(randomText(new Random(SEED), 40_000))));
    }

    /** A permalink as long as Slack makes them: an Enterprise Grid host and a reply in a thread. */
    public static final String LONGEST_PERMALINK = "https://" + "w".repeat(21) + ".enterprise.slack.com/archives/"
            + "C0123456789AB/p1700000000000100?thread_ts=1700000000.000100&cid=C0123456789AB";
}
