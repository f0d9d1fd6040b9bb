package com.cebot.supportticket.request;

import com.cebot.config.ConfigSection;
import com.cebot.customer.CustomerSuggestions;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.Interactions;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeChanges;
import com.cebot.home.HomeContribution;
import com.cebot.slack.StoredGroupMembers;
import com.cebot.slack.UnhandledInteractions;
import com.cebot.slack.UserGroupMembers;
import com.cebot.slack.WorkspaceLookup;
import com.cebot.supportticket.ContextCards;
import com.cebot.supportticket.ExportRow;
import com.cebot.supportticket.TicketExport;
import com.cebot.supportticket.TicketLinkParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The "Support Ticket Request" workflow. Its listeners parse, check, store and ack; views.open and
 * every post happen after the ack, through the modal opener and the outbox. Nothing here calls
 * Slack before the ack: who may decide is answered from {@link Approvers}' cache.
 *
 * <p>Settings, in the {@code support} section: {@code head_of_support} (a user ID, or a user group
 * as {@code @handle} or {@code S…}), {@code delegates} (user IDs), {@code request_nudge_working_hours}
 * and {@code confirm_members_within_hours} (how old a list of the group's members may be for its
 * members to decide); ticket numbers use {@code zendesk.subdomain}.
 */
public final class RequestFeature implements Feature<RequestFeature.Settings>, TicketExport {

    /** How often the head of support's user group is read again; a refused member triggers it sooner. */
    private static final Duration APPROVERS_REFRESH = Duration.ofMinutes(5);

    private final ContextCards contextCards;
    private final HomeChanges homeChanges;
    private final HomeContribution.WhenStarted home = new HomeContribution.WhenStarted();

    /**
     * @param headOfSupportMention the head of support as the workspace resolved {@code headOfSupport},
     *                             once looked up
     */
    record Settings(
            TicketLinkParser links,
            Optional<String> headOfSupport,
            List<String> delegates,
            int nudgeWorkingHours,
            int confirmMembersWithinHours,
            Optional<String> headOfSupportMention) {}

    /**
     * @param contextCards where support already has the context for a ticket (the context workflow)
     * @param homeChanges  told whose Home each change concerns
     */
    public RequestFeature(ContextCards contextCards, HomeChanges homeChanges) {
        this.contextCards = contextCards;
        this.homeChanges = homeChanges;
    }

    /** The workflow's part of Home: one's requests, those waiting on a decision, and its button. */
    public HomeContribution home() {
        return home;
    }

    @Override
    public Settings configure(ConfigSection root) {
        ConfigSection support = root.section("support");
        if (support.text("head_of_support").isEmpty()) {
            support.problem(support.name("head_of_support") + " is missing: set it to the head of support's user ID"
                    + " (U…) or a user group (@handle or S…).");
        }
        return new Settings(
                TicketLinkParser.configured(root),
                support.userOrGroup("head_of_support"),
                support.userIds("delegates"),
                support.integer("request_nudge_working_hours", 4, 1, 80),
                support.integer("confirm_members_within_hours", 24, 1, 720),
                Optional.empty());
    }

    @Override
    public Settings check(Settings s, WorkspaceLookup lookup) {
        return new Settings(
                s.links(),
                s.headOfSupport(),
                s.delegates(),
                s.nudgeWorkingHours(),
                s.confirmMembersWithinHours(),
                s.headOfSupport().flatMap(head -> lookup.mention("support.head_of_support", head)));
    }

    @Override
    public void start(Settings settings, Engine engine) {
        String head = settings.headOfSupportMention()
                .orElseThrow(() -> new IllegalStateException("support.head_of_support was not looked up before start"));
        String channel = engine.workspace().customerSupport();
        ZoneId zone = engine.team().schedule().timeZone();
        Clock clock = engine.clock();
        var approvers = new Approvers(
                head,
                settings.delegates(),
                Duration.ofHours(settings.confirmMembersWithinHours()),
                UserGroupMembers.Reader.fromSlack(engine.slack()),
                new StoredGroupMembers(engine.store()),
                clock);
        engine.onStop().accept(approvers);
        approvers.start(APPROVERS_REFRESH);
        approvers.watch(engine.groupChanges());
        var nudges = new RequestNudges(
                engine.scheduler(),
                engine.workingHours(),
                zone,
                settings.nudgeWorkingHours(),
                engine.outbox(),
                engine.permalinks(),
                head);
        var service = new RequestService(
                engine.store(),
                engine.outbox(),
                engine.permalinks(),
                approvers,
                channel,
                head,
                nudges,
                contextCards,
                homeChanges,
                clock);

        Interactions in = engine.interactions();
        Interactions.Opener open = in.shortcuts(
                RequestModal.CALLBACK_ID,
                RequestModal.MESSAGE_CALLBACK_ID,
                message -> RequestModal.build(channel, message));
        in.suggestions(RequestModal.CUSTOMER_SELECT, new CustomerSuggestions(engine.store())::options);
        in.submission(
                RequestModal.CALLBACK_ID,
                (view, user) -> RequestForm.check(view, settings.links(), LocalDate.ofInstant(clock.instant(), zone)),
                service.forms(engine.inbox()),
                RequestModal.ANYTHING_ELSE);
        for (Move move : Move.values()) {
            // Decline first asks why, in a modal opened with the click's trigger id.
            in.press(
                    move.actionId(),
                    "request",
                    (id, click) -> service.move(
                            id, move, click.user(), null, "action:" + click.actionTs() + ":" + click.user()),
                    (result, click) -> {
                        if (result instanceof RequestService.MoveResult.Invalid) {
                            click.tellPrivately(UnhandledInteractions.STALE_BUTTON);
                        } else if (result instanceof RequestService.MoveResult.NeedsReason needs) {
                            click.open(RequestModal.DECLINE_CALLBACK_ID, () -> RequestModal.decline(needs.request()));
                        }
                    });
        }
        in.change(
                RequestModal.DECLINE_CALLBACK_ID,
                (view, user) -> RequestForm.checkDecline(view),
                (decline, user, key) -> service.move(decline.requestId(), Move.DECLINE, user, decline.reason(), key),
                RequestModal.DECLINE_REASON,
                result -> Optional.empty());
        home.started(HomeContribution.of(
                List.of(new HomeContribution.Start(
                        "Ask the head of support for an exception", "home_start_request", open)),
                new RequestHome(engine.permalinks(), approvers)::parts));
    }

    @Override
    public String exportKind() {
        return "request";
    }

    @Override
    public List<ExportRow> exportSince(Jdbi store, Instant since) {
        return new RequestExport(store).since(since);
    }

    @Override
    public StoredRecords records() {
        return StoredRecords.in(RequestRecords.class);
    }
}
