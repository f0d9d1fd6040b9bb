package com.cebot.slack;

/** A Web API call answered ok:false where the caller cannot go on. */
public final class SlackApiErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlackApiErrorException(String method, String error) {
        super(method + " failed: " + error);
    }
}
