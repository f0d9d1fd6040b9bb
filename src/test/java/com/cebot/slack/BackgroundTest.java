package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.socket.InHand;
import com.cebot.testing.Await;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Work after an ack gives way to the envelopes in hand, for a moment at most. */
final class BackgroundTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aTask_waitsForTheEnvelopesInHand_andRunsAsTheyFinish() throws InterruptedException {
        InHand inHand = new InHand(Duration.ofMinutes(1));
        try (Background background = new Background(2, 10, inHand)) {
            inHand.taken();
            inHand.taken();
            CountDownLatch ran = new CountDownLatch(1);

            assertThat(background.submit("open a modal", ran::countDown)).isTrue();
            Await.until(
                    WAIT, "the after-ack thread waiting for the envelopes in hand", BackgroundTest::waitingOnInHand);
            inHand.finished();
            assertThat(waitingOnInHand()).isTrue();
            assertThat(ran.getCount()).isEqualTo(1);
            inHand.finished();

            assertThat(ran.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Test
    void aTask_runsAfterItsMoment_whenEnvelopesStayInHand() throws InterruptedException {
        Duration moment = Duration.ofMillis(100);
        InHand inHand = new InHand(moment);
        try (Background background = new Background(2, 10, inHand)) {
            inHand.taken();
            CountDownLatch ran = new CountDownLatch(1);
            long submitted = System.nanoTime();

            background.submit("open a modal", ran::countDown);

            assertThat(ran.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - submitted)).isGreaterThanOrEqualTo(moment);
        }
    }

    /** Whether an after-ack thread is parked in {@link InHand#awaitNone}. */
    private static boolean waitingOnInHand() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("after-ack-"))
                .filter(e -> e.getKey().getState() == Thread.State.TIMED_WAITING)
                .anyMatch(e -> Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().equals(InHand.class.getName())
                                && f.getMethodName().equals("awaitNone")));
    }
}
