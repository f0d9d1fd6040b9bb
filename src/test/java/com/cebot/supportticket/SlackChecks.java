package com.cebot.supportticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.BlockJson;
import com.cebot.slackfake.BlockKitLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;

/**
 * What every card, note, DM and modal of the ticket flows must be, whatever was typed: within
 * Slack's limits (as the loopback fake checks them), with top-level text short enough for
 * {@code chat.update}, and safe. Safe means that every {@code <} in mrkdwn opens one of the bot's
 * own sequences (a mention of a person the record names, the head of support, a channel, a date,
 * a link to one of the ticket's URLs), every {@code &} begins a whole entity, plain text holds no
 * angle brackets, and no text holds half an emoji.
 */
public final class SlackChecks {

    /** {@code chat.update} refuses longer top-level text with {@code msg_too_long}; cards are updated. */
    public static final int UPDATE_TEXT = 4_000;

    private static final int HEADER_TEXT = 150;
    private static final int ANY_TEXT = 3_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE = Pattern.compile(
            "!date\\^\\d+\\^\\{date_short_pretty} at \\{time}\\|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
    private static final Pattern MORE = Pattern.compile("• and (\\d+) more|• (\\d+) links? too long to show here");
    private static final Set<String> ENTITIES = Set.of("&amp;", "&lt;", "&gt;");

    /**
     * What the bot itself may put in angle brackets in one message.
     *
     * @param users    user ids the record names (who shared, who decided, who took it)
     * @param mentions whole mentions the bot was configured with, such as {@code <!subteam^SHEAD>}
     * @param channels channel ids the bot names
     * @param urls     URLs the bot links to, as given (not yet escaped)
     */
    public record Known(Set<String> users, Set<String> mentions, Set<String> channels, Set<String> urls) {

        public static Known of(List<TicketLink> links, String... users) {
            return new Known(
                    Set.of(users),
                    Set.of(),
                    Set.of(),
                    links.stream().map(TicketLink::url).collect(Collectors.toSet()));
        }

        public Known mention(String mention) {
            return new Known(users, union(mentions, mention), channels, urls);
        }

        public Known channel(String channel) {
            return new Known(users, mentions, union(channels, channel), urls);
        }

        public Known url(String url) {
            return new Known(users, mentions, channels, union(urls, url));
        }

        private static Set<String> union(Set<String> set, String more) {
            return Stream.concat(set.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
        }

        boolean allows(String sequence) {
            if (sequence.startsWith("@")) {
                return users.contains(sequence.substring(1));
            }
            if (sequence.startsWith("#")) {
                return channels.contains(sequence.substring(1));
            }
            if (mentions.contains("<" + sequence + ">")
                    || DATE.matcher(sequence).matches()) {
                return true;
            }
            String url = sequence.contains("|") ? sequence.substring(0, sequence.indexOf('|')) : sequence;
            return urls.contains(url.replace("&amp;", "&"));
        }
    }

    private SlackChecks() {}

    /** A message with blocks, and the text that goes with them (also the text of a {@code chat.update}). */
    public static void assertMessage(String text, List<LayoutBlock> blocks, Known known) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(BlockKitLimits.violations(blocks))
                .as("Block Kit limits")
                .isEmpty();
        checkText(soft, "top-level text", text, known);
        JsonNode json = read(BlockJson.of(blocks));
        for (JsonNode object : textObjects(json)) {
            String shown = object.get("text").asText();
            soft.assertThat(codePoints(shown))
                    .as("text object of %s characters", codePoints(shown))
                    .isBetween(1, ANY_TEXT);
            wellFormed(soft, shown);
            if ("mrkdwn".equals(object.get("type").asText())) {
                safeMrkdwn(soft, shown, known);
            } else {
                soft.assertThat(shown).as("plain text").doesNotContain("<", ">");
            }
        }
        for (JsonNode block : json) {
            if ("header".equals(block.path("type").asText())) {
                soft.assertThat(codePoints(block.path("text").path("text").asText()))
                        .as("header")
                        .isLessThanOrEqualTo(HEADER_TEXT);
            }
        }
        soft.assertAll();
    }

    /**
     * A card or note that lists a ticket's links: within the cards' own budget, and every link
     * either shown or counted in "and N more", so none goes missing without a word.
     */
    public static void assertCard(String text, List<LayoutBlock> blocks, Known known, int links) {
        assertMessage(text, blocks, known);
        assertThat(TicketCard.textLength(blocks))
                .as("text in the card's blocks")
                .isLessThanOrEqualTo(TicketCard.BLOCK_TEXT_BUDGET);
        int shown = 0;
        int more = 0;
        for (JsonNode object : textObjects(read(BlockJson.of(blocks)))) {
            for (String line : object.get("text").asText().split("\n")) {
                Matcher counted = MORE.matcher(line);
                if (line.startsWith("• <")) {
                    shown++;
                } else if (counted.matches()) {
                    more += Integer.parseInt(counted.group(1) != null ? counted.group(1) : counted.group(2));
                }
            }
        }
        assertThat(shown + more)
                .as("links shown (%s) and counted as more (%s)", shown, more)
                .isEqualTo(links);
    }

    /** A message of text alone: a DM, a thread note, an ephemeral notice. */
    public static void assertText(String text, Known known) {
        SoftAssertions soft = new SoftAssertions();
        checkText(soft, "text", text, known);
        soft.assertAll();
    }

    /** A modal: Slack's limits, safe mrkdwn, and every prefilled value within its input's maximum. */
    public static void assertView(View view, Known known) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(BlockKitLimits.violations(view)).as("Block Kit limits").isEmpty();
        JsonNode json = read(GsonFactory.createSnakeCase().toJson(view));
        for (JsonNode object : textObjects(json)) {
            String shown = object.get("text").asText();
            wellFormed(soft, shown);
            if ("mrkdwn".equals(object.get("type").asText())) {
                safeMrkdwn(soft, shown, known);
            }
        }
        for (JsonNode input : json.findParents("initial_value")) {
            String value = input.get("initial_value").asText();
            wellFormed(soft, value);
            soft.assertThat(codePoints(value))
                    .as("initial value of %s", input.path("action_id").asText())
                    .isLessThanOrEqualTo(input.path("max_length").asInt(ANY_TEXT));
        }
        soft.assertAll();
    }

