package com.cebot.app;

import com.cebot.config.Settings;
import com.cebot.db.DatabaseException;
import com.cebot.db.DeliveryPurge;
import com.cebot.feature.Configured;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.Interactions;
import com.cebot.inbox.Inbox;
import com.cebot.logging.SafeErrors;
import com.cebot.ops.Monitoring;
import com.cebot.outbox.BotIdentity;
import com.cebot.outbox.Outbox;
import com.cebot.retention.RetentionPurge;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WorkingHours;
import com.cebot.slack.ActingUserCheck;
import com.cebot.slack.Background;
import com.cebot.slack.ChannelMessages;
import com.cebot.slack.InteractionLog;
import com.cebot.slack.ModalOpener;
import com.cebot.slack.Permalinks;
import com.cebot.slack.RepeatDeliveryFilter;
import com.cebot.slack.SharedGsonMethodsClient;
import com.cebot.slack.UnhandledInteractions;
import com.cebot.slack.UserGroupChanges;
import com.cebot.slack.Workspace;
import com.cebot.slack.WorkspaceLookup;
import com.cebot.slack.socket.InHand;
import com.cebot.slack.socket.SocketModeConnection;
import com.cebot.slack.socket.SocketTiming;
import com.cebot.work.Backoff;
import com.cebot.work.GiveWay;
import com.cebot.work.Owner;
import com.cebot.work.Processes;
import com.cebot.work.QueueLevels;
import com.cebot.work.WorkQueue;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.IgnoringSelfEvents;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot, wired by hand: the engine (store, work queues, Slack clients, Bolt app) is made
 * here and each {@link Feature} is started on it. Tests start exactly this against a loopback Slack.
 */
