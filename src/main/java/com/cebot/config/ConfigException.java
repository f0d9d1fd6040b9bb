package com.cebot.config;

import java.util.List;

/** A user's configuration mistake: one line per problem, each naming the setting and the fix. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // An array, not a List, so the exception's fields are serializable like the Throwable it is.
    private final String[] problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems).toArray(String[]::new);
    }

    public List<String> problems() {
        return List.of(problems);
    }
}
