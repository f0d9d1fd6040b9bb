package com.cebot.db;

/** The database cannot be used as configured; the message names CEBOT_DB_URL and what to do. */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message) {
        super(message);
    }
}