    private static void checkText(SoftAssertions soft, String what, String text, Known known) {
        soft.assertThat(text).as(what).isNotBlank();
        soft.assertThat(text.length())
                .as("%s of %s characters", what, text.length())
                .isLessThanOrEqualTo(UPDATE_TEXT);
        wellFormed(soft, text);
        safeMrkdwn(soft, text, known);
    }

    /** Every {@code <} opens a sequence the bot may send, every {@code >} closes one, every {@code &} is an entity. */
    private static void safeMrkdwn(SoftAssertions soft, String text, Known known) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<') {
                int end = text.indexOf('>', i);
                int nextOpen = text.indexOf('<', i + 1);
                if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
                    soft.fail("unclosed < at %s in: %s", i, around(text, i));
                    i++;
                    continue;
                }
                String sequence = text.substring(i + 1, end);
                if (!known.allows(sequence)) {
                    soft.fail("<%s> is not the bot's own, in: %s", sequence, around(text, i));
                }
                i = end + 1;
            } else if (c == '>' && (i == 0 || text.charAt(i - 1) == '\n') && text.startsWith("> ", i)) {
                // A block quote the bot opens (Mrkdwn.quote): typed text cannot, its > is escaped.
                i++;
            } else if (c == '>') {
                soft.fail("stray > at %s in: %s", i, around(text, i));
                i++;
            } else if (c == '&') {
                int at = i;
                String entity = ENTITIES.stream()
                        .filter(e -> text.startsWith(e, at))
                        .findFirst()
                        .orElse(null);
                if (entity == null) {
                    soft.fail("& that is not a whole entity at %s in: %s", i, around(text, i));
                    i++;
                } else {
                    i += entity.length();
                }
            } else {
                i++;
            }
        }
    }

    private static void wellFormed(SoftAssertions soft, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)
                    && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))) {
                soft.fail("half an emoji at %s in: %s", i, around(text, i));
            } else if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                soft.fail("half an emoji at %s in: %s", i, around(text, i));
            }
        }
    }

    private static List<JsonNode> textObjects(JsonNode json) {
        List<JsonNode> found = new ArrayList<>();
        collect(json, found);
        return found;
    }

    private static void collect(JsonNode node, List<JsonNode> found) {
        if (node.isObject()
                && node.path("text").isTextual()
                && node.path("type").isTextual()) {
            found.add(node);
        }
        node.forEach(child -> collect(child, found));
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String around(String text, int i) {
        return "…" + text.substring(Math.max(0, i - 40), Math.min(text.length(), i + 40)) + "…";
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
