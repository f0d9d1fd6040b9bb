package com.cebot.home;

import com.cebot.db.StoreOutage;
import com.cebot.home.HomeBacklog.Entry;
import com.cebot.home.HomeBacklog.Reason;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Start;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.BlockJson;
import com.cebot.slack.RetryAfter;
import com.cebot.work.Stopping;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws Home tabs and publishes the ones that changed, on one thread of its own so that neither the
 * socket nor the work queues wait on it. A Home is drawn when its person opens it, when a change
 * concerns them (the change marked their row, see {@link StaleHomes}), and, when something every
 * Home shows changes or a new day begins, if they opened Home in the last {@link #ACTIVE}; nobody
 * else's is drawn, so the cost follows what people do, not how many ever opened Home. Calls are
 * paced by {@link PublishBudget}, in {@link HomeBacklog}'s order.
 *
 * <p>Every {@code refresh} the store is also read for marked Homes this process was not told of:
 * marked by another process, or before a restart.
 */
final class HomePublisher implements StaleHomes.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HomePublisher.class);
    /** Someone who has not opened Home for this long is left alone until they open it again. */
    private static final Duration KEPT_UP = Duration.ofDays(30);
    /** Using Home now: opened it this recently. */
    private static final Duration ACTIVE = Duration.ofMinutes(5);
    /** The most people drawn for one change every Home shows: those who opened Home latest. */
    private static final int MOST_ACTIVE = 1_000;
    /** Marked Homes read from the store at a time; the next ones once these are drawn. */
    private static final int PAGE = 100;
    /** How long publishing waits when Slack could not be reached or failed. */
    private static final Duration UNREACHABLE_PAUSE = Duration.ofSeconds(5);
    /** How long a marked Home taken to draw is left to this process by the others. */
    private static final Duration TAKEN = Duration.ofMinutes(1);
    /** How long a stop waits for a draw under way. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    /** How one draw went. */
    private sealed interface Outcome {
        /** Published, or drawn the same as last published, or not to be drawn: the Home is done with. */
        record Done() implements Outcome {}

        /** Slack was not reached, failed or asked to wait: this Home and every other waits {@code pause}. */
        record Later(Duration pause) implements Outcome {}

        /** Done with, but a change marked it again while it was drawn: it is drawn once more. */
        record MarkedAgain() implements Outcome {}
    }

    private final Jdbi store;
    private final MethodsClient slack;
    private final Clock clock;
    private final ZoneId zone;
    private final List<Start> starts;
    private final HomeRenderer renderer;
    private final Duration refresh;
    private final HomeBacklog backlog = new HomeBacklog();
    private final PublishBudget budget;
    private final PublishedHomes published = new PublishedHomes();
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "home");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean lookQueued = new AtomicBoolean();
    private final AtomicBoolean everyoneQueued = new AtomicBoolean();
    // The rest is read and written on the Home tab's thread only.
    /** Marked Homes whose draw failed, left until the next refresh. */
    private final Set<String> putOff = new HashSet<>();

    private boolean moreMarked;
    private ScheduledFuture<?> resume;
    private LocalDate today;

    /** @param refresh how often the store is read for Homes marked by another process or before a restart */
    HomePublisher(
            Jdbi store,
            MethodsClient slack,
            Clock clock,
            ZoneId zone,
            List<Start> starts,
            HomeRenderer renderer,
            Duration refresh) {
        this.store = store;
        this.slack = slack;
        this.clock = clock;
        this.zone = zone;
        this.starts = starts;
        this.renderer = renderer;
        this.refresh = refresh;
        this.budget = new PublishBudget(clock);
        // On close, what waits for later is left to the next start; only a draw under way finishes.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Begins with the Homes marked before this start. */
    void start() {
        thread.scheduleWithFixedDelay(
                () -> step("refresh", this::refresh), 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The person opened Home: remember them, and draw it now. */
    void opened(String userId) {
        later("opened", () -> {
            store.useTransaction(h -> h.attach(HomeUsers.class).opened(userId, clock.instant()));
            backlog.add(Reason.OPENED, List.of(userId));
        });
    }

    @Override
    public void marked() {
        if (lookQueued.compareAndSet(false, true)) {
            later("marked", () -> {
                lookQueued.set(false);
                readMarked();
            });
        }
    }

    @Override
    public void everyone() {
        if (everyoneQueued.compareAndSet(false, true)) {
            later("everyone", () -> {
                everyoneQueued.set(false);
                addActive();
            });
        }
    }

    /** The person's parts as of now, for "show all". */
    List<Part> parts(String userId) {
        return store.withHandle(h -> renderer.parts(h, userId));
    }

    private void refresh() {
        LocalDate now = LocalDate.ofInstant(clock.instant(), zone);
        if (today != null && !now.equals(today)) {
            // A new day changes every Home: who is out this week, what closed a week ago.
            addActive();
        }
        today = now;
        putOff.clear();
        readMarked();
    }

    private void later(String what, Runnable step) {
        try {
            thread.execute(() -> step(what, step));
        } catch (RejectedExecutionException closing) {
            log.debug("Home tab stopping; {} left for the next start", what);
        }
    }

    /** Runs a step on the Home tab's thread, then draws what is waiting. */
    private void step(String what, Runnable step) {
        try {
            step.run();
            drain();
        } catch (RuntimeException e) {
            // A database out of reach is told once, by the work queues, not at every step.
            if (!StoreOutage.isUnreachable(e)) {
                log.warn("Home tabs not drawn ({}): {}", what, SafeErrors.describe(e));
            }
        }
    }

    private void readMarked() {
        if (backlog.waiting(Reason.CONCERNED) >= PAGE) {
            return;
        }
        int limit = PAGE + putOff.size();
        List<String> marked = store.withExtension(HomeUsers.class, u -> u.marked(clock.instant(), limit));
        moreMarked = marked.size() == limit;
        backlog.add(
                Reason.CONCERNED,
                marked.stream().filter(u -> !putOff.contains(u)).toList());
    }

    private void addActive() {
        backlog.add(
                Reason.EVERYONE,
                store.withExtension(
                        HomeUsers.class, u -> u.openedSince(clock.instant().minus(ACTIVE), MOST_ACTIVE)));
    }

    /** Draws what is waiting, in order, as long as the budget allows; then comes back when it will. */
    private void drain() {
        for (Optional<Entry> next = backlog.next(); next.isPresent(); next = backlog.next()) {
            Entry entry = next.get();
            Duration wait = budget.waitFor(entry.reason().urgent());
            if (!wait.isZero()) {
                resumeIn(wait);
                return;
            }
            Outcome outcome;
            try {
                outcome = draw(entry);
            } catch (RuntimeException e) {
                if (StoreOutage.isUnreachable(e)) {
                    // Every Home waits for the store; the work queues tell of the outage.
                    throw e;
                }
                log.warn("Home of {} not drawn: {}", entry.userId(), SafeErrors.describe(e));
                putOff.add(entry.userId());
                outcome = new Outcome.Done();
            }
            if (outcome instanceof Outcome.Later later) {
                budget.pause(later.pause());
                resumeIn(later.pause());
                return;
            }
            backlog.drawn(entry.userId());
            if (outcome instanceof Outcome.MarkedAgain) {
                backlog.add(Reason.CONCERNED, List.of(entry.userId()));
            }
            if (moreMarked && backlog.waiting(Reason.CONCERNED) == 0) {
                readMarked();
            }
        }
    }

    private void resumeIn(Duration wait) {
        if (resume != null && !resume.isDone()) {
            if (resume.getDelay(TimeUnit.NANOSECONDS) <= wait.toNanos()) {
                return;
            }
            resume.cancel(false);
        }
        try {
            resume = thread.schedule(() -> step("resume", () -> {}), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            log.debug("Home tab stopping; what waits is drawn after the next start or when opened");
        }
    }

    /** What a draw read: the mark it answers (null: none), and the view, null when it is not to be published. */
    private record Drawing(Long mark, View view) {}

    private Outcome draw(Entry entry) {
        String userId = entry.userId();
        if (entry.reason() != Reason.CONCERNED) {
            return drawTaken(entry);
        }
        Instant now = clock.instant();
        if (store.inTransaction(h -> h.attach(HomeUsers.class).take(userId, now, now.plus(TAKEN))) == 0) {
            // Drawn since it was read, or another bot process is drawing it.
            return new Outcome.Done();
        }
        try {
            return drawTaken(entry);
        } finally {
            store.useTransaction(h -> h.attach(HomeUsers.class).release(userId));
        }
    }

    /** Draws a Home this process may draw: opened here, or a marked one it has taken. */
    private Outcome drawTaken(Entry entry) {
        String userId = entry.userId();
        Instant now = clock.instant();
        Optional<Drawing> read =
                store.withHandle(h -> h.attach(HomeUsers.class).row(userId).map(row -> {
                    boolean leftAlone =
                            entry.reason() != Reason.OPENED && row.openedAt().isBefore(now.minus(KEPT_UP));
                    boolean drawnMeanwhile = entry.reason() == Reason.CONCERNED && row.stale() == null;
                    return new Drawing(
                            row.stale(),
                            leftAlone || drawnMeanwhile
                                    ? null
                                    : HomeView.home(userId, starts, renderer.parts(h, userId)));
                }));
        if (read.isEmpty()) {
            // Forgotten since: nothing to draw.
            return new Outcome.Done();
        }
        Drawing drawing = read.get();
        if (drawing.view() != null) {
            String blocks = BlockJson.of(drawing.view().getBlocks());
            if (!published.same(userId, blocks)) {
                budget.spend();
                Outcome outcome = publish(userId, drawing.view(), blocks);
                if (outcome instanceof Outcome.Later) {
                    return outcome;
                }
            }
        }
        if (drawing.mark() != null
                && store.inTransaction(h -> h.attach(HomeUsers.class).drawn(userId, drawing.mark())) == 0) {
            return new Outcome.MarkedAgain();
        }
        return new Outcome.Done();
    }

    private Outcome publish(String userId, View view, String blocks) {
        published.unknown(userId);
        try {
            var answer = slack.viewsPublish(r -> r.userId(userId).view(view));
            if (answer.isOk()) {
                published.published(userId, blocks);
            } else {
                // Slack refused this view for this person: drawing it again would not change that.
                log.warn("views.publish for {} refused: {}", userId, answer.getError());
            }
            return new Outcome.Done();
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                Duration wait = RetryAfter.of(e).filter(d -> d.toSeconds() >= 1).orElse(Duration.ofSeconds(1));
                log.info("views.publish rate limited; Home tabs wait {} s", wait.toSeconds());
                return new Outcome.Later(wait);
            }
            log.warn("views.publish for {} failed: HTTP {}", userId, status);
            return status >= 500 ? new Outcome.Later(UNREACHABLE_PAUSE) : new Outcome.Done();
        } catch (IOException e) {
            log.warn("views.publish for {} failed: {}", userId, SafeErrors.describe(e));
            return new Outcome.Later(UNREACHABLE_PAUSE);
        }
    }

    @Override
    public void close() {
        // A draw under way finishes rather than being interrupted, so that a Home it took is let go
        // and the other bot processes (or the next start) need not wait out the take.
        Stopping.gracefully(thread, CLOSE_GRACE);
    }
}
