package com.cebot.home;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** views.publish within Slack's Tier 4 (about 100 a minute), with calls kept for the Homes that matter most. */
final class PublishBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T17:00:00Z"));
    private final PublishBudget budget = new PublishBudget(clock);

    private int spendWhileAllowed(boolean urgent) {
        int spent = 0;
        while (budget.allows(urgent)) {
            budget.spend();
            spent++;
        }
        return spent;
    }

    @Test
    void aBurst_goesAtOnce_upToTheBucket_thenAtTheRefillsPace() {
        assertThat(spendWhileAllowed(true)).isEqualTo(PublishBudget.BURST);
        assertThat(budget.waitFor(true))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(1)
                        .dividedBy(PublishBudget.PER_MINUTE)
                        .plusNanos(1));

        clock.advance(budget.waitFor(true));

        assertThat(spendWhileAllowed(true)).isEqualTo(1);
    }

    @Test
    void whatEveryHomeShows_leavesTheReserve_forWhoOpenedHomeAndWhomAChangeConcerns() {
        assertThat(spendWhileAllowed(false)).isEqualTo(PublishBudget.BURST - PublishBudget.RESERVE);

        assertThat(budget.allows(false)).isFalse();
        assertThat(spendWhileAllowed(true)).isEqualTo(PublishBudget.RESERVE);
    }

    @Test
    void neverMoreThan100InAnyMinute_however_theCallsCome() {
        Deque<Instant> lastMinute = new ArrayDeque<>();
        int most = 0;
        for (int tick = 0; tick < 20 * 60 * 10; tick++) {
            boolean urgent = tick % 3 != 0;
            while (budget.allows(urgent)) {
                budget.spend();
                lastMinute.addLast(clock.instant());
            }
            Instant minuteAgo = clock.instant().minus(Duration.ofMinutes(1));
            while (!lastMinute.isEmpty() && !lastMinute.peekFirst().isAfter(minuteAgo)) {
                lastMinute.removeFirst();
            }
            most = Math.max(most, lastMinute.size());
            clock.advance(Duration.ofMillis(100));
        }

        assertThat(most).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(PublishBudget.PER_MINUTE);
    }

    @Test
    void aRateLimit_stopsEveryCall_forAsLongAsSlackAsks_thenOneGoes() {
        budget.pause(Duration.ofSeconds(30));

        assertThat(budget.allows(true)).isFalse();
        assertThat(budget.waitFor(true)).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(budget.allows(true)).isFalse();

        clock.advance(Duration.ofSeconds(1));

        assertThat(spendWhileAllowed(true)).isEqualTo(1);
    }

    @Test
    void nothingBuildsUpDuringAPause() {
        budget.pause(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));

        assertThat(spendWhileAllowed(true)).isEqualTo(1);
        assertThat(budget.allows(false)).isFalse();
    }
}
