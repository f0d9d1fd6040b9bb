package com.cebot.e2e;

import com.cebot.app.CeBot;
import com.cebot.app.Main;
import com.cebot.app.StartupException;
import com.cebot.config.Settings;
import com.cebot.slack.socket.SocketTiming;
import com.cebot.slackfake.SlackFake;
import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import com.cebot.work.Backoff;
import com.cebot.work.WorkQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real bot, wired exactly as {@code main} wires it, against a loopback Slack and a SQLite file
 * in a temp folder. Timings are turned down so retries happen in milliseconds.
 */
public final class BotHarness implements AutoCloseable {

    public static final String SUPPORT = "C0SUPPORT1";
    public static final String CE = "C0CECHAN1";
    public static final String CE_INTERNAL = "C0CEINTERN";
    public static final String FEEDBACK = "C0FEEDBACK";
    public static final String HEAD = "U0HEAD";
    public static final String DELEGATE = "U0DELEGATE";
    public static final String CE_USER = "U0CE";
    public static final String AE = "U0AE";
    public static final String AE2 = "U0AE2";
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** Retries in milliseconds; given up after eight failed attempts. */
    public static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 8);
    /** Quick queues and socket timings; the hello may take seconds on a busy two-core machine. */
    public static final CeBot.Tuning FAST = new CeBot.Tuning(
            Duration.ofSeconds(2),
            new WorkQueue.Settings(50, Duration.ofMillis(100), Duration.ofSeconds(10), BACKOFF),
            new WorkQueue.Settings(20, Duration.ofMillis(100), Duration.ofSeconds(10), BACKOFF),
            new WorkQueue.Settings(20, Duration.ofMillis(100), Duration.ofSeconds(10), BACKOFF),
            16,
            8,
            new SocketTiming(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(2),
                    Duration.ofMillis(500),
                    Duration.ofMillis(50),
                    Duration.ofMillis(500)));

    public final SlackFake slack;
    private final Path dir;
    private final Clock clock;
    private final Map<String, String> env = new HashMap<>();
    private CeBot bot;

    private BotHarness(SlackFake slack, Path dir, Clock clock) {
        this.slack = slack;
        this.dir = dir;
        this.clock = clock;
    }

    /** A fake workspace with the team's channels and people; the bot is not started yet. */
    public static BotHarness create(Path dir, Clock clock) {
        SlackFake slack = SlackFake.start();
        slack.addChannel(SUPPORT, "customer-support", false);
        slack.addChannel(CE, "ce", true);
        slack.addChannel(CE_INTERNAL, "ce-internal", true);
        slack.addChannel(FEEDBACK, "feedback", true);
        slack.addChannel("C0ASKPROD", "ask-product-eng", false);
        for (String user : List.of(HEAD, DELEGATE, CE_USER, AE, AE2)) {
            slack.addUser(user, user.substring(2).toLowerCase(), "America/Los_Angeles");
        }
        slack.addUserGroup("S0SDR", "ce-sdr-collab", List.of(CE_USER));
        BotHarness harness = new BotHarness(slack, dir, clock);
        harness.env.put("SLACK_BOT_TOKEN", SlackFake.BOT_TOKEN);
        harness.env.put("SLACK_APP_TOKEN", SlackFake.APP_TOKEN);
        harness.env.put("SLACK_API_URL", slack.apiUrl());
        harness.env.putAll(TestDatabase.env(dir));
        harness.env.put("CEBOT_CONFIG", dir.resolve("cebot.yaml").toString());
        harness.writeConfig("""
                channels:
                  customer_support: customer-support
                  ce: "#ce"
                  ce_internal: ce-internal
                support:
                  head_of_support: %s
                  delegates: [%s]
                zendesk:
                  subdomain: acme
                schedule:
                  time_zone: America/Los_Angeles
                home:
                  refresh_seconds: 1
                """.formatted(HEAD, DELEGATE));
        return harness;
    }

    public static BotHarness started(Path dir) {
        BotHarness harness = create(dir, Clock.systemUTC());
        harness.start();
        return harness;
    }

    public void writeConfig(String yaml) {
        try {
            Files.writeString(dir.resolve("cebot.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds top-level sections (e.g. a roster) to the settings written so far. */
    public void appendConfig(String yaml) {
        try {
            Files.writeString(dir.resolve("cebot.yaml"), yaml, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path databaseFile() {
        return dir.resolve("cebot.db");
    }

    public Map<String, String> env() {
        return env;
    }

    /** The settings as {@code main} loads them, read by a fresh set of features. */
    public Settings<?> settings() {
        return Main.settings(env);
    }

    /** Starts the bot with the same wiring as {@code main}; a refusal is the caller's to check. */
    public CeBot tryStart() throws StartupException {
        return CeBot.start(Main.settings(env), clock, FAST);
    }

    public CeBot start() {
        try {
            bot = tryStart();
        } catch (StartupException e) {
            throw new AssertionError("The bot did not start: " + e.getMessage(), e);
        }
        slack.awaitConnections(1, WAIT);
        return bot;
    }

    /** Stops the bot as a crash or a deploy would, then starts it again on the same database. */
    public CeBot restart() {
        stopBot();
        return start();
    }

    public void stopBot() {
        if (bot != null) {
            bot.close();
            bot = null;
        }
    }

    public CeBot bot() {
        return bot;
    }

    /**
     * Whether the bot has done all there is to do by its clock: no submission left in the inbox, no
     * Slack write left in the outbox (one waiting to be tried again included), no job due that has
     * not run, and no Web API call still being answered. The bot's own sign that it has dealt with
     * what it was given; only after it does a check that nothing (more) was sent mean something.
     */
    public boolean workDone() {
        return StoredWork.unfinished(env, clock.instant()).isEmpty() && slack.callsInProgress() == 0;
    }

    /** Waits until {@link #workDone()}. */
    public void awaitWorkDone() {
        awaitWorkDone(WAIT);
    }

    public void awaitWorkDone(Duration timeout) {
        Await.until(
                timeout,
                () -> "the bot to finish its work; unfinished: "
                        + StoredWork.unfinished(env, clock.instant()) + ", Web API calls being answered: "
                        + slack.callsInProgress(),
                this::workDone);
    }

    @Override
    public void close() {
        stopBot();
        slack.close();
    }
}
