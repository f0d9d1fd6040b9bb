package com.cebot.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import org.jdbi.v3.core.Handle;

/**
 * Something done once a week, at an hour of a day in the team's zone, about the seven days before
 * (a digest). One durable job per week, keyed by its date, so it runs once; a week that fell due
 * while the bot was down runs on start, for the week it was due, and plans the next.
 */
public final class WeeklyJob {

    /** The week's work, on the job's handle: what happened from {@code start} until {@code end}. */
    @FunctionalInterface
    public interface Week {
        void run(Handle handle, Job job, Instant start, Instant end);
    }

    private final Scheduler scheduler;
    private final String kind;
    private final String keyPrefix;
    private final DayOfWeek day;
    private final int hour;
    private final ZoneId zone;

    /** @param keyPrefix the jobs' keys, before the date: "sdr-digest" */
    public WeeklyJob(Scheduler scheduler, String kind, String keyPrefix, DayOfWeek day, int hour, ZoneId zone) {
        this.scheduler = scheduler;
        this.kind = kind;
        this.keyPrefix = keyPrefix;
        this.day = day;
        this.hour = hour;
        this.zone = zone;
    }

    /** Takes the jobs of this kind, and plans the next unless it is planned already. */
    public void start(Handle h, Instant now, Week week) {
        scheduler.register(kind, (handle, job, at) -> {
            Instant end = job.dueAt();
            week.run(handle, job, end.minus(Duration.ofDays(7)), end);
            plan(handle, end.isAfter(at) ? end : at);
        });
        plan(h, now);
    }

    /** The next week's end after {@code now}. */
    public Instant next(Instant now) {
        ZonedDateTime at = now.atZone(zone)
                .toLocalDate()
                .atTime(LocalTime.of(hour, 0))
                .atZone(zone)
                .with(TemporalAdjusters.nextOrSame(day));
        return at.toInstant().isAfter(now) ? at.toInstant() : at.plusWeeks(1).toInstant();
    }

    private void plan(Handle h, Instant now) {
        Instant due = next(now);
        scheduler.schedule(h, keyPrefix + ":" + due.atZone(zone).toLocalDate(), kind, null, due);
    }
}
