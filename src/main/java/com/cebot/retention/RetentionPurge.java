package com.cebot.retention;

import com.cebot.config.BotConfig;
import com.cebot.feature.StoredRecords;
import com.cebot.feature.StoredRecords.Count;
import com.cebot.schedule.JobHandler;
import com.cebot.schedule.Scheduler;
import com.cebot.work.FinishedWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes, once a day, what the settings say is kept no longer: finished work after
 * {@code retention.work_days}, and finished records after {@code retention.records_days} when that
 * is set (each workflow removes its own). It works in small batches, each its own short transaction,
 * so the bot's writes never wait long behind it; a purge that runs out of time goes on in another
 * part a minute later. Runs as a durable job keyed by its day, like the delivery purge: restarts
 * neither skip nor double a day. What it removed is recorded for {@code status}.
 */
public final class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    static final String KIND = "retention.purge";
    static final int BATCH = 500;
    /** A part stops well inside the job's one-minute claim. */
    static final Duration BUDGET = Duration.ofSeconds(20);

    private final Scheduler scheduler;
    private final Jdbi jdbi;
    private final Clock clock;
    private final BotConfig.Retention retention;
    private final List<StoredRecords> workflows;
    private final int batch;
    private final Duration budget;

    public RetentionPurge(
            Scheduler scheduler, Jdbi jdbi, Clock clock, BotConfig.Retention retention, List<StoredRecords> workflows) {
        this(scheduler, jdbi, clock, retention, workflows, BATCH, BUDGET);
    }

    RetentionPurge(
            Scheduler scheduler,
            Jdbi jdbi,
            Clock clock,
            BotConfig.Retention retention,
            List<StoredRecords> workflows,
            int batch,
            Duration budget) {
        this.scheduler = scheduler;
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = retention;
        this.workflows = List.copyOf(workflows);
        this.batch = batch;
        this.budget = budget;
        // The batches run before the job's own transaction, each in one of their own.
        scheduler.register(KIND, (job, now) -> {
            Part part = run(now);
            return (JobHandler) (h, j, n) -> recorded(h, j.key(), j.ref(), part, n);
        });
    }

    /** Makes sure today's purge is scheduled. */
    public void start() {
        jdbi.useTransaction(h -> scheduleFor(h, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
    }

    /** What one part removed, and whether it got through everything. */
    record Part(Instant workBefore, Instant recordsBefore, List<Count> removed, boolean complete) {}

    Part run(Instant now) {
        long stopAt = System.nanoTime() + budget.toNanos();
        Instant workBefore = now.minus(Duration.ofDays(retention.workDays()));
        Instant recordsBefore = retention.recordsDays().isPresent()
                ? now.minus(Duration.ofDays(retention.recordsDays().getAsInt()))
                : null;
        Map<String, Integer> removed = new LinkedHashMap<>();
        boolean complete = true;
        // Records first: their posts are then no longer anchors, and go with the work.
        if (recordsBefore != null) {
            for (StoredRecords workflow : workflows) {
                complete = complete && purgeRecords(workflow, recordsBefore, removed, stopAt);
            }
        }
        complete = complete && purgeWork(workBefore, removed, stopAt);
        List<Count> counts = removed.entrySet().stream()
                .map(e -> new Count(e.getKey(), e.getValue()))
                .toList();
        log.info(
                "retention purge: {}{}",
                counts.stream()
                        .filter(c -> c.rows() > 0)
                        .map(c -> c.rows() + " " + c.what())
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("nothing to remove"),
                complete ? "" : "; going on in a minute");
        return new Part(workBefore, recordsBefore, counts, complete);
    }

    private boolean purgeRecords(StoredRecords workflow, Instant before, Map<String, Integer> removed, long stopAt) {
        while (true) {
            List<Count> counts = jdbi.inTransaction(h -> workflow.purge(h, before, batch));
            counts.forEach(c -> removed.merge(c.what(), c.rows(), Integer::sum));
            if (counts.stream().mapToInt(Count::rows).sum() == 0) {
                return true;
            }
            if (System.nanoTime() > stopAt) {
                return false;
            }
        }
    }

    private boolean purgeWork(Instant before, Map<String, Integer> removed, long stopAt) {
        long after = 0;
        int outbox = 0;
        int jobs = 0;
        int inbox = 0;
        int kept = 0;
        boolean complete = false;
        while (!complete) {
            long from = after;
            FinishedWork.Batch b =
                    jdbi.inTransaction(h -> FinishedWork.purge(h, before, from, batch, this::anchorsInUse));
            outbox += b.outbox();
            jobs += b.jobs();
            inbox += b.inbox();
            kept += b.keptWithoutText();
            after = b.lastId();
            complete = b.examined() < batch;
            if (!complete && System.nanoTime() > stopAt) {
                break;
            }
        }
        removed.merge("delivered Slack writes", outbox, Integer::sum);
        removed.merge("jobs run or cancelled", jobs, Integer::sum);
        removed.merge("submissions processed", inbox, Integer::sum);
        removed.merge("posts kept for later replies and updates, their text removed", kept, Integer::sum);
        return complete;
    }

    private Set<String> anchorsInUse(Handle handle, Collection<String> keys) {
        Set<String> inUse = new HashSet<>();
        for (StoredRecords workflow : workflows) {
            inUse.addAll(workflow.anchorsInUse(handle, keys));
        }
        return inUse;
    }

    /** In the job's transaction: what was removed, and the next part or the next day. */
    private void recorded(Handle h, String key, String ref, Part part, Instant now) {
        LocalDate day = LocalDate.parse(key.substring(KIND.length() + 1, KIND.length() + 11));
        PurgeRuns.record(h, day, now, part.workBefore(), part.recordsBefore(), part.removed(), part.complete());
        if (part.complete()) {
            scheduleFor(h, day.plusDays(1));
        } else {
            int next = ref == null ? 2 : Integer.parseInt(ref) + 1;
            scheduler.schedule(h, KIND + ":" + day + ":" + next, KIND, Integer.toString(next), now.plusSeconds(60));
        }
    }

    private void scheduleFor(Handle handle, LocalDate day) {
        scheduler.schedule(
                handle, KIND + ":" + day, KIND, null, day.atTime(3, 30).toInstant(ZoneOffset.UTC));
    }
}
