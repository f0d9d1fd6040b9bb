package com.cebot.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submissions accepted in one write, processed once, retried, and never lost across a restart. */
final class InboxTest {

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<String> processed = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private int failuresToThrow;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.open(dir);
        jdbi.useHandle(h -> h.execute("CREATE TABLE effect (what TEXT)"));
    }

    private Inbox inbox() {
        Inbox inbox = new Inbox(jdbi, clock, Duration.ofHours(1));
        inbox.register("form", new InboxHandler() {
            @Override
            public void process(Handle handle, InboxItem item) {
                handle.execute("INSERT INTO effect (what) VALUES (?)", item.payload());
                if (failuresToThrow-- > 0) {
                    throw new IllegalStateException("boom");
                }
                processed.add(item.payload());
            }

            @Override
            public void failed(Handle handle, InboxItem item, String error) {
                failed.add(item.payload() + ": " + error);
            }
        });
        return inbox;
    }

    private int effects() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM effect").mapTo(Integer.class).one());
    }

    @Test
    void sameDeliveryTwice_isAcceptedOnce_andProcessedOnce() {
        Inbox inbox = inbox();

        assertThat(inbox.accept("view:V1", "form", "U1", "a")).isTrue();
        assertThat(inbox.accept("view:V1", "form", "U1", "a")).isFalse();
        inbox.processDue();
        inbox.processDue();

        assertThat(processed).containsExactly("a");
        assertThat(effects()).isEqualTo(1);
    }

    @Test
    void acceptedBeforeARestart_isProcessedAfterIt() {
        inbox().accept("view:V1", "form", "U1", "a");

        inbox().processDue();

        assertThat(processed).containsExactly("a");
    }

    @Test
    void failingHandler_isRolledBack_andRetriedLater() {
        Inbox inbox = inbox();
        failuresToThrow = 1;
        inbox.accept("view:V1", "form", "U1", "a");

        inbox.processDue();
        assertThat(effects()).isZero();
        inbox.processDue();
        assertThat(processed).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        inbox.processDue();
        assertThat(processed).containsExactly("a");
        assertThat(effects()).isEqualTo(1);
    }

    @Test
    void handlerThatKeepsFailing_isGivenUp_andTheFailureIsHeard() {
        Inbox inbox = inbox();
        failuresToThrow = 100;
        inbox.accept("view:V1", "form", "U1", "a");

        for (int i = 0; i < 12; i++) {
            inbox.processDue();
            clock.advance(Duration.ofHours(1));
        }

        assertThat(failed).singleElement().satisfies(f -> assertThat(f).startsWith("a: ").contains("boom"));
        assertThat(effects()).isZero();
    }
}
