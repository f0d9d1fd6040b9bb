package com.cebot.slack.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class InHandTest {

    private final InHand inHand = new InHand(InHand.MOMENT);

    @Test
    void noneInHand_isNoWait() {
        assertThat(inHand.awaitNone(Duration.ZERO)).isTrue();
        inHand.taken();
        inHand.finished();
        assertThat(inHand.awaitNone(Duration.ZERO)).isTrue();
    }

    @Test
    void aWaiter_isWokenWhenTheLastEnvelopeFinishes() throws Exception {
        inHand.taken();
        inHand.taken();
        CompletableFuture<Boolean> none = CompletableFuture.supplyAsync(() -> inHand.awaitNone(Duration.ofMinutes(1)));

        inHand.finished();
        assertThat(inHand.count()).isEqualTo(1);
        inHand.finished();

        assertThat(none.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(inHand.count()).isZero();
    }

    @Test
    void aWaiter_givesUpAfterItsTimeout_whileOneIsStillInHand() {
        inHand.taken();

        assertThat(inHand.awaitNone(Duration.ofMillis(50))).isFalse();
        assertThat(inHand.count()).isEqualTo(1);
    }
}
