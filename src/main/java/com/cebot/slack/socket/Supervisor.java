package com.cebot.slack.socket;

import com.cebot.logging.SafeErrors;
import com.cebot.work.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one socket up. A {@code disconnect} frame (any reason) opens a replacement at once and
 * retires the old socket, which closes once its handlers are done; a socket that closed, or stops
 * answering pings, is replaced too. Failed tries wait as {@link Backoff} says, or as long as Slack
 * asked if that is longer, each logged in one WARN line; recovery is one INFO line. Events arrive
 * on socket and worker threads and are handled on the supervisor's one thread, so never two tries
 * at once.
 */
final class Supervisor implements Dispatcher.Control {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    /** The SDK's ping check waits this long for a pong (SocketModeClientTyrusImpl#verifyConnection). */
    private static final String PING_WAIT = "3 s";

    private final Opener opener;
    private final SocketTiming timing;
    private final Backoff backoff;
    private final Clock clock;
    private final Consumer<Instant> onHello;
    private final SocketMeters meters;
    private final ScheduledThreadPoolExecutor executor =
            new ScheduledThreadPoolExecutor(1, r -> Threads.daemon(r, "socket-supervisor"));
    private volatile Instant lastHello;

    // Guarded by this. Changed on the supervisor's thread, except what up() and stop() set.
    private boolean stopped;
    private Link current;
    private boolean reconnecting;
    private int failedAttempts;
    private Instant downSince;

    /**
     * @param onHello told the time of every {@code hello} Slack sends (on a worker thread), before
     *     the socket it came on counts as up
     */
    Supervisor(Opener opener, SocketTiming timing, Clock clock, Consumer<Instant> onHello, SocketMeters meters) {
        this.opener = opener;
        this.timing = timing;
        this.backoff = timing.reconnects();
        this.clock = clock;
        this.onHello = onHello;
        this.meters = meters;
    }

