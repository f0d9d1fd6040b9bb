package com.cebot.app;

import java.util.List;

/** The bot cannot start for a reason the admin can fix; each line says what and how. */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    // An array, not a List, so the exception's fields are serializable like the Throwable it is.
    private final String[] problems;

    public StartupException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems).toArray(String[]::new);
    }

    public StartupException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return List.of(problems);
    }
}
