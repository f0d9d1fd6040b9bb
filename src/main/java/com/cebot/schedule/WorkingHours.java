package com.cebot.schedule;

import com.cebot.config.BotConfig;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The team's working week from settings, applied in whichever zone the caller passes: the team's
 * ({@code schedule.timeZone()}) or a person's from Slack. Nudges count working hours, not clock
 * hours, so a request raised on Friday evening is not chased before Monday. Everything is worked
 * out on local dates and times through {@link ZonedDateTime}, so a working day keeps its local
 * hours across a daylight-saving change. Public holidays are out of scope: every configured
 * working day counts.
 */
public final class WorkingHours {

    private final LocalTime workdayStart;
    private final LocalTime workdayEnd;
    private final Set<DayOfWeek> workingDays;
    private final int reminderHour;

    public WorkingHours(BotConfig.Schedule schedule) {
        // The settings loader checks both; without them the searches for a working day never end.
        if (schedule.workingDays().isEmpty() || !schedule.workdayEnd().isAfter(schedule.workdayStart())) {
            throw new IllegalArgumentException("A schedule needs working days and a workday that ends after it starts");
        }
        this.workdayStart = schedule.workdayStart();
        this.workdayEnd = schedule.workdayEnd();
        this.workingDays = EnumSet.copyOf(schedule.workingDays());
        this.reminderHour = schedule.reminderHour();
    }

    /**
     * The instant {@code amount} of working time after {@code from}. Only time inside working
     * hours on working days counts; from outside them, counting starts at the next opening. Work
     * that ends exactly at closing time ends then, not at the next opening.
     */
    public Instant plusWorkingHours(Instant from, Duration amount, ZoneId zone) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Working time to add must not be negative: " + amount);
        }
        ZonedDateTime at = from.atZone(zone);
        Duration left = amount;
        while (true) {
            LocalDate day = at.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime open = ZonedDateTime.of(day, workdayStart, zone);
                ZonedDateTime close = ZonedDateTime.of(day, workdayEnd, zone);
                if (at.isBefore(open)) {
                    at = open;
                }
                if (at.isBefore(close)) {
                    Duration available = Duration.between(at, close);
                    if (left.compareTo(available) <= 0) {
                        return at.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            at = day.plusDays(1).atStartOfDay(zone);
        }
    }

    /**
     * The working time between two instants: only time inside working hours on working days counts,
     * so a question asked on Friday evening and answered on Monday at opening took no working time.
     * Zero when {@code to} is not after {@code from}.
     */
    public Duration between(Instant from, Instant to, ZoneId zone) {
        Duration total = Duration.ZERO;
        ZonedDateTime at = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        while (at.isBefore(end)) {
            LocalDate day = at.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime open = ZonedDateTime.of(day, workdayStart, zone);
                ZonedDateTime close = ZonedDateTime.of(day, workdayEnd, zone);
                ZonedDateTime start = at.isBefore(open) ? open : at;
                ZonedDateTime stop = end.isBefore(close) ? end : close;
                if (start.isBefore(stop)) {
                    total = total.plus(Duration.between(start, stop));
                }
            }
            at = day.plusDays(1).atStartOfDay(zone);
        }
        return total;
    }

    /** The length of one working day. */
    public Duration workday() {
        return Duration.between(workdayStart, workdayEnd);
    }

    /** Workday start on the last working day before {@code date}: needed by Monday, chase on Friday. */
    public Instant startOfPreviousWorkingDay(LocalDate date, ZoneId zone) {
        LocalDate day = date.minusDays(1);
        while (!isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        return ZonedDateTime.of(day, workdayStart, zone).toInstant();
    }

    /** {@code day} at the reminder hour in {@code zone}; an hour skipped by a clock change moves later. */
    public Instant atReminderHour(LocalDate day, ZoneId zone) {
        return ZonedDateTime.of(day, LocalTime.of(reminderHour, 0), zone).toInstant();
    }

    public boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek());
    }

    /** The first working day after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate day = date.plusDays(1);
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }
}
