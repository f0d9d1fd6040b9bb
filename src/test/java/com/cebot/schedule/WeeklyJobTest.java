package com.cebot.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

final class WeeklyJobTest {

    /** Mondays at 9:00 in Los Angeles, which is 17:00 UTC in November. */
    private final WeeklyJob week =
            new WeeklyJob(null, "test.weekly", "test-weekly", DayOfWeek.MONDAY, 9, ZoneId.of("America/Los_Angeles"));

    @Test
    void next_isTheComingDayAndHour_inTheTeamsZone() {
        assertThat(week.next(Instant.parse("2026-11-11T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-16T17:00:00Z"));
    }

    @Test
    void next_onTheDayBeforeTheHour_isThatDay() {
        assertThat(week.next(Instant.parse("2026-11-16T16:59:59Z"))).isEqualTo(Instant.parse("2026-11-16T17:00:00Z"));
    }

    @Test
    void next_atOrAfterTheHour_isAWeekLater() {
        assertThat(week.next(Instant.parse("2026-11-16T17:00:00Z"))).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
        assertThat(week.next(Instant.parse("2026-11-16T20:00:00Z"))).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
    }
}
