package com.cebot.slack;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person or a user group as the workspace lookup writes a mention of them from the settings:
 * {@code <@U…>} or {@code <!subteam^S…>}. Whoever was handed such a mention reads it back here.
 */
public sealed interface Mention {

    record User(String id) implements Mention {}

    record Group(String id) implements Mention {}

    /** Whom a whole mention names; empty when it is neither a person's nor a group's. Read at start. */
    static Optional<Mention> of(String mention) {
        Matcher user = Pattern.compile("<@([UW][A-Z0-9]+)>").matcher(mention);
        if (user.matches()) {
            return Optional.of(new User(user.group(1)));
        }
        Matcher group =
                Pattern.compile("<!subteam\\^(S[A-Z0-9]+)(?:\\|[^>]*)?>").matcher(mention);
        return group.matches() ? Optional.of(new Group(group.group(1))) : Optional.empty();
    }

    /** The people mentioned in a text of mentions, in order. Read at start. */
    static List<String> users(String text) {
        return Pattern.compile("<@([UW][A-Z0-9]+)>")
                .matcher(text)
                .results()
                .map(m -> m.group(1))
                .toList();
    }
}