public final class CeBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CeBot.class);
    /** How often a running process says it is alive; {@code status} flags one silent for four beats. */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    /** Knobs that tests turn down; production uses {@link #DEFAULT}. */
    public record Tuning(
            Duration slackTimeout,
            WorkQueue.Settings inbox,
            WorkQueue.Settings outbox,
            WorkQueue.Settings jobs,
            int envelopeThreads,
            int afterAckThreads,
            SocketTiming socket) {

        /**
         * Claims hold for a minute: a Slack call ends within {@code slackTimeout}, and a lookup before
         * it takes a few more; a queue renews what is left of a batch's claim every quarter of that.
         * The outbox claims 20 writes at a time: one claim a write made the claims themselves the
         * biggest user of the store in a burst.
         */
        public static final Tuning DEFAULT = new Tuning(
                Duration.ofSeconds(10),
                new WorkQueue.Settings(50, Duration.ofSeconds(1), Duration.ofMinutes(1), Backoff.DEFAULT),
                new WorkQueue.Settings(20, Duration.ofSeconds(1), Duration.ofMinutes(1), Backoff.DEFAULT),
                new WorkQueue.Settings(20, Duration.ofSeconds(15), Duration.ofMinutes(1), Backoff.DEFAULT),
                16,
                8,
                SocketTiming.DEFAULT);
    }

    private final List<AutoCloseable> resources;
    private final Jdbi jdbi;
    private final Workspace workspace;
    private final SocketModeConnection socket;

    private CeBot(List<AutoCloseable> resources, Jdbi jdbi, Workspace workspace, SocketModeConnection socket) {
        this.resources = resources;
        this.jdbi = jdbi;
        this.workspace = workspace;
        this.socket = socket;
    }

    /**
     * Starts the bot with the features {@code settings} were read by; on failure everything it opened
     * is closed again before the exception leaves.
     */
    public static CeBot start(Settings<Configured<?>> settings, Clock clock, Tuning tuning) throws StartupException {
        return start(settings, clock, tuning, Beginning.of(settings.secrets(), tuning.slackTimeout()));
    }

    /** @param beginning begun for {@code settings.secrets()} and {@code tuning}; closed when the bot stops or the start fails */
    static CeBot start(Settings<Configured<?>> settings, Clock clock, Tuning tuning, Beginning beginning)
            throws StartupException {
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(beginning);
        try {
            return start(settings, clock, tuning, beginning, resources);
        } catch (StartupException e) {
            closeAll(resources);
            throw e;
        } catch (DatabaseException e) {
            closeAll(resources);
            throw new StartupException(e.getMessage());
        } catch (RuntimeException e) {
            closeAll(resources);
            throw new StartupException("Starting failed: " + SafeErrors.describe(e));
        }
    }

    private static CeBot start(
            Settings<Configured<?>> settings,
            Clock clock,
            Tuning tuning,
            Beginning beginning,
            List<AutoCloseable> resources)
            throws StartupException {
        // First, before Slack or the store: a port in use stops the start at once.
        Monitoring monitoring;
        try {
            monitoring = Monitoring.start(settings.config().ops(), clock);
        } catch (Monitoring.CannotListen e) {
            throw new StartupException(e.getMessage());
        }
        resources.add(monitoring);
        MeterRegistry meters = monitoring.meters();
        var secrets = settings.secrets();
        MethodsClient methods = new SharedGsonMethodsClient(beginning.slack(), secrets.botToken(), meters);
        AuthTestResponse auth = authTest(methods, secrets.slackApiUrl());
        Resolved resolved = resolve(methods, settings, auth);
        Workspace workspace = resolved.workspace();
        Jdbi jdbi = beginning.store().jdbi();

        Owner owner = Owner.ofThisProcess();
        Processes processes = new Processes(jdbi, owner, clock);
        processes.register();
        resources.add(processes::stopped);
        // Hellos may be hours apart; `status` tells a live process by its beats.
        resources.add(processes.beatEvery(HEARTBEAT));
        // Envelopes in hand, which the queues and the work after an ack give way to.
        InHand inHand = new InHand(InHand.MOMENT);
        WorkQueue inboxQueue = queue("inbox", jdbi, clock, owner, tuning.inbox(), inHand, resources);
        WorkQueue outboxQueue = queue("outbox", jdbi, clock, owner, tuning.outbox(), inHand, resources);
        WorkQueue jobQueue = queue("job", jdbi, clock, owner, tuning.jobs(), inHand, resources);
        Outbox outbox = new Outbox(
                outboxQueue, methods, tuning.slackTimeout(), new BotIdentity(auth.getUserId(), auth.getBotId()));
        Scheduler scheduler = new Scheduler(jobQueue);
        Background background = new Background(tuning.afterAckThreads(), 10_000, inHand);
        resources.add(background);

        App app = boltApp(
                AppConfig.builder()
                        .slack(beginning.slack())
                        .singleTeamBotToken(secrets.botToken())
                        // Events nobody listens to are acked all the same; unacked, Slack retries them and
                        // may turn event delivery off for the app. Message events, whatever their subtype,
                        // are all answered by ChannelMessages.
                        .allEventsApiAutoAckEnabled(true)
                        // Bolt would repeat auth.test on the first envelope and every 10 minutes after, in
                        // the listener's time before the ack. The token is the one checked at start; if it
                        // is revoked later, the calls it makes fail and say so.
                        .authTestCacheExpirationMillis(-1)
                        .build(),
                auth);
        app.use(new ActingUserCheck());
        app.use(new InteractionLog());
        RepeatDeliveryFilter repeats = new RepeatDeliveryFilter(jdbi, clock);
        resources.add(repeats);
        app.use(repeats);
        ModalOpener modals = new ModalOpener(background, methods);
        app.use(new UnhandledInteractions(modals));
        ChannelMessages messages = new ChannelMessages();
        messages.register(app);
        UserGroupChanges groupChanges = new UserGroupChanges();
        groupChanges.register(app);
        Engine engine = new Engine(
                new Interactions(app, modals, methods),
                jdbi,
                new Inbox(inboxQueue, meters),
                outbox,
                scheduler,
                workspace,
                settings.config(),
                new WorkingHours(settings.config().schedule()),
                clock,
                methods,
                messages,
                groupChanges,
                new Permalinks(workspace.teamUrl()),
                resources::add);
        for (Configured<?> feature : resolved.features()) {
            feature.start(engine);
        }
        new DeliveryPurge(scheduler, clock).start(jdbi);
        new RetentionPurge(
                        scheduler,
                        jdbi,
                        clock,
                        settings.config().retention(),
                        resolved.features().stream()
                                .map(f -> f.feature().records())
                                .toList())
                .start();

        SocketModeConnection socket = new SocketModeConnection(
                app,
                secrets.appToken(),
                tuning.envelopeThreads(),
                tuning.socket(),
                clock,
                processes::hello,
                meters,
                inHand);
        // Last in, so first closed: running handlers send their acks while the store is still open.
        resources.add(socket);
        try {
            socket.start();
        } catch (SocketModeConnection.StartFailure e) {
            throw new StartupException(e.getMessage());
        }
        // Work left from before (and what the start's own checks queued) begins once Slack said
        // hello: the queues' first rounds no longer take the CPU the connection needs, and a start
        // that fails sends nothing.
        inboxQueue.start();
        outboxQueue.start();
        jobQueue.start();
        monitoring.watch(
                socket::isUp,
                jdbi,
                new QueueLevels(jdbi, List.of(inboxQueue.name(), outboxQueue.name(), jobQueue.name())));
        log.info("CE Bot is connected as {} and listening", auth.getUserId());
        return new CeBot(resources, jdbi, workspace, socket);
    }

    /**
     * Bolt's default middleware for a single-team Socket Mode app, given the auth.test answer the
     * start already has instead of asking Slack again. Bolt's request signature and SSL checks are
     * left out: they apply to HTTP requests, never to Socket Mode envelopes.
     */
    private static App boltApp(AppConfig config, AuthTestResponse auth) {
        return new App(config) {
            @Override
            protected List<Middleware> buildDefaultMiddlewareList(AppConfig c) {
                List<Middleware> middleware = new ArrayList<>();
                middleware.add(new SingleTeamAuthorization(c, auth, null));
                if (c.isIgnoringSelfEventsEnabled()) {
                    middleware.add(new IgnoringSelfEvents(
                            c.getSlack().getConfig(), c.isIgnoringSelfAssistantMessageEventsEnabled()));
                }
                return middleware;
            }
        };
    }

    private static WorkQueue queue(
            String name,
            Jdbi jdbi,
            Clock clock,
            Owner owner,
            WorkQueue.Settings settings,
            GiveWay giveWay,
            List<AutoCloseable> resources) {
        WorkQueue queue = new WorkQueue(name, jdbi, clock, owner, settings, giveWay);
        resources.add(queue);
        return queue;
    }

    private static AuthTestResponse authTest(MethodsClient methods, String apiUrl) throws StartupException {
        AuthTestResponse auth;
        try {
            auth = methods.authTest(r -> r);
        } catch (IOException | SlackApiException e) {
            throw new StartupException("Cannot reach the Slack Web API at " + apiUrl + ": " + SafeErrors.describe(e)
                    + ". Check the network, or SLACK_API_URL if you set it.");
        }
        if (!auth.isOk()) {
            throw new StartupException("SLACK_BOT_TOKEN was refused by Slack (" + auth.getError() + "). Copy the"
                    + " Bot User OAuth Token again from the app's OAuth & Permissions page.");
        }
        return auth;
    }

    /** The team's channels, and the features' settings with what they name in the workspace. */
    private record Resolved(Workspace workspace, List<Configured<?>> features) {}

    /** The team's channels, then what each feature's settings name; every problem stops the start. */
    private static Resolved resolve(MethodsClient methods, Settings<Configured<?>> settings, AuthTestResponse auth)
            throws StartupException {
        WorkspaceLookup lookup = new WorkspaceLookup(methods, true);
        Workspace workspace;
        List<Configured<?>> checked = new ArrayList<>();
        try {
            workspace = lookup.workspace(settings.config().channels(), auth.getUserId(), auth.getUrl());
            for (Configured<?> feature : settings.features()) {
                checked.add(feature.check(lookup));
            }
        } catch (RuntimeException e) {
            throw new StartupException("Cannot read the workspace's channels and user groups: " + SafeErrors.describe(e)
                    + ". The app needs the channels:read, groups:read and usergroups:read scopes.");
        }
        lookup.ok().forEach(line -> log.info("{}", line));
        lookup.warnings().forEach(line -> log.warn("{}", line));
        if (!lookup.problems().isEmpty()) {
            throw new StartupException(lookup.problems());
        }
        return new Resolved(workspace, checked);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** When Slack last said hello on the Socket Mode connection. */
    public Optional<Instant> lastSlackHello() {
        return socket.lastHello();
    }

    @Override
    public void close() {
        log.info("CE Bot is stopping: taking no new envelopes, finishing what is in hand");
        closeAll(resources);
        log.info("CE Bot stopped");
    }

    /**
     * Newest first: the socket stops taking envelopes and lets the handlers in hand send their acks,
     * then the work queues finish the attempt in hand and record it, and the store closes last.
     */
    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("Error while stopping: {}", SafeErrors.describe(e));
            }
        }
        resources.clear();
    }
}
