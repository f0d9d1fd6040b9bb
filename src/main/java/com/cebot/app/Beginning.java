package com.cebot.app;

import com.cebot.config.Secrets;
import com.cebot.db.Database;
import com.cebot.db.Store;
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
 * first read). Neither needs the other or the settings. A database that does not exist yet is only
 * created once the settings are known to be good, and nothing is written to an existing one here,
 * so a start refused for its settings leaves no trace.
 */
final class Beginning implements AutoCloseable {

    private final CompletableFuture<Slack> slack;
    private final Store databaseUrl;
    /** Null until asked for when the database is new. Guarded by this. */
    private CompletableFuture<Database.Pooled> store;

    private Beginning(CompletableFuture<Slack> slack, Store databaseUrl, CompletableFuture<Database.Pooled> store) {
        this.slack = slack;
        this.databaseUrl = databaseUrl;
        this.store = store;
    }

    static Beginning of(Secrets secrets, Duration slackTimeout) {
        Store url = secrets.store();
        return new Beginning(
                CompletableFuture.supplyAsync(
                        () -> SlackClients.create(secrets.slackApiUrl(), slackTimeout),
                        task -> start("start-slack", task)),
                url,
                Database.exists(url)
                        ? CompletableFuture.supplyAsync(() -> open(url), task -> start("start-store", task))
                        : null);
    }

    Slack slack() {
        return joined(slack);
    }

    /** The store, or the reason it could not be opened ({@code DatabaseException}), thrown here. */
    Database.Pooled store() {
        CompletableFuture<Database.Pooled> opening;
        synchronized (this) {
            if (store == null) {
                CompletableFuture<Database.Pooled> now = new CompletableFuture<>();
                try {
                    now.complete(open(databaseUrl));
                } catch (RuntimeException e) {
                    now.completeExceptionally(e);
                }
                store = now;
            }
            opening = store;
        }
        return joined(opening);
    }

    /** Waits for both and closes what they made; what failed was already reported by whoever asked. */
    @Override
    public void close() {
        CompletableFuture<Database.Pooled> opening;
        synchronized (this) {
            opening = store;
        }
        Database.Pooled opened =
                opening == null ? null : opening.handle((made, failure) -> made).join();
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

    private static Database.Pooled open(Store databaseUrl) {
        Database.Pooled store = Database.pooled(databaseUrl);
        try {
            Processes.listed(store.jdbi(), 1);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
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
