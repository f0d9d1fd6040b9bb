package com.cebot.ops;

import com.cebot.logging.SafeErrors;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether the bot can take work now: its Socket Mode connection is open and Slack said hello on it,
 * and the store answers a trivial query within a short time. Either one missing and envelopes are
 * lost, or acked with "not saved, try again".
 */
final class Readiness {

    private final BooleanSupplier socketUp;
    private final OneRead<Integer> storeAnswers;
    private final Duration storeWait;

    /**
     * @param socketUp true while a socket that said hello is open
     * @param storeWait how long a probe waits for the store's answer
     * @param reads where the store is asked, off the probe's thread
     */
    Readiness(BooleanSupplier socketUp, Jdbi store, Duration storeWait, Executor reads) {
        this.socketUp = socketUp;
        // Any SQL database answers this, and it needs no table.
        this.storeAnswers = new OneRead<>(
                () -> store.withHandle(
                        h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()),
                reads);
        this.storeWait = storeWait;
    }

    /** Empty when ready; else why not, in a few words for the probe's answer. */
    Optional<String> notReady() {
        if (!socketUp.getAsBoolean()) {
            return Optional.of("the Socket Mode connection is down (no socket open that said hello)");
        }
        OneRead.Result<Integer> answer = storeAnswers.within(storeWait);
        if (answer instanceof OneRead.Result.Failed<Integer> failed) {
            return Optional.of("the store refused a trivial query: " + SafeErrors.describe(failed.cause()));
        }
        if (answer instanceof OneRead.Result.NoAnswerYet<Integer>) {
            return Optional.of("the store did not answer within " + storeWait.toMillis() + " ms");
        }
        return Optional.empty();
    }
}
