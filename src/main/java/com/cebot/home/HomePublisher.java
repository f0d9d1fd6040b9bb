package com.cebot.home;

import com.cebot.db.StoreOutage;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Start;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.BlockJson;
import com.cebot.slack.RetryAfter;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws Home tabs and publishes the ones that changed, on one thread of its own so that neither
 * the socket nor the work queues wait on it. Each round draws the Home of everyone who opened it in
 * the last 30 days and publishes at most {@link #PER_ROUND} changed ones: views.publish allows about
 * a hundred calls a minute, and a round comes at most every second. A 429 pauses publishing for as
 * long as Slack asks. What was published is kept in memory only; after a restart every Home is
 * published once more.
 */
final class HomePublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HomePublisher.class);
    private static final Duration ACTIVE = Duration.ofDays(30);
    static final int PER_ROUND = 15;

    private final Jdbi store;
    private final MethodsClient slack;
    private final Clock clock;
    private final List<Start> starts;
    private final HomeRenderer renderer;
    private final Duration every;
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "home");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant pausedUntil = Instant.MIN;

    HomePublisher(
            Jdbi store, MethodsClient slack, Clock clock, List<Start> starts, HomeRenderer renderer, Duration every) {
        this.store = store;
        this.slack = slack;
        this.clock = clock;
        this.starts = starts;
        this.renderer = renderer;
        this.every = every;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::round, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The person opened Home: remember them, and draw it now if it changed. */
    void opened(String userId) {
        thread.execute(() -> {
            try {
                store.useExtension(HomeUsers.class, u -> u.opened(userId, clock.instant()));
                publishIfChanged(userId);
            } catch (RuntimeException e) {
                log.warn("Home of {} not drawn: {}", userId, SafeErrors.describe(e));
            }
        });
    }

    /** The person's parts as of now, for "show all". */
    List<Part> parts(String userId) {
        return store.withHandle(h -> renderer.parts(h, userId));
    }

    private void round() {
        try {
            List<String> users = store.withExtension(
                    HomeUsers.class, u -> u.openedSince(clock.instant().minus(ACTIVE)));
            int publishedNow = 0;
            for (String user : users) {
                if (publishedNow >= PER_ROUND) {
                    break;
                }
                if (publishIfChanged(user)) {
                    publishedNow++;
                }
            }
        } catch (RuntimeException e) {
            // A database out of reach is told once, by the work queues, not at every round.
            if (!StoreOutage.isUnreachable(e)) {
                log.warn("Home tabs not drawn this round: {}", SafeErrors.describe(e));
            }
        }
    }

    private boolean publishIfChanged(String userId) {
        if (Instant.now().isBefore(pausedUntil)) {
            return false;
        }
        View view = HomeView.home(userId, starts, parts(userId));
        String drawn = BlockJson.of(view.getBlocks());
        if (drawn.equals(published.get(userId))) {
            return false;
        }
        try {
            var answer = slack.viewsPublish(r -> r.userId(userId).view(view));
            if (answer.isOk()) {
                published.put(userId, drawn);
                return true;
            }
            log.warn("views.publish for {} refused: {}", userId, answer.getError());
        } catch (SlackApiException e) {
            if (e.getResponse().code() == 429) {
                long seconds =
                        Math.max(1, RetryAfter.of(e).map(Duration::toSeconds).orElse(1L));
                pausedUntil = Instant.now().plusSeconds(seconds);
                log.info("views.publish rate limited; Home tabs wait {} s", seconds);
            } else {
                log.warn(
                        "views.publish for {} failed: HTTP {}",
                        userId,
                        e.getResponse().code());
            }
        } catch (java.io.IOException e) {
            log.warn("views.publish for {} failed: {}", userId, SafeErrors.describe(e));
        }
        return false;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
