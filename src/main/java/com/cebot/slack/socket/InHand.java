package com.cebot.slack.socket;

import com.cebot.work.GiveWay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The envelopes taken from the sockets and not yet finished, over all sockets. Closing waits for
 * none, so that running handlers send their acks; work that gives way waits for none too, for a
 * moment at most ({@link #MOMENT}): in a burst of 500 shortcuts on 2 cores, the threads opening
 * their modals and running the queues took the CPU the rest of the burst needed for its acks.
 */
public final class InHand implements GiveWay {

    /** The longest work gives way: a small part of a trigger's 3 s to open a modal in. */
    public static final Duration MOMENT = Duration.ofMillis(250);

    private final AtomicInteger count = new AtomicInteger();
    private final Duration moment;

    /** @param moment the longest {@link #giveWay()} waits */
    public InHand(Duration moment) {
        this.moment = moment;
    }

    @Override
    public void giveWay() {
        awaitNone(moment);
    }

    /** Called by the dispatcher as it takes a frame (public for the tests of what waits on it). */
    public void taken() {
        count.incrementAndGet();
    }

    /** Called by the dispatcher as a frame is done with. */
    public void finished() {
        if (count.decrementAndGet() == 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    int count() {
        return count.get();
    }

    /**
     * Waits up to {@code timeout} for no envelope to be in hand.
     *
     * @return whether none is
     */
    public boolean awaitNone(Duration timeout) {
        if (count.get() == 0) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (count.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
