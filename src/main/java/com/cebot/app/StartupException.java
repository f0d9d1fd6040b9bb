package com.cebot.app;

import java.util.List;

/** The bot cannot start for a reason the admin can fix; each line says what and how. */
public final class StartupException extends Exception {
    private final List<String> problems;

    public StartupException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public StartupException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
