package com.cebot.config;

import java.util.List;

/** A user's configuration mistake: one line per problem, each naming the setting and the fix. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
