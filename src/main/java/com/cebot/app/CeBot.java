package com.cebot.app;

import com.cebot.config.Settings;
import com.cebot.db.Database;
import com.cebot.db.DeliveryPurge;
import com.cebot.inbox.Inbox;
import com.cebot.ooo.OooFeature;
import com.cebot.outbox.Outbox;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WorkingHours;
import com.cebot.sdrcollab.SdrFeature;
import com.cebot.slack.Background;
import com.cebot.slack.InteractionLog;
import com.cebot.slack.ModalOpener;
import com.cebot.slack.Permalinks;
import com.cebot.slack.RepeatDeliveryFilter;
import com.cebot.slack.SlackClients;
import com.cebot.slack.SocketModeConnection;
import com.cebot.slack.Workspace;
import com.cebot.slack.WorkspaceSetup;
import com.cebot.supportticket.CustomerSuggestions;
import com.cebot.supportticket.TicketLinkParser;
import com.cebot.supportticket.context.ContextFeature;
import com.cebot.supportticket.context.ContextService;
import com.cebot.supportticket.request.Approvers;
import com.cebot.supportticket.request.RequestFeature;
import com.cebot.supportticket.request.RequestNudges;
import com.cebot.supportticket.request.RequestService;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot, wired by hand: every collaborator is made here and passed by constructor. Tests
 * start exactly this against a loopback Slack.
 */
