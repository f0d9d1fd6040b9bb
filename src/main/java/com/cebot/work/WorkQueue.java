package com.cebot.work;

import com.cebot.db.Deadline;
import com.cebot.db.Dialect;
import com.cebot.db.StoreBusyException;
import com.cebot.db.StoreOutage;
import com.cebot.logging.SafeErrors;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One queue of durable work (submissions to process, Slack writes, jobs due later), kept as rows of
 * the {@code work} table so that it survives a restart, and done by one thread of this process.
 *
 * <p>Rows are claimed with a lease, so two processes on one database never work on the same row.
 * Each claimed row gets one attempt; its {@link Outcome} is recorded under the lease: done (with
 * the handler's writes, in one transaction), retried after {@link Backoff}, or failed. Anything
 * thrown while handling a row, an {@link Error} included, is that row's failed attempt and the
 * queue goes on with the next. A row that fails for good is logged once and its handler told, so
 * the person it was for hears of it; {@code retry-failed} can put it back.
 */
public final class WorkQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);
    private static final Duration UNHANDLED_CHECK = Duration.ofMinutes(1);
    /** PostgreSQL's SQLSTATE for a transaction refused as overlapping another. */
    private static final String SERIALIZATION_FAILURE = "40001";
    /** The stored error of an attempt refused for that. */
    static final String OVERLAPPED = "the store refused the transaction as overlapping another's (SQLSTATE 40001)";

    /** How a queue runs: rows claimed per pass, how often it looks, how long a claim holds. */
    public record Settings(int batch, Duration poll, Duration lease, Backoff backoff) {}

    private final String name;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Owner owner;
    private final Settings settings;
    private final Map<String, WorkHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Set<String> unhandledKindsLogged = ConcurrentHashMap.newKeySet();
    private final Worker worker;
    private final StoreOutage outage;
    /** How long an add waiting for a shared transaction sleeps before it looks again. */
    private static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    /** Held by the thread writing a shared transaction of adds. */
    private final ReentrantLock storing = new ReentrantLock();

    private volatile boolean closing;
    private Instant lastUnhandledCheck;

    /** @param giveWay called before each pass over due work */
    public WorkQueue(String name, Jdbi jdbi, Clock clock, Owner owner, Settings settings, GiveWay giveWay) {
        this.name = name;
        this.jdbi = jdbi;
        this.clock = clock;
        this.owner = owner;
        this.settings = settings;
        this.outage = StoreOutage.of(jdbi);
        this.worker = new Worker(name, settings.poll(), this::runOnce, outage, giveWay);
    }

    public String name() {
        return name;
    }

    public void register(String kind, WorkHandler handler) {
        if (handlers.putIfAbsent(kind, handler) != null) {
            throw new IllegalStateException("Two handlers for " + name + " kind " + kind);
        }
    }

    /**
     * Adds work in the caller's transaction, so it exists exactly when the change that causes it
     * does. @return false when the key was already there (nothing changed)
     */
    public boolean add(Handle handle, NewWork work) {
        return addAll(handle, List.of(work)).get(0);
    }

    /** @return for each of {@code works}, in order, whether it was added (false: its key was there) */
    private List<Boolean> addAll(Handle handle, List<NewWork> works) {
        int[] added = handle.attach(WorkInserts.class).insert(name, works, clock.instant());
        if (handle.isInTransaction()) {
            handle.afterCommit(worker::wake);
        } else {
            worker.wake();
        }
        List<Boolean> results = new ArrayList<>(added.length);
        for (int count : added) {
            results.add(count == 1);
        }
        return results;
    }

    /**
     * Records, in the caller's transaction, something already done outside the queue (a message
     * someone else posted) under {@code key}, so that rows can wait on it and read its result.
     */
    public void addDone(Handle handle, String key, String kind, String result) {
        handle.attach(WorkInserts.class).insertDone(name, key, kind, result, clock.instant());
    }

    /**
     * Adds work in a transaction of its own, and returns once it is committed. Under a
     * {@link Deadline} (a form stored before its ack) the transaction is shared with every add
     * waiting at that moment: in a burst, one commit stores all the forms that came while the one
     * before was written, where a commit each made the forms queue for the store one by one. A
     * shared transaction runs within the earliest of its adds' deadlines and fails for all of them
     * together, as each would have alone; an add whose deadline passes before a transaction takes it
     * up fails on its own, stored nowhere.
     *
     * @return false when the key was already there (nothing changed)
     */
    public boolean add(NewWork work) {
        Optional<Duration> left = Deadline.remaining();
        if (left.isEmpty()) {
            return jdbi.inTransaction(h -> add(h, work));
        }
        Waiting mine = new Waiting(work, System.nanoTime() + left.get().toNanos(), new CompletableFuture<>());
        waiting.add(mine);
        // Counted while it waits its turn too, not only while it waits for the write lock: between
        // two shared transactions the queues' background writes would otherwise slip in.
        Deadline.waitingForStore(() -> awaitStored(mine));
        try {
            return mine.added().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Leads a shared transaction, or waits for one to store {@code mine}; refuses it once its deadline passed. */
    private Void awaitStored(Waiting mine) {
        while (!mine.added().isDone()) {
            long until = mine.untilNanos() - System.nanoTime();
            boolean leading;
            try {
                leading = storing.tryLock(Math.max(0, Math.min(until, TURN_NANOS)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                leading = false;
                until = 0;
            }
            if (leading) {
                try {
                    // Done by a transaction that just ended: the ack goes now, another add leads.
                    if (!mine.added().isDone()) {
                        storeWaiting();
                    }
                } finally {
                    storing.unlock();
                }
            } else if (until <= 0 && waiting.remove(mine)) {
                throw new StoreBusyException("the store is busy with other writes");
            }
        }
        return null;
    }

    /** Every add waiting, in one transaction; each learns its own result or the shared failure. */
    private void storeWaiting() {
        List<Waiting> batch = new ArrayList<>();
        for (Waiting w = waiting.poll(); w != null; w = waiting.poll()) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return;
        }
        long until = batch.stream().mapToLong(Waiting::untilNanos).min().orElseThrow();
        try {
            List<Boolean> added = Deadline.within(
                    Duration.ofNanos(Math.max(0, until - System.nanoTime())),
                    () -> jdbi.inTransaction(
                            h -> addAll(h, batch.stream().map(Waiting::work).toList())));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).added().complete(added.get(i));
            }
        } catch (Throwable e) {
            batch.forEach(w -> w.added().completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** An add waiting for a shared transaction (see {@link #add(NewWork)}). */
    private record Waiting(NewWork work, long untilNanos, CompletableFuture<Boolean> added) {}

    /** Cancels the row if it has not finished; a finished or unknown key is left alone. */
    public void cancel(Handle handle, String key) {
        handle.attach(WorkInserts.class).cancel(name, key, clock.instant());
    }

    /** Cancels every unfinished row of {@code kind} about {@code ref}. */
    public void cancelAll(Handle handle, String kind, String ref) {
        handle.attach(WorkInserts.class).cancelAll(name, kind, ref, clock.instant());
    }

    /** pending, done, failed or cancelled. */
    public Optional<String> status(String key) {
        return jdbi.withExtension(WorkRepository.class, r -> r.status(name, key));
    }

    /**
     * Holds every row of {@code kind} for {@code wait} from now (from when a 429 arrived): a rate
     * limit on one Slack method holds that method.
     */
    public void pauseFor(String kind, Duration wait) {
        pausedUntil.merge(kind, clock.instant().plus(wait), (a, b) -> a.isAfter(b) ? a : b);
    }

    public void start() {
        worker.start();
    }

    /** One pass: claims due rows and gives each one attempt. @return how many rows were claimed */
    public int runOnce() {
        if (closing) {
            return 0;
        }
        Instant now = clock.instant();
        if (!jdbi.withExtension(WorkRepository.class, r -> r.anyDue(name, now))) {
            return 0;
        }
        Set<String> kinds = runnableKinds(now);
        if (kinds.isEmpty()) {
            return 0;
        }
        // READ COMMITTED for PostgreSQL, where the claim's row locks keep claimers apart (SQLite runs
        // every transaction serializable).
        List<WorkItem> claimed = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            WorkRepository repo = h.attach(WorkRepository.class);
            Instant until = now.plus(settings.lease());
            return withAwaited(
                    repo,
                    Dialect.isPostgresql(h)
                            ? repo.claimSkipLocked(name, kinds, owner.id(), now, until, settings.batch())
                            : repo.claim(name, kinds, owner.id(), now, until, settings.batch()));
        });
        Instant renewed = now;
        Set<Long> mine = new HashSet<>();
        for (WorkItem item : claimed) {
            mine.add(item.id());
        }
        for (int i = 0; i < claimed.size(); i++) {
            WorkItem item = claimed.get(i);
            Instant at = clock.instant();
            if (!at.isBefore(renewed.plus(settings.lease().dividedBy(4)))) {
                // A slow batch (Slack timing out call after call) renews what is left of its claim
                // before the lease could run out mid-attempt and let another process take a row.
                mine = renew(claimed.subList(i, claimed.size()), at);
                renewed = at;
            }
            if (!mine.contains(item.id())) {
                continue;
            }
            if (closing || paused(item.kind(), at)) {
                release(item);
            } else {
                attempt(item);
            }
        }
        return claimed.size();
    }

    /** Extends the lease of rows still ours; @return the ids that are */
    private Set<Long> renew(List<WorkItem> rows, Instant now) {
        List<Long> ids = rows.stream().map(WorkItem::id).toList();
        return new HashSet<>(jdbi.inTransaction(
                h -> h.attach(WorkRepository.class).renew(ids, owner.id(), now.plus(settings.lease()))));
    }

    /** Fills in, for rows that wait for another, how that one stands; in claim order ({@link #inTurns}). */
    private List<WorkItem> withAwaited(WorkRepository repo, List<WorkItem> claimed) {
        List<String> keys = claimed.stream()
                .map(WorkItem::afterKey)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<String, WorkRepository.Awaited> awaited = keys.isEmpty()
                ? Map.of()
                : repo.awaited(name, keys).stream().collect(Collectors.toMap(WorkRepository.Awaited::workKey, a -> a));
        return inTurns(claimed.stream()
                .map(item -> {
                    WorkRepository.Awaited after = item.afterKey() == null ? null : awaited.get(item.afterKey());
                    return after == null
                            ? item
                            : new WorkItem(
                                    item.id(),
                                    item.queue(),
                                    item.key(),
                                    item.kind(),
                                    item.ref(),
                                    item.topic(),
                                    item.payload(),
                                    item.forUser(),
                                    item.person(),
                                    item.afterKey(),
                                    item.attempts(),
                                    item.uncertain(),
                                    item.lastError(),
                                    item.dueAt(),
                                    item.createdAt(),
                                    after.status(),
                                    after.result());
                })
                .toList());
    }

    /**
     * The order a claim took its rows in (RETURNING gives them in none): each person's rows by due
     * time, then id; everyone's first row, then everyone's second, and so on, ties by due time and
     * id. Rows of no one take turns as one person.
     */
    static List<WorkItem> inTurns(List<WorkItem> rows) {
        Comparator<WorkItem> due = Comparator.comparing(WorkItem::dueAt).thenComparingLong(WorkItem::id);
        Map<String, Integer> taken = new HashMap<>();
        Map<Long, Integer> turn = new HashMap<>();
        for (WorkItem row : rows.stream().sorted(due).toList()) {
            turn.put(row.id(), taken.merge(Objects.toString(row.person(), ""), 1, Integer::sum));
        }
        return rows.stream()
                .sorted(Comparator.<WorkItem>comparingInt(r -> turn.get(r.id())).thenComparing(due))
                .toList();
    }

    /**
     * The kinds this process handles and Slack has not paused. Once a minute it also looks for due
     * rows of kinds nothing here handles (a retired kind, a newer version's) and says so once; not on
     * every pass, which would read every pending row for each row the outbox sends.
     */
    private Set<String> runnableKinds(Instant now) {
        if (lastUnhandledCheck == null || !now.isBefore(lastUnhandledCheck.plus(UNHANDLED_CHECK))) {
            lastUnhandledCheck = now;
            for (String kind : jdbi.withExtension(WorkRepository.class, r -> r.dueKinds(name, now))) {
                if (!handlers.containsKey(kind) && unhandledKindsLogged.add(kind)) {
                    log.warn(
                            "{}: rows of kind {} are due but nothing here handles that kind; they stay pending",
                            name,
                            kind);
                }
            }
        }
        Set<String> kinds = new HashSet<>();
        for (String kind : handlers.keySet()) {
            if (!paused(kind, now)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    private boolean paused(String kind, Instant now) {
        Instant until = pausedUntil.get(kind);
        return until != null && until.isAfter(now);
    }

    private void attempt(WorkItem item) {
        WorkHandler handler = handlers.get(item.kind());
        if (item.attempts() >= settings.backoff().maxAttempts()) {
            fail(handler, item, "gave up after " + item.attempts() + " attempts: " + item.lastError(), 0);
            return;
        }
        if (item.afterKey() != null && !"done".equals(item.afterStatus())) {
            fail(
                    handler,
                    item,
                    "it waited for " + item.afterKey() + ", which "
                            + (item.afterStatus() == null ? "does not exist" : "was " + item.afterStatus()),
                    0);
            return;
        }
        Outcome outcome;
        long started = System.nanoTime();
        try {
            outcome = handler.handle(item, clock.instant());
        } catch (Throwable e) {
            if (outage.failed(e)) {
                // Told once for every queue; the row is claimed again once the store answers (see
                // finish).
                return;
            }
            if (overlapped(e)) {
                // Told in the retry's one line: nothing is wrong but timing.
                finish(handler, item, new Outcome.RetryLater(null, OVERLAPPED, item.uncertain(), true), started);
                return;
            }
            log.warn(
                    "{} {} ({}) attempt {} threw",
                    name,
                    item.key(),
                    item.kind(),
                    item.attempts() + 1,
                    SafeErrors.scrubbed(e));
            outcome = new Outcome.RetryLater(null, SafeErrors.describe(e), item.uncertain(), true);
        }
        finish(handler, item, outcome, started);
    }

    /** @param started when the attempt began ({@code System.nanoTime()}), for the log line */
    private void finish(WorkHandler handler, WorkItem item, Outcome outcome, long started) {
        try {
            if (outcome instanceof Outcome.Done done) {
                complete(handler, item, done, started);
            } else if (outcome instanceof Outcome.RetryLater retry) {
                retry(handler, item, retry);
            } else {
                fail(handler, item, ((Outcome.Failed) outcome).error(), 1);
            }
        } catch (Throwable e) {
            // The store refused to record the outcome: the lease runs out and the row is claimed again,
            // marked uncertain because this attempt may have taken effect. A store out of reach is
            // told once for every queue, not for each row in hand when it went.
            if (outage.failed(e)) {
                return;
            }
            log.error(
                    "{} {}: cannot record the outcome of attempt {}: {}",
                    name,
                    item.key(),
                    item.attempts() + 1,
                    SafeErrors.describe(e));
        }
    }

    private void complete(WorkHandler handler, WorkItem item, Outcome.Done done, long started) {
        boolean recorded;
        try {
            recorded = jdbi.inTransaction(h -> {
                if (h.attach(WorkOutcomes.class).markDone(item.id(), owner.id(), done.result(), clock.instant()) != 1) {
                    return false;
                }
                done.commit().run(h);
                return true;
            });
        } catch (Throwable e) {
            if (outage.failed(e)) {
                // Claimed again once the store answers, as uncertain (see finish).
                return;
            }
            if (overlapped(e)) {
                retry(
                        handler,
                        item,
                        new Outcome.RetryLater(null, OVERLAPPED, item.uncertain() || done.tookEffect(), true));
                return;
            }
            log.warn(
                    "{} {} ({}) attempt {} failed",
                    name,
                    item.key(),
                    item.kind(),
                    item.attempts() + 1,
                    SafeErrors.scrubbed(e));
            retry(
                    handler,
                    item,
                    new Outcome.RetryLater(null, SafeErrors.describe(e), item.uncertain() || done.tookEffect(), true));
            return;
        }
        if (recorded) {
            // Measured past the commit: work done in the store happens there, not in handle().
            log.info(
                    "{} {} ({}) done in {} ms (attempt {})",
                    name,
                    item.key(),
                    item.kind(),
                    (System.nanoTime() - started) / 1_000_000,
                    item.attempts() + 1);
        } else {
            log.warn(
                    "{} {} ({}) finished after its claim was lost or it was cancelled; not recorded again",
                    name,
                    item.key(),
                    item.kind());
        }
    }

    /**
     * Whether PostgreSQL refused the attempt's transaction as overlapping another's (SQLSTATE
     * 40001), still after the store's own retries ({@code PgTransactions}): under load from several
     * processes the queue's next try is the normal way on, and the attempt did nothing.
     */
    private static boolean overlapped(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && SERIALIZATION_FAILURE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void retry(WorkHandler handler, WorkItem item, Outcome.RetryLater retry) {
        int counted = retry.counts() ? 1 : 0;
        if (item.attempts() + counted >= settings.backoff().maxAttempts()) {
            fail(handler, item, retry.error(), counted);
            return;
        }
        Duration wait = settings.backoff().delay(item.attempts() + counted);
        if (retry.after() != null) {
            wait = retry.counts() && wait.compareTo(retry.after()) > 0 ? wait : retry.after();
        }
        Instant next = clock.instant().plus(wait);
        jdbi.useExtension(
                WorkOutcomes.class,
                r -> r.markRetry(item.id(), owner.id(), next, retry.error(), retry.uncertain(), counted));
        // One line for each failed attempt; an overlap with another transaction, the normal way on
        // under load from several processes, at INFO.
        log.atLevel(OVERLAPPED.equals(retry.error()) ? Level.INFO : Level.WARN)
                .log(
                        "{} {} ({}) attempt {} failed: {}; next try in {} ms",
                        name,
                        item.key(),
                        item.kind(),
                        item.attempts() + 1,
                        retry.error(),
                        wait.toMillis());
    }

    /** Records the row failed and tells its handler in one transaction; logged once, here. */
    private void fail(WorkHandler handler, WorkItem item, String error, int counted) {
        log.error(
                "{} {} ({}) failed for good after {} attempt(s): {}",
                name,
                item.key(),
                item.kind(),
                item.attempts() + counted,
                error);
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(h -> {
                if (h.attach(WorkOutcomes.class).markFailed(item.id(), owner.id(), error, counted, now) == 1
                        && handler != null) {
                    handler.failed(h, item, error);
                }
            });
        } catch (Throwable e) {
            log.error(
                    "{} {}: telling its handler failed; recording the failure alone",
                    name,
                    item.key(),
                    SafeErrors.scrubbed(e));
            jdbi.useExtension(WorkOutcomes.class, r -> r.markFailed(item.id(), owner.id(), error, counted, now));
        }
    }

    private void release(WorkItem item) {
        jdbi.useExtension(WorkOutcomes.class, r -> r.release(item.id(), owner.id()));
    }

    /**
     * Stops claiming, lets the attempt in hand finish and record its outcome (bounded by
     * {@code grace}: a Slack call times out well within it), and gives back claimed rows not begun.
     */
    public void close(Duration grace) {
        closing = true;
        worker.close(grace);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(15));
    }
}
