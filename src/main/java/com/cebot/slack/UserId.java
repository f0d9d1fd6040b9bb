package com.cebot.slack;

import java.util.regex.Pattern;

/**
 * Whether a user ID taken from a payload looks like one ({@code U…}, or {@code W…} on Enterprise
 * Grid: an upper-case letter and digits). A payload is only what it says: anything else would end
 * up inside a mention ({@code <@…>}) or name the conversation of a DM, so it is refused before it
 * gets that far. Every user ID read from a payload goes through here.
 */
public final class UserId {

    private static final Pattern SHAPE = Pattern.compile("[UW][A-Z0-9]{1,20}");

    private UserId() {}

    public static boolean looksLikeOne(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
