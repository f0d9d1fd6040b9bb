package com.cebot.slack;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns text into Slack mrkdwn that shows exactly what was typed.
 *
 * <p>Slack reads {@code &}, {@code <} and {@code >} as control characters: {@code <!channel>},
 * {@code <!here>}, {@code <!subteam^S1>}, {@code <@U1>} and {@code <https://x|label>} all notify
 * or link. Escaping those three characters, and nothing else, makes user text render as typed and
 * stops anyone from making the bot ping a channel, a group or a person, or from disguising a link.
 */
public final class Mrkdwn {

    private static final String ELLIPSIS = "…";
    private static final List<String> ENTITIES = List.of("&amp;", "&lt;", "&gt;");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
    private static final Pattern WEB_URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);

    private Mrkdwn() {}

    /** Escapes {@code &}, {@code <} and {@code >}; {@code null} becomes the empty string. */
    public static String escape(String userText) {
        if (userText == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(userText.length() + 16);
        for (int i = 0; i < userText.length(); i++) {
            char c = userText.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final Pattern CONTROL = Pattern.compile("<([^<>|]*)(?:\\|([^<>]*))?>");

    /**
     * Message text from Slack as a person reads it, for plain-text fields: mentions become
     * {@code @name} (or {@code @U…} when Slack sent no name), channels {@code #name}, links
     * {@code label (url)}, dates their fallback, and entities are unescaped. Nothing in the result
     * is a control sequence any more; escape it again wherever it is shown as mrkdwn.
     */
    public static String readable(String slackText) {
        if (slackText == null) {
            return "";
        }
        Matcher m = CONTROL.matcher(slackText);
        StringBuilder out = new StringBuilder(slackText.length());
        int last = 0;
        while (m.find()) {
            out.append(unescape(slackText.substring(last, m.start())));
            out.append(readableSequence(unescape(m.group(1)), m.group(2) == null ? null : unescape(m.group(2))));
            last = m.end();
        }
        return out.append(unescape(slackText.substring(last))).toString();
    }

    private static String readableSequence(String target, String label) {
        if (target.startsWith("@") || target.startsWith("#")) {
            return label == null ? target : target.charAt(0) + (label.startsWith("@") ? label.substring(1) : label);
        }
        if (target.startsWith("!subteam^")) {
            return label == null ? "@group" : (label.startsWith("@") ? label : "@" + label);
        }
        if (target.startsWith("!date^")) {
            return label == null ? "" : label;
        }
        if (target.startsWith("!")) {
            String special = target.substring(1);
            return "@" + (special.contains("^") ? special.substring(0, special.indexOf('^')) : special);
        }
        return label == null || label.equals(target) ? target : label + " (" + target + ")";
    }

    /**
     * Reverses {@link #escape}. Message text that Slack delivers is already escaped, so text that
     * will be shown again must go through here first, or {@code &lt;} would come out as
     * {@code &amp;lt;}. A single left-to-right pass keeps {@code &amp;lt;} as the literal
     * {@code &lt;} it stands for. Real control sequences in the message ({@code <@U1>}) are left
     * as they are; escaping them again afterwards is what keeps them from pinging.
     */
    public static String unescape(String slackText) {
        if (slackText == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(slackText.length());
        int i = 0;
        while (i < slackText.length()) {
            if (slackText.startsWith("&amp;", i)) {
                out.append('&');
                i += 5;
            } else if (slackText.startsWith("&lt;", i)) {
                out.append('<');
                i += 4;
            } else if (slackText.startsWith("&gt;", i)) {
                out.append('>');
                i += 4;
            } else {
                out.append(slackText.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Escapes the text and puts every line in a block quote. Because each line is escaped, a line
     * that starts with {@code >} cannot end the quote early. Pass plain text: run a message that
     * came from Slack through {@link #unescape} first.
     */
    public static String quote(String text) {
        String[] lines = LINE_BREAK.split(text == null ? "" : text, -1);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("> ").append(escape(line));
        }
        return out.toString();
    }

    /**
     * User text for a plain_text object (headers, titles). Slack does not promise that plain_text
     * ignores {@code <!channel>}-style sequences, and entities would show literally there, so the
     * angle brackets become look-alike guillemets instead.
     */
    public static String plain(String userText) {
        return userText == null ? "" : userText.replace('<', '‹').replace('>', '›');
    }

    /**
     * Shortens text to at most {@code max} chars, ending in "…" when something was cut. The cut
     * never splits a surrogate pair (an emoji would turn into a broken glyph) nor an entity that
     * {@link #escape} wrote ({@code &amp;} cut to {@code &am} would show as garbage).
     */
    public static String truncate(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int cut = max - ELLIPSIS.length();
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        cut = beforeSplitEntity(text, cut);
        return text.substring(0, cut) + ELLIPSIS;
    }

    private static int beforeSplitEntity(String text, int cut) {
        int ampersand = text.lastIndexOf('&', cut - 1);
        if (ampersand < 0 || cut - ampersand >= "&amp;".length()) {
            return cut;
        }
        for (String entity : ENTITIES) {
            if (text.startsWith(entity, ampersand) && ampersand + entity.length() > cut) {
                return ampersand;
            }
        }
        return cut;
    }

    /**
     * A link the bot builds itself: {@code <url|label>}. The label is escaped so it cannot close
     * the link or add a mention. In the URL, {@code |}, {@code <} and {@code >} would end or split
     * the link, so they are percent-encoded; {@code &} is written as {@code &amp;}, the way Slack
     * itself sends URLs in message text. Only http(s) URLs without whitespace are accepted:
     * anything else here is a programming error. A blank label gives a bare {@code <url>}.
     *
     * @throws IllegalArgumentException if the URL is not an http(s) URL or contains whitespace
     */
    public static String link(String url, String label) {
        if (url == null || !WEB_URL.matcher(url).matches()) {
            throw new IllegalArgumentException("Not an http(s) URL: " + truncate(url, 80));
        }
        StringBuilder out = new StringBuilder("<");
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case '|', '<', '>' -> out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        if (label != null && !label.isBlank()) {
            out.append('|').append(escape(label));
        }
        return out.append('>').toString();
    }
}
