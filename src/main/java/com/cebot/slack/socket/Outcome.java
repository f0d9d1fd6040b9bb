package com.cebot.slack.socket;

/** How an attempt to open a socket ended; {@code detail} is Slack's reason or the close code, if any. */
record Outcome(Kind kind, String detail) {

    enum Kind {
        HELLO,
        NOT_OPENED,
        CLOSED,
        DISCONNECTED,
        TIMEOUT,
        CANCELLED
    }

    static Outcome of(Kind kind) {
        return new Outcome(kind, null);
    }

    static Outcome of(Kind kind, String detail) {
        return new Outcome(kind, detail);
    }
}
