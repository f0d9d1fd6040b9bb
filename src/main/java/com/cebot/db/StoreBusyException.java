package com.cebot.db;

/** The store could not take a write within the time the caller had (Slack's 3-second ack). */
public final class StoreBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreBusyException(String message) {
        super(message);
    }
}
