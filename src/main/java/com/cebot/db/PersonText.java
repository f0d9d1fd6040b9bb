package com.cebot.db;

import java.util.regex.Pattern;

/**
 * Whether stored text names a person by their Slack user ID. SQL finds the candidates with
 * {@code instr}; this tells {@code U0CE1} in {@code <@U0CE1>}, a JSON value or a key from the
 * {@code U0CE1} inside {@code U0CE12}, so forgetting one person never touches another's rows.
 */
public final class PersonText {

    private PersonText() {}

    public static boolean names(String text, String userId) {
        return text != null
                && text.contains(userId)
                && Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(userId) + "(?![A-Za-z0-9])")
                        .matcher(text)
                        .find();
    }
}
