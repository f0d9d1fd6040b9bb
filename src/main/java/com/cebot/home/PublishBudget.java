package com.cebot.home;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The views.publish calls Home may make now. Slack allows a Tier 4 method about 100 calls a minute:
 * a bucket of {@link #BURST} calls refilled at {@link #PER_MINUTE} a minute never makes more than
 * their sum, 100, in any minute, and still lets the few Homes one change concerns go at once. The
 * last {@link #RESERVE} calls are kept for Homes someone opened or a change concerns: a change every
 * Home shows spreads only while more are left, so it never holds up a new request on its way to the
 * head of support. A 429 stops every call for as long as Slack asks.
 */
final class PublishBudget {

    static final int BURST = 30;
    static final int PER_MINUTE = 70;
    static final int RESERVE = 10;
    private static final double PER_NANO =
            PER_MINUTE / (double) Duration.ofMinutes(1).toNanos();
    /** What a refill's rounding may leave short of a whole call. */
    private static final double ROUNDING = 1e-6;

    private final Clock clock;
    private double calls = BURST;
    private Instant counted;
    private Instant pausedUntil = Instant.MIN;

    PublishBudget(Clock clock) {
        this.clock = clock;
        this.counted = clock.instant();
    }

    /** Whether a call may be made now for a Home someone looks at or a change concerns ({@code urgent}), or not. */
    boolean allows(boolean urgent) {
        return waitFor(urgent).isZero();
    }

    /** How long until {@link #allows} would say yes. */
    Duration waitFor(boolean urgent) {
        Instant now = refill();
        double missing = (urgent ? 1 : 1 + RESERVE) - calls;
        Duration refill = missing <= ROUNDING ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(missing / PER_NANO));
        return now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil).plus(refill) : refill;
    }

    /** One call made. */
    void spend() {
        refill();
        calls = Math.max(0, calls - 1);
    }

    /**
     * Slack asked to wait (a 429's Retry-After) or could not be reached: no call for {@code wait};
     * then one, and the rest at the refill's pace.
     */
    void pause(Duration wait) {
        Instant now = refill();
        pausedUntil = now.plus(wait);
        calls = Math.min(calls, 1);
    }

    private Instant refill() {
        Instant now = clock.instant();
        if (now.isAfter(counted)) {
            // Nothing builds up during a pause: only from its end on.
            Instant resumed = now.isBefore(pausedUntil) ? now : pausedUntil;
            Instant from = counted.isAfter(resumed) ? counted : resumed;
            calls = Math.min(BURST, calls + Duration.between(from, now).toNanos() * PER_NANO);
            counted = now;
        }
        return now;
    }
}
