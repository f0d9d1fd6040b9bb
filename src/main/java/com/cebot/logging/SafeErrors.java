package com.cebot.logging;

import com.fasterxml.jackson.core.JacksonException;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/**
 * Describes a failure without what people typed. Logs and stored errors are read by operators,
 * and exception messages echo their input: Jackson quotes the JSON it choked on, a
 * NumberFormatException the text it could not read. So only messages known to hold no user text
 * are kept (our own, Slack's, the database's with JDBI's bound values left out, I/O); any other
 * exception is named by its type and the place in our code where it was thrown (or, with none of
 * ours on its stack, the place in the library).
 */
public final class SafeErrors {

    private static final String OURS = "com.cebot.";

    private SafeErrors() {}

    /** One line: the failure and, where it is safe, its message; causes follow after "caused by". */
    public static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                out.append("; caused by ");
            }
            out.append(one(t));
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }

    /**
     * A copy of the failure with every message replaced by {@link #describe}'s safe wording and the
     * original stack traces kept, for logging a stack trace that cannot leak typed text.
     */
    public static Throwable scrubbed(Throwable failure) {
        Throwable cause =
                failure.getCause() == null || failure.getCause() == failure ? null : scrubbed(failure.getCause());
        Scrubbed copy = new Scrubbed(one(failure), cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    private static String one(Throwable t) {
        String type = t.getClass().getSimpleName().isEmpty()
                ? t.getClass().getName()
                : t.getClass().getSimpleName();
        if (t instanceof Scrubbed) {
            return t.getMessage();
        }
        if (t instanceof JacksonException json) {
            var at = json.getLocation();
            return at == null ? type : type + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        if (safeMessage(t) && t.getMessage() != null) {
            return type + ": " + t.getMessage();
        }
        return type + where(t);
    }

    /**
     * Messages that never hold typed text: ours (they name ids and settings), Slack's (error codes
     * and HTTP statuses), the database's (JDBI is set to leave bound values out) and I/O's.
     */
    private static boolean safeMessage(Throwable t) {
        return t.getClass().getName().startsWith(OURS)
                || t instanceof SlackApiException
                || t instanceof IOException
                || t instanceof SQLException
                || t instanceof JdbiException;
    }

    /**
     * The place in our code the failure came through; where none of ours is on its stack (a
     * library's own thread), the place it was thrown.
     */
    private static String where(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith(OURS)) {
                return at(frame);
            }
        }
        return frames.length == 0 ? "" : at(frames[0]);
    }

    private static String at(StackTraceElement frame) {
        return " at " + (frame.getFileName() == null ? frame.getClassName() : frame.getFileName()) + ":"
                + frame.getLineNumber();
    }

    /** Stands in for a failure whose message could not be shown. */
    private static final class Scrubbed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Scrubbed(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
