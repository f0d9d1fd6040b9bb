package com.cebot.db;

import com.cebot.schedule.Job;
import com.cebot.schedule.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Forgets handled payload keys once a day. Slack's last retry comes minutes after the first try,
 * so a day of memory is ample, and without this the table would only grow. Each run schedules the
 * next, keyed by its day, so restarts neither skip nor double a day.
 */
public final class DeliveryPurge {

    static final String KIND = "deliveries.purge";
    static final Duration KEEP = Duration.ofDays(1);

    private final Scheduler scheduler;
    private final Clock clock;

    public DeliveryPurge(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
        scheduler.register(KIND, this::purge);
    }

    /** Makes sure today's run is scheduled. */
    public void start(Jdbi jdbi) {
        jdbi.useTransaction(h -> scheduleFor(h, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
    }

    private void purge(Handle handle, Job job, Instant now) {
        handle.attach(Deliveries.class).forgetBefore(now.minus(KEEP));
        scheduleFor(handle, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1));
    }

    private void scheduleFor(Handle handle, LocalDate day) {
        scheduler.schedule(
                handle, KIND + ":" + day, KIND, null, day.atTime(3, 0).toInstant(ZoneOffset.UTC));
    }
}
