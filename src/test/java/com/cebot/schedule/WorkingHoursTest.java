package com.cebot.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.config.BotConfig;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** March 2026: Monday the 2nd; US clocks go forward on Sunday the 8th, European ones on the 29th. */
final class WorkingHoursTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final Set<DayOfWeek> MONDAY_TO_FRIDAY = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static WorkingHours workingHours(Set<DayOfWeek> days, int reminderHour) {
        return new WorkingHours(
                new BotConfig.Schedule(LOS_ANGELES, LocalTime.of(9, 0), LocalTime.of(17, 0), days, reminderHour));
    }

    private final WorkingHours team = workingHours(MONDAY_TO_FRIDAY, 9);

    @Nested
    final class PlusWorkingHours {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiterString = "|", textBlock = """
                within a day                   | America/Los_Angeles | 2026-03-02T10:00 | PT4H  | 2026-03-02T14:00
                ends exactly at closing        | America/Los_Angeles | 2026-03-02T13:00 | PT4H  | 2026-03-02T17:00
                crossing the evening           | America/Los_Angeles | 2026-03-02T15:00 | PT4H  | 2026-03-03T11:00
                over the weekend               | America/Los_Angeles | 2026-02-27T15:00 | PT4H  | 2026-03-02T11:00
                starting at night              | America/Los_Angeles | 2026-03-03T22:00 | PT2H  | 2026-03-04T11:00
                starting before opening        | America/Los_Angeles | 2026-03-04T06:30 | PT1H  | 2026-03-04T10:00
                starting on Saturday           | America/Los_Angeles | 2026-02-28T12:00 | PT3H  | 2026-03-02T12:00
                nothing to add on Saturday     | America/Los_Angeles | 2026-02-28T12:00 | PT0S  | 2026-03-02T09:00
                two full days                  | America/Los_Angeles | 2026-03-02T09:00 | PT16H | 2026-03-03T17:00
                a working week                 | America/Los_Angeles | 2026-02-27T09:00 | PT40H | 2026-03-05T17:00
                into the spring-forward week   | America/Los_Angeles | 2026-03-06T15:00 | PT4H  | 2026-03-09T11:00
                across the spring-forward week | America/Los_Angeles | 2026-03-05T09:00 | PT24H | 2026-03-09T17:00
                out of the fall-back weekend   | America/Los_Angeles | 2026-10-30T16:00 | PT2H  | 2026-11-02T10:00
                in a user's zone               | Asia/Kolkata        | 2026-03-02T16:30 | PT1H  | 2026-03-03T09:30
                """)
        void countsOnlyWorkingTime(
                String name, ZoneId zone, LocalDateTime from, Duration amount, LocalDateTime expected) {
            Instant result = team.plusWorkingHours(from.atZone(zone).toInstant(), amount, zone);

            assertThat(result.atZone(zone).toLocalDateTime()).as(name).isEqualTo(expected);
        }

        @Test
        void springForward_isCountedInLocalHours_notElapsedWeekendTime() {
            // Friday 15:00 PST is 23:00Z; Monday 11:00 PDT is 18:00Z, one hour sooner than a fixed offset gives.
            Instant from = Instant.parse("2026-03-06T23:00:00Z");

            Instant result = team.plusWorkingHours(from, Duration.ofHours(4), LOS_ANGELES);

            assertThat(result).isEqualTo(Instant.parse("2026-03-09T18:00:00Z"));
        }

        @Test
        void negativeAmount_isRefused() {
            assertThatThrownBy(() -> team.plusWorkingHours(Instant.EPOCH, Duration.ofHours(-1), LOS_ANGELES))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    final class Days {

        @ParameterizedTest(name = "needed by {0} -> {1}")
        @CsvSource(delimiterString = "|", textBlock = """
                2026-03-09 | 2026-03-06T17:00:00Z
                2026-03-10 | 2026-03-09T16:00:00Z
                2026-03-08 | 2026-03-06T17:00:00Z
                2026-03-04 | 2026-03-03T17:00:00Z
                """)
        void startOfPreviousWorkingDay_isWorkdayStartLocally(LocalDate neededBy, Instant expected) {
            // Monday -> Friday 09:00 PST; Tuesday -> Monday 09:00 PDT; Sunday -> Friday; midweek -> the day before.
            assertThat(team.startOfPreviousWorkingDay(neededBy, LOS_ANGELES)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} in {1} -> {2}")
        @CsvSource(delimiterString = "|", textBlock = """
                2026-03-06 | America/Los_Angeles | 2026-03-06T17:00:00Z
                2026-03-09 | America/Los_Angeles | 2026-03-09T16:00:00Z
                2026-03-27 | Europe/Berlin       | 2026-03-27T08:00:00Z
                2026-03-30 | Europe/Berlin       | 2026-03-30T07:00:00Z
                2026-03-02 | Asia/Kolkata        | 2026-03-02T03:30:00Z
                """)
        void atReminderHour_isThatHourInTheUsersZone(LocalDate day, ZoneId zone, Instant expected) {
            assertThat(team.atReminderHour(day, zone)).isEqualTo(expected);
        }

        @Test
        void reminderHourSkippedBySpringForward_movesToTheNextHour() {
            WorkingHours twoAm = workingHours(MONDAY_TO_FRIDAY, 2);

            Instant result = twoAm.atReminderHour(LocalDate.of(2026, 3, 8), LOS_ANGELES);

            assertThat(result.atZone(LOS_ANGELES).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
        }

        @ParameterizedTest(name = "after {0} -> {1}")
        @CsvSource(delimiterString = "|", textBlock = """
                2026-03-02 | 2026-03-03
                2026-03-06 | 2026-03-09
                2026-03-07 | 2026-03-09
                """)
        void nextWorkingDay_skipsTheWeekend(LocalDate day, LocalDate expected) {
            assertThat(team.nextWorkingDay(day)).isEqualTo(expected);
        }

        @Test
        void workingDays_followTheSettings() {
            WorkingHours sundayToThursday = workingHours(
                    EnumSet.of(
                            DayOfWeek.SUNDAY,
                            DayOfWeek.MONDAY,
                            DayOfWeek.TUESDAY,
                            DayOfWeek.WEDNESDAY,
                            DayOfWeek.THURSDAY),
                    9);

            assertThat(sundayToThursday.isWorkingDay(LocalDate.of(2026, 3, 6)))
                    .as("Friday")
                    .isFalse();
            assertThat(sundayToThursday.isWorkingDay(LocalDate.of(2026, 3, 8)))
                    .as("Sunday")
                    .isTrue();
            assertThat(sundayToThursday.nextWorkingDay(LocalDate.of(2026, 3, 5)))
                    .isEqualTo(LocalDate.of(2026, 3, 8));
            assertThat(sundayToThursday.startOfPreviousWorkingDay(LocalDate.of(2026, 3, 8), LOS_ANGELES))
                    .isEqualTo(Instant.parse("2026-03-05T17:00:00Z"));
        }

        @Test
        void scheduleWithoutWorkingDays_isRefused() {
            assertThatThrownBy(() -> workingHours(EnumSet.noneOf(DayOfWeek.class), 9))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    final class Between {

        private Instant at(String localDateTime) {
            return LocalDateTime.parse(localDateTime).atZone(LOS_ANGELES).toInstant();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "same morning,             2026-11-23T10:00, 2026-11-23T10:25, PT25M",
            "over the evening,         2026-11-23T16:30, 2026-11-24T09:30, PT1H",
            "Friday evening to Monday, 2026-11-27T18:00, 2026-11-30T09:00, PT0S",
            "before opening,           2026-11-23T07:00, 2026-11-23T09:15, PT15M",
            "a whole week,             2026-11-23T09:00, 2026-11-30T09:00, PT40H",
            "backwards,                2026-11-23T10:00, 2026-11-23T09:00, PT0S"
        })
        void countsOnlyWorkingTime(String name, String from, String to, Duration expected) {
            assertThat(team.between(at(from), at(to), LOS_ANGELES)).isEqualTo(expected);
        }

        @Test
        void isTheInverseOfPlusWorkingHours() {
            Instant from = at("2026-11-25T15:10");
            Duration amount = Duration.ofMinutes(437);

            assertThat(team.between(from, team.plusWorkingHours(from, amount, LOS_ANGELES), LOS_ANGELES))
                    .isEqualTo(amount);
        }
    }
}
