package com.cebot.slack.socket;

import com.cebot.slack.RetryAfter;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens sockets, one try at a time: a URL from {@code apps.connections.open}, a {@link Link} for
 * it, its connect, the wait for hello. Keeps every link it made that is not closed yet, so that
 * closing the connection closes them all.
 */
final class Opener {

    /** A link and how its attempt ended. */
    record Attempt(Link link, Outcome outcome) {}

    private final Slack slack;
    private final String appToken;
    private final SocketTiming timing;
    private final Link.Events events;
    /**
     * Runs each connect. The WebSocket library's connect can block until its own handshake timeout
     * (30 s) when the server cuts the socket mid-handshake; on the caller's thread, the supervisor's,
     * that would stop all supervision, reconnects included, for as long.
     */
    private final ExecutorService connector = Executors.newCachedThreadPool(Threads.numbered("socket-connect"));

    // Guarded by this.
    private final Set<Link> links = new HashSet<>();
    private boolean stopped;

    /** @param events where every link made reports its frames and its socket closing */
    Opener(Slack slack, String appToken, SocketTiming timing, Link.Events events) {
        this.slack = slack;
        this.appToken = appToken;
        this.timing = timing;
        this.events = events;
    }

    /**
     * One try: returns once the new socket said hello or the hello timeout passed. A socket without
     * hello in time is the caller's to close; its connect ends on its own.
     */
    Attempt open() throws AttemptFailed {
        Link link = register(url());
        try {
            connector.execute(link::connect);
        } catch (RejectedExecutionException e) {
            link.close();
            throw new AttemptFailed("closed while starting");
        }
        return new Attempt(link, link.awaitOutcome(timing.helloTimeout()));
    }

    /** Opens nothing more. */
    void stop() {
        synchronized (this) {
            stopped = true;
        }
        connector.shutdownNow();
    }

    /** Closes every link still open. */
    void closeAll() {
        List<Link> open;
        synchronized (this) {
            open = new ArrayList<>(links);
            links.clear();
        }
        open.forEach(Link::close);
    }

    private String url() throws AttemptFailed {
        AppsConnectionsOpenResponse open;
        try {
            open = slack.methods().appsConnectionsOpen(r -> r.token(appToken));
        } catch (SlackApiException e) {
            throw new AttemptFailed(
                    "apps.connections.open answered HTTP " + e.getResponse().code(),
                    false,
                    RetryAfter.of(e).orElse(Duration.ZERO));
        } catch (IOException | RuntimeException e) {
            throw new AttemptFailed("apps.connections.open failed: " + e.getMessage());
        }
        if (!open.isOk()) {
            throw new AttemptFailed(open.getError(), true, Duration.ZERO);
        }
        if (open.getUrl() == null) {
            throw new AttemptFailed("apps.connections.open returned no URL");
        }
        return open.getUrl();
    }

    private Link register(String url) throws AttemptFailed {
        Link link;
        try {
            link = new Link(slack, appToken, url, timing, events);
        } catch (URISyntaxException e) {
            throw new AttemptFailed("apps.connections.open returned an unusable URL");
        }
        boolean refused;
        synchronized (this) {
            refused = stopped;
            if (!refused) {
                // Closed links go here rather than as they close: sockets are replaced every few hours.
                links.removeIf(Link::isClosed);
                links.add(link);
            }
        }
        if (refused) {
            link.close();
            throw new AttemptFailed("closing");
        }
        return link;
    }
}
