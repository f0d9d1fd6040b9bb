package com.cebot.slack;

/**
 * What a person typed, made fit to store and show. Slack passes on whatever a client sends, so a
 * field may hold control characters, unpaired surrogates, direction overrides or only invisible
 * characters. Cleaning removes what nobody means to type and what can garble the bot's own text
 * around it (a right-to-left override reverses everything after it on the line), and keeps what
 * people do type: letters of every script, emoji with their joiners, line breaks and tabs, the
 * right-to-left and left-to-right marks. Text that shows nothing at all is empty, so "required"
 * cannot be met with spaces, no-break spaces or zero-width characters.
 */
public final class TypedText {

    private TypedText() {}

    /** The cleaned text, stripped at both ends; empty when nothing visible is left. */
    public static String clean(String typed) {
        if (typed == null) {
            return "";
        }
        String text = typed.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(text.length());
        boolean visible = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
                visible = true;
                continue;
            }
            if (Character.isSurrogate(c) || isDropped(c)) {
                continue;
            }
            out.append(c);
            visible |= !isBlank(c);
        }
        return visible ? strip(out) : "";
    }

    /** Controls other than line break and tab, and the embeddings, overrides and isolates of bidi text. */
    private static boolean isDropped(char c) {
        return (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t')
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** Shows nothing: white space of any kind (no-break spaces too) and invisible format characters. */
    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    private static String strip(StringBuilder text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