public final class CeBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CeBot.class);

    /** Knobs that tests turn down; production uses {@link #DEFAULT}. */
    public record Tuning(Duration slackTimeout, Outbox.Timing outbox, int envelopeThreads, int afterAckThreads,
            Duration schedulerPoll, SocketModeConnection.Timing socket) {
        public static final Tuning DEFAULT = new Tuning(Duration.ofSeconds(10), Outbox.Timing.DEFAULT, 16, 8,
                Duration.ofSeconds(30), SocketModeConnection.Timing.DEFAULT);
    }

    /** How often the head of support's user group is read again; a refused member triggers it sooner. */
    private static final Duration APPROVERS_REFRESH = Duration.ofMinutes(5);

    private final List<AutoCloseable> resources;
    private final Jdbi jdbi;
    private final Workspace workspace;
    private final AtomicReference<Instant> lastSlackHello;

    private CeBot(List<AutoCloseable> resources, Jdbi jdbi, Workspace workspace,
            AtomicReference<Instant> lastSlackHello) {
        this.resources = resources;
        this.jdbi = jdbi;
        this.workspace = workspace;
        this.lastSlackHello = lastSlackHello;
    }

    public static CeBot start(Settings settings, Clock clock, Tuning tuning) throws StartupException {
        var secrets = settings.secrets();
        Slack slack = SlackClients.create(secrets.slackApiUrl(), tuning.slackTimeout());
        MethodsClient methods = slack.methods(secrets.botToken());
        AuthTestResponse auth = authTest(methods, secrets.slackApiUrl());
        checkAppToken(slack, secrets.appToken());
        Database.Pooled store = Database.pooled(secrets.databaseUrl());
        Jdbi jdbi = store.jdbi();
        Workspace workspace;
        try {
            workspace = resolve(methods, settings, auth);
        } catch (StartupException e) {
            store.close();
            throw e;
        }

        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(store);
        Outbox outbox = new Outbox(jdbi, methods, clock, tuning.outbox());
        Background background = new Background(tuning.afterAckThreads(), 10_000);
        Scheduler scheduler = new Scheduler(jdbi, clock, tuning.schedulerPoll());
        Inbox inbox = new Inbox(jdbi, clock, tuning.outbox().poll());
        resources.add(scheduler);
        resources.add(background);
        resources.add(outbox);
        resources.add(inbox);

        App app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(secrets.botToken())
                // Events nobody listens to yet (every message in the channels the bot is in, edits,
                // Home tab opens) are acked all the same; unacked, Slack retries them and may turn
                // event delivery off for the app.
                .allEventsApiAutoAckEnabled(true)
                .build());
        app.use(new InteractionLog());
        app.use(new RepeatDeliveryFilter(jdbi, clock));
        var permalinks = new Permalinks(workspace.teamUrl());
        var modals = new ModalOpener(background, methods);
        var ticketLinks = new TicketLinkParser(settings.config().zendesk().subdomain());
        var customers = new CustomerSuggestions(jdbi);
        var contexts = new ContextService(jdbi, inbox, outbox, permalinks, workspace.customerSupport(), clock);
        new ContextFeature(contexts, ticketLinks, customers, modals, methods, workspace.customerSupport())
                .register(app);
        var support = settings.config().support();
        var approvers = new Approvers(workspace.headOfSupportMention(), support.delegates(),
                Approvers.fromSlack(methods), clock);
        resources.add(approvers);
        approvers.start(APPROVERS_REFRESH);
        new OooFeature().register(app);
        new SdrFeature(modals, workspace.ce(), settings.config().sdrCollab().userGroup()).register(app);
        var schedule = settings.config().schedule();
        var nudges = new RequestNudges(scheduler, new WorkingHours(schedule), schedule.timeZone(),
                support.requestNudgeWorkingHours(), outbox, permalinks, workspace.headOfSupportMention());
        var requests = new RequestService(jdbi, inbox, outbox, permalinks, approvers, workspace.customerSupport(),
                workspace.headOfSupportMention(), nudges, clock);
        new RequestFeature(requests, ticketLinks, customers, modals, methods, workspace.customerSupport(),
                settings.config().schedule().timeZone(), clock).register(app);

        new DeliveryPurge(scheduler, clock).start(jdbi);
        outbox.start();
        inbox.start();
        scheduler.start();
        AtomicReference<Instant> lastSlackHello = new AtomicReference<>();
        SocketModeConnection socket;
        try {
            socket = connect(secrets.appToken(), app, tuning, clock, lastSlackHello::set);
        } catch (StartupException e) {
            closeAll(resources);
            throw e;
        }
        // Last in, so first closed: running handlers send their acks while the store is still open.
        resources.add(socket);
        log.info("CE Bot is connected as {} and listening", auth.getUserId());
        return new CeBot(resources, jdbi, workspace, lastSlackHello);
    }

    private static AuthTestResponse authTest(MethodsClient methods, String apiUrl) throws StartupException {
        AuthTestResponse auth;
        try {
            auth = methods.authTest(r -> r);
        } catch (IOException | SlackApiException e) {
            throw new StartupException("Cannot reach the Slack Web API at " + apiUrl + ": " + e.getMessage()
                    + ". Check the network, or SLACK_API_URL if you set it.");
        }
        if (!auth.isOk()) {
            throw new StartupException("SLACK_BOT_TOKEN was refused by Slack (" + auth.getError() + "). Copy the"
                    + " Bot User OAuth Token again from the app's OAuth & Permissions page.");
        }
        return auth;
    }

    private static Workspace resolve(MethodsClient methods, Settings settings, AuthTestResponse auth)
            throws StartupException {
        WorkspaceSetup.Report report;
        try {
            report = new WorkspaceSetup(methods, settings.config()).resolve(auth.getUserId(), auth.getUrl(), true);
        } catch (IOException | SlackApiException | RuntimeException e) {
            throw new StartupException("Cannot read the workspace's channels and user groups: " + e.getMessage()
                    + ". The app needs the channels:read, groups:read and usergroups:read scopes.");
        }
        report.ok().forEach(line -> log.info("{}", line));
        report.warnings().forEach(line -> log.warn("{}", line));
        if (report.workspace().isEmpty()) {
            throw new StartupException(report.problems());
        }
        return report.workspace().get();
    }

    /** The app token is tried before anything starts, so a refused one stops the bot with nothing to undo. */
    private static void checkAppToken(Slack slack, String appToken) throws StartupException {
        try {
            var open = slack.methods().appsConnectionsOpen(r -> r.token(appToken));
            if (!open.isOk()) {
                throw new StartupException("SLACK_APP_TOKEN was refused by Slack (" + open.getError() + "). Create an"
                        + " app-level token with the connections:write scope under Basic Information.");
            }
        } catch (IOException | SlackApiException e) {
            throw new StartupException("Cannot open a Socket Mode connection with SLACK_APP_TOKEN: " + e.getMessage());
        }
    }

    /** Returns once Slack said hello on the socket; a failed start has closed what it opened. */
    private static SocketModeConnection connect(String appToken, App app, Tuning tuning, Clock clock,
            Consumer<Instant> onHello) throws StartupException {
        SocketModeConnection socket = new SocketModeConnection(app, appToken, tuning.envelopeThreads(),
                tuning.socket(), clock, onHello);
        try {
            socket.start();
            return socket;
        } catch (SocketModeConnection.StartFailure e) {
            throw new StartupException(e.getMessage());
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** When Slack last said hello on the Socket Mode connection (at start and after each reconnect). */
    public Optional<Instant> lastSlackHello() {
        return Optional.ofNullable(lastSlackHello.get());
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    /** Newest first: the socket stops taking work before the store it writes to closes. */
    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            closeQuietly(resources.get(i));
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Error while stopping: {}", e.toString());
        }
    }
}