    /**
     * Takes the first socket, which said hello, and starts checking it by ping. False, taking
     * nothing, when it closed meanwhile or supervision stopped.
     */
    boolean up(Link link) {
        synchronized (this) {
            if (stopped || !link.canSend()) {
                return false;
            }
            current = link;
        }
        long ping = timing.pingInterval().toMillis();
        try {
            executor.scheduleWithFixedDelay(
                    () -> guarded("ping check", this::checkPing), ping, ping, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopped right after starting: nothing to check.
        }
        return true;
    }

    /** True while a socket that said hello is open and supervision has not stopped. */
    synchronized boolean isUp() {
        return !stopped && current != null && current.canSend();
    }

    Optional<Instant> lastHello() {
        return Optional.ofNullable(lastHello);
    }

    @Override
    public void hello(Link link) {
        // Reported before the socket counts as up, so a caller of start sees its first hello stored.
        Instant at = clock.instant();
        lastHello = at;
        try {
            onHello.accept(at);
        } catch (RuntimeException e) {
            log.warn("The hello callback failed: {}", SafeErrors.describe(e));
        }
        link.helloArrived();
    }

    @Override
    public void disconnect(Link link, String reason) {
        if (link.askedToLeave(reason)) {
            return; // a socket still being opened: its attempt fails with this reason
        }
        onSupervisor(() -> {
            synchronized (this) {
                if (stopped || link != current || reconnecting) {
                    return;
                }
                reconnecting = true;
            }
            attempt();
        });
    }

    @Override
    public synchronized Optional<Link> current() {
        return current != null && current.canSend() ? Optional.of(current) : Optional.empty();
    }

    /** A socket closed without being asked to. */
    void socketClosed(Link link, Integer code) {
        onSupervisor(() -> lost(link, "socket closed, code " + code));
    }

    /** No more tries or checks; a try under way gives up. The sockets stay open for running handlers' acks. */
    void stop() {
        synchronized (this) {
            stopped = true;
        }
        executor.shutdownNow();
    }

    void awaitStopped() {
        Threads.awaitTermination(executor);
    }

    /** The wait before the next try: the backoff's, unless Slack asked for longer. */
    static Duration nextTry(Backoff backoff, int failedAttempts, Duration retryAfter) {
        Duration delay = backoff.delay(failedAttempts);
        return delay.compareTo(retryAfter) < 0 ? retryAfter : delay;
    }

    private void checkPing() {
        Link link;
        synchronized (this) {
            link = stopped ? null : current;
        }
        if (link == null || link.answersPing()) {
            return;
        }
        if (!link.isClosed()) {
            lost(link, link.socketClosed() ? "socket closed" : "no answer to ping within " + PING_WAIT);
        }
    }

    private void lost(Link link, String why) {
        boolean wasCurrent;
        boolean reconnectNow = false;
        synchronized (this) {
            if (stopped) {
                // Closing, which may have cut a ping check short: the sockets stay open until the
                // running handlers have acked, and close with the connection.
                return;
            }
            wasCurrent = link == current;
            if (wasCurrent) {
                current = null;
                downSince = clock.instant();
                reconnectNow = !reconnecting;
                reconnecting = true;
            }
        }
        if (wasCurrent) {
            log.warn("Socket Mode connection lost ({}); reconnecting", why);
        }
        link.close();
        if (reconnectNow) {
            attempt();
        }
    }

    /** One try at a new socket; on failure, the next one is scheduled. */
    private void attempt() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        String failure;
        Duration retryAfter = Duration.ZERO;
        try {
            Opener.Attempt attempt = opener.open();
            if (attempt.outcome().kind() == Outcome.Kind.HELLO) {
                succeeded(attempt.link());
                return;
            }
            attempt.link().close();
            failure = Wording.attemptFailure(attempt.outcome(), attempt.link().host, timing.helloTimeout());
        } catch (AttemptFailed e) {
            failure = Wording.attemptFailure(e);
            retryAfter = e.retryAfter;
        } catch (RuntimeException e) {
            failure = SafeErrors.describe(e);
        }
        Duration delay;
        int attempt;
        synchronized (this) {
            if (stopped) {
                return;
            }
            attempt = ++failedAttempts;
            delay = nextTry(backoff, attempt, retryAfter);
        }
        meters.reconnectFailed();
        log.warn(
                "Socket Mode reconnect attempt {} failed: {}; next try in {}",
                attempt,
                failure,
                Wording.seconds(delay));
        try {
            executor.schedule(() -> guarded("reconnect", this::attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopped.
        }
    }

    private void succeeded(Link link) {
        boolean tooLate;
        Link old = null;
        int attempts = 0;
        Instant wentDown = null;
        synchronized (this) {
            tooLate = stopped;
            if (!tooLate) {
                old = current;
                // Counted before the socket counts as up: whoever sees it up sees the reconnect too.
                meters.reconnected(old != null);
                current = link;
                reconnecting = false;
                attempts = failedAttempts + 1;
                failedAttempts = 0;
                wentDown = downSince;
                downSince = null;
            }
        }
        if (tooLate) {
            link.close();
        } else if (old == null) {
            Duration down = wentDown == null ? Duration.ZERO : Duration.between(wentDown, clock.instant());
            log.info(
                    "Socket Mode connection restored after {} attempt(s), {} down (wss host {})",
                    attempts,
                    Wording.seconds(down),
                    link.host);
        } else {
            log.info(
                    "Socket Mode connection replaced at Slack's request ({}) after {} attempt(s) (wss host {})",
                    old.leaveReason(),
                    attempts,
                    link.host);
            old.retire();
            try {
                executor.schedule(old::close, timing.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                old.close();
            }
        }
    }

    private void onSupervisor(Runnable task) {
        try {
            executor.execute(() -> guarded("Socket Mode supervision", task));
        } catch (RejectedExecutionException e) {
            // Stopped: nothing to supervise.
        }
    }

    /** A scheduled task that throws is silently never run again; log it and carry on instead. */
    private void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, SafeErrors.describe(e));
        }
    }
}
