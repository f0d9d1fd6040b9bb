package com.cebot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures are described without the text that caused them. */
final class SafeErrorsTest {

    private static final String TYPED = "Acme's secret renewal plan";

    @Test
    void aParseFailure_isNamedByTypeAndPlace_notByWhatItCouldNotRead() {
        Exception e = catching(() -> Integer.parseInt(TYPED));

        assertThat(SafeErrors.describe(e))
                .isEqualTo("NumberFormatException at SafeErrorsTest.java:" + line(e))
                .doesNotContain(TYPED);
    }

    @Test
    void aJsonFailure_keepsOnlyWhereInTheText() {
        Exception e = catching(() -> new ObjectMapper().readTree("{\"a\": " + TYPED + "}"));

        assertThat(SafeErrors.describe(e))
                .startsWith("JsonParseException at line 1, column")
                .doesNotContain(TYPED);
    }

    @Test
    void aDatabaseFailure_keepsTheDatabasesWords_butNotTheValuesItWasGiven(@TempDir Path dir) {
        Jdbi jdbi = TestDatabase.open(dir);
        Exception e = catching(() -> jdbi.useHandle(
                h -> h.createUpdate("INSERT INTO customer (name, name_key, created_at) VALUES (:name, NULL, :name)")
                        .bind("name", TYPED)
                        .execute()));

        assertThat(SafeErrors.describe(e))
                .contains(
                        TestDatabase.postgresql()
                                ? "null value in column \"name_key\" of relation \"customer\""
                                : "NOT NULL constraint failed: customer.name_key")
                .doesNotContain(TYPED);
    }

    @Test
    void aFailureWithNoneOfOurCodeOnItsStack_isPlacedWhereTheLibraryThrewIt() {
        IllegalStateException e = new IllegalStateException(TYPED);
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "org.glassfish.tyrus.client.ClientManager", "connectToServer", "ClientManager.java", 512),
            new StackTraceElement("java.lang.Thread", "run", "Thread.java", 833)
        });

        assertThat(SafeErrors.describe(e)).isEqualTo("IllegalStateException at ClientManager.java:512");
    }

    @Test
    void aListenersFailure_namesEveryCause_withoutTheTextAnyOfThemQuotes() {
        Exception e = catching(() -> {
            throw new IllegalStateException(TYPED, new IllegalArgumentException(TYPED));
        });

        assertThat(SafeErrors.describe(e))
                .isEqualTo("IllegalStateException at SafeErrorsTest.java:" + line(e)
                        + "; caused by IllegalArgumentException at SafeErrorsTest.java:" + line(e));
    }

    @Test
    void aScrubbedCopy_keepsTheStackTrace_withoutTheMessages() {
        Exception e = catching(() -> {
            throw new IllegalStateException("outer", new IllegalArgumentException(TYPED));
        });

        StringWriter trace = new StringWriter();
        SafeErrors.scrubbed(e).printStackTrace(new PrintWriter(trace));

        assertThat(trace.toString())
                .contains("IllegalStateException at SafeErrorsTest.java", "SafeErrorsTest.java:")
                .contains("Caused by: IllegalArgumentException")
                .doesNotContain(TYPED);
    }

    @FunctionalInterface
    private interface Failing {
        void run() throws Exception;
    }

    private static Exception catching(Failing failing) {
        try {
            failing.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("nothing was thrown");
    }

    private static int line(Exception e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("com.cebot.")) {
                return frame.getLineNumber();
            }
        }
        return -1;
    }
}
