package com.cebot.app;

import com.cebot.config.Secrets;
import com.cebot.db.Database;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.SlackClients;
import com.cebot.work.Processes;
import com.slack.api.Slack;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;

/**
 * The two slowest parts of a start, begun on threads of their own as soon as the environment is
 * read, while the settings file is read and Slack is asked about the workspace: the SDK's client
 * (its config, OkHttp and TLS) and the store (opened, its schema checked, and JDBI readied by a
 * first read). Neither needs the other or the settings. Nothing is written to the store here, so a
 * start refused for its settings leaves no trace in it.
 */
final class Beginning implements AutoCloseable {

    private final CompletableFuture<Slack> slack;
    private final CompletableFuture<Database.Pooled> store;

    private Beginning(CompletableFuture<Slack> slack, CompletableFuture<Database.Pooled> store) {
        this.slack = slack;
        this.store = store;
    }

    static Beginning of(Secrets secrets, Duration slackTimeout) {
        return new Beginning(
                CompletableFuture.supplyAsync(() -> SlackClients.create(secrets.slackApiUrl(), slackTimeout),
                        task -> start("start-slack", task)),
                CompletableFuture.supplyAsync(() -> {
                    Database.Pooled store = Database.pooled(secrets.databaseUrl());
                    try {
                        Processes.latest(store.jdbi(), 1);
                        return store;
                    } catch (RuntimeException e) {
                        store.close();
                        throw e;
                    }
                }, task -> start("start-store", task)));
    }

    Slack slack() {
        return joined(slack);
    }

    /** The store, or the reason it could not be opened ({@code DatabaseException}), thrown here. */
    Database.Pooled store() {
        return joined(store);
    }

    /** Waits for both and closes what they made; what failed was already reported by whoever asked. */
    @Override
    public void close() {
        Database.Pooled opened = store.handle((made, failure) -> made).join();
        if (opened != null) {
            opened.close();
        }
        Slack client = slack.handle((made, failure) -> made).join();
        if (client != null) {
            try {
                client.close();
            } catch (Exception e) {
                // Looked up here, not held: a logger made when this class loads would set up logging
                // before the two threads start, on the start's path.
                LoggerFactory.getLogger(Beginning.class).debug("Closing the Slack client: {}", SafeErrors.describe(e));
            }
        }
    }

    private static <T> T joined(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
