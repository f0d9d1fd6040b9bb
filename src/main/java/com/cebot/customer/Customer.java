package com.cebot.customer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** A customer named in a Support Ticket form. */
public record Customer(long id, String name) {

    /** Case and spacing folded, so "ACME  Corp" and "Acme Corp" are one customer. */
    public static String key(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * The key from each of its later words on, which the typeahead finds by their start: "big acme
     * corp" gives "acme corp" and "corp". A word starts after any character but a-z and 0-9, except
     * at a space; the migration that made {@code customer_word} applies the same rule, by code point
     * as SQLite counts characters.
     */
    static List<String> laterWords(String key) {
        LinkedHashSet<String> tails = new LinkedHashSet<>();
        int previous = -1;
        for (int at = 0; at < key.length(); at += Character.charCount(key.codePointAt(at))) {
            int c = key.codePointAt(at);
            if (previous != -1 && !isAsciiLetterOrDigit(previous) && c != ' ') {
                tails.add(key.substring(at));
            }
            previous = c;
        }
        return List.copyOf(tails);
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
