package com.cebot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ready means a socket that said hello and a store that answers in time; otherwise the reason why not. */
final class ReadinessTest {

    private static final Duration WAIT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private final ExecutorService reads = Executors.newFixedThreadPool(2);
    private final AtomicBoolean socketUp = new AtomicBoolean(true);

    @AfterEach
    void stop() throws InterruptedException {
        reads.shutdownNow();
        reads.awaitTermination(5, TimeUnit.SECONDS);
    }

    private Readiness readiness(Jdbi store) {
        return new Readiness(socketUp::get, store, WAIT, reads);
    }

    @Test
    void aSocketUp_andAStoreThatAnswers_isReady() {
        assertThat(readiness(TestDatabase.open(dir)).notReady()).isEmpty();
    }

    @Test
    void noSocket_isNotReady_whateverTheStore() {
        socketUp.set(false);

        assertThat(readiness(TestDatabase.open(dir)).notReady())
                .contains("the Socket Mode connection is down (no socket open that said hello)");
    }

    @Test
    void aStoreThatRefuses_isNotReady_andSaysHowInOneLine() {
        Jdbi refusing = Jdbi.create(() -> {
            throw new SQLException("[SQLITE_READONLY] attempt to write a readonly database");
        });

        assertThat(readiness(refusing).notReady())
                .hasValueSatisfying(why -> assertThat(why)
                        .startsWith("the store refused a trivial query: ")
                        .contains("SQLITE_READONLY")
                        .doesNotContain("\n"));
    }

    @Test
    void aStoreThatHangs_isNotReadyWithinTheWait_holdsOneReadOnly_andIsReadyOnceItAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        Jdbi hanging = Jdbi.create(() -> {
            asked.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("other.db"));
        });
        Readiness readiness = readiness(hanging);

        long started = System.nanoTime();
        assertThat(readiness.notReady()).contains("the store did not answer within 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("within Slack's 3 s, as a liveness bound")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(readiness.notReady()).contains("the store did not answer within 200 ms");
        assertThat(asked).as("the second probe joined the read under way").hasValue(1);

        release.countDown();
        Await.until(
                Duration.ofSeconds(10),
                "the store's answer",
                () -> readiness.notReady().isEmpty());
    }
}
