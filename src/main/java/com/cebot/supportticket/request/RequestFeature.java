package com.cebot.supportticket.request;

import com.cebot.config.ConfigSection;
import com.cebot.db.Deadline;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeContribution;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.ModalOpener;
import com.cebot.slack.StoredGroupMembers;
import com.cebot.slack.UnhandledInteractions;
import com.cebot.slack.UserGroupMembers;
import com.cebot.slack.WorkspaceLookup;
import com.cebot.supportticket.ContextCards;
import com.cebot.supportticket.CustomerSuggestions;
import com.cebot.supportticket.ExportRow;
import com.cebot.supportticket.ShortcutMessage;
import com.cebot.supportticket.TicketExport;
import com.cebot.supportticket.TicketLinkParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class RequestFeature implements Feature, TicketExport, HomeContribution, StoredRecords {

    private static final Logger log = LoggerFactory.getLogger(RequestFeature.class);
    /** How often the head of support's user group is read again; a refused member triggers it sooner. */
    private static final Duration APPROVERS_REFRESH = Duration.ofMinutes(5);

    private final ContextCards contextCards;
    private TicketLinkParser links;
    private String headOfSupport;
    private List<String> delegates;
    private int nudgeWorkingHours;
    private int confirmMembersWithinHours;
    private String headOfSupportMention;

    private RequestService service;
    private CustomerSuggestions customers;
    private ModalOpener modals;
    private MethodsClient methods;
    private String channelId;
    private ZoneId zone;
    private Clock clock;
    private RequestHome home;

    /** @param contextCards where support already has the context for a ticket (the context workflow) */
    public RequestFeature(ContextCards contextCards) {
        this.contextCards = contextCards;
    }

    @Override
    public void configure(ConfigSection root) {
        links = TicketLinkParser.configured(root);
        ConfigSection support = root.section("support");
        headOfSupport = support.text("head_of_support").orElse(null);
        if (headOfSupport == null) {
            support.problem(support.name("head_of_support") + " is missing: set it to the head of support's user ID"
                    + " (U…) or a user group (@handle or S…).");
        } else if (!headOfSupport.matches("[UW][A-Z0-9]{2,}|S[A-Z0-9]{2,}|@?[a-z0-9][a-z0-9._-]*")) {
            support.problem(support.name("head_of_support") + " \"" + headOfSupport + "\" is neither a user ID (U…)"
                    + " nor a user group (@handle or S…).");
        }
        delegates = support.userIds("delegates");
        nudgeWorkingHours = support.integer("request_nudge_working_hours", 4, 1, 80);
        confirmMembersWithinHours = support.integer("confirm_members_within_hours", 24, 1, 720);
    }

    @Override
    public void check(WorkspaceLookup lookup) {
        headOfSupportMention = lookup.mention("support.head_of_support", headOfSupport).orElse(null);
    }

    @Override
    public void start(Engine engine) {
        if (headOfSupportMention == null) {
            throw new IllegalStateException("support.head_of_support was not looked up before start");
        }
        channelId = engine.workspace().customerSupport();
        zone = engine.team().schedule().timeZone();
        clock = engine.clock();
        modals = engine.modals();
        methods = engine.slack();
        customers = new CustomerSuggestions(engine.store());
        var approvers = new Approvers(headOfSupportMention, delegates, Duration.ofHours(confirmMembersWithinHours),
                UserGroupMembers.Reader.fromSlack(engine.slack()), new StoredGroupMembers(engine.store()), clock);
        engine.onStop().accept(approvers);
        approvers.start(APPROVERS_REFRESH);
        approvers.watch(engine.groupChanges());
        home = new RequestHome(engine.permalinks(), approvers);
        var nudges = new RequestNudges(engine.scheduler(), engine.workingHours(), zone, nudgeWorkingHours,
                engine.outbox(), engine.permalinks(), headOfSupportMention);
        service = new RequestService(engine.store(), engine.inbox(), engine.outbox(), engine.permalinks(), approvers,
                channelId, headOfSupportMention, nudges, contextCards, clock);
        register(engine.app());
    }

    @Override
    public List<Start> starts() {
        return List.of(new Start("Support Ticket Request", "home_start_request", (triggerId, userId) -> modals.open(
                RequestModal.CALLBACK_ID, triggerId, () -> RequestModal.build(channelId, RequestModal.Prefill.NONE))));
    }

    @Override
    public List<Part> parts(Handle handle, Person person) {
        return home.parts(handle, person);
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
    public List<Count> forget(Handle handle, String person) {
        return handle.attach(RequestRecords.class).forget(person);
    }

    @Override
    public List<Count> purge(Handle handle, Instant before, int limit) {
        return handle.attach(RequestRecords.class).purge(before, limit);
    }

    @Override
    public Set<String> anchorsInUse(Handle handle, Collection<String> keys) {
        return handle.attach(RequestRecords.class).cardKeys(keys);
    }

    private void register(App app) {
        app.globalShortcut(RequestModal.CALLBACK_ID, (req, ctx) -> {
            modals.open(RequestModal.CALLBACK_ID, req.getPayload().getTriggerId(),
                    () -> RequestModal.build(channelId, RequestModal.Prefill.NONE));
            return ctx.ack();
        });
        app.messageShortcut(RequestModal.MESSAGE_CALLBACK_ID, (req, ctx) -> {
            var p = req.getPayload();
            modals.open(RequestModal.CALLBACK_ID, p.getTriggerId(), () -> {
                ShortcutMessage m = ShortcutMessage.read(p, methods);
                return RequestModal.build(channelId, new RequestModal.Prefill(m.link(), m.quoted(), m.channel(), m.ts()));
            });
            return ctx.ack();
        });
        app.blockSuggestion(RequestModal.CUSTOMER_SELECT,
                (req, ctx) -> ctx.ack(r -> r.options(customers.options(req.getPayload().getValue()))));
        app.viewSubmission(RequestModal.CALLBACK_ID, this::submitted);
        for (Move move : Move.values()) {
            app.blockAction(move.actionId(), this::clicked);
        }
        app.viewSubmission(RequestModal.DECLINE_CALLBACK_ID, this::declined);
    }

    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        RequestForm.Checked checked = RequestForm.check(view, links, today);
        if (checked instanceof RequestForm.Checked.Invalid invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        RequestDraft draft = ((RequestForm.Checked.Valid) checked).draft();
        SubmittedForms.Accepted accepted = service.accept(draft, view.getId(), ctx.getRequestUserId());
        if (accepted instanceof SubmittedForms.Accepted.NotStored) {
            return ctx.ackWithErrors(Map.of(RequestModal.ANYTHING_ELSE, SubmittedForms.NOT_STORED));
        }
        if (accepted instanceof SubmittedForms.Accepted.Repeat) {
            log.info("support request {} delivered again; already accepted", view.getId());
        }
        return ctx.ack();
    }

    /** A card button. Decline first asks why, in a modal opened with this click's trigger id. */
    private Response clicked(BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        var action = payload.getActions().get(0);
        String user = ctx.getRequestUserId();
        Move move = Move.ofActionId(action.getActionId());
        OptionalLong id = UnhandledInteractions.pressedRecord(modals, ctx, action.getActionId(), action.getValue());
        if (id.isEmpty()) {
            return ctx.ack();
        }
        RequestService.MoveResult result;
        try {
            result = Deadline.within(Deadline.BEFORE_ACK, () -> service.move(id.getAsLong(), move,
                    user, null, "action:" + action.getActionTs() + ":" + user));
        } catch (RuntimeException e) {
            log.error("{} on request {} by {} not recorded: {}", move, action.getValue(), user, SafeErrors.describe(e));
            modals.tellPrivately(ctx, SubmittedForms.NOT_RECORDED);
            return ctx.ack();
        }
        if (result instanceof RequestService.MoveResult.Invalid) {
            modals.tellPrivately(ctx, UnhandledInteractions.STALE_BUTTON);
        }
        if (result instanceof RequestService.MoveResult.NeedsReason needs) {
            modals.open(RequestModal.DECLINE_CALLBACK_ID, payload.getTriggerId(),
                    () -> RequestModal.decline(needs.request()));
        }
        log.info("{} on request {} by {}: {}", move, action.getValue(), user, outcome(result));
        return ctx.ack();
    }

    private Response declined(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        RequestForm.Decline checked = RequestForm.checkDecline(view);
        if (checked instanceof RequestForm.Decline.Invalid invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        RequestForm.Decline.Valid decline = (RequestForm.Decline.Valid) checked;
        RequestService.MoveResult result;
        try {
            result = Deadline.within(Deadline.BEFORE_ACK, () -> service.move(decline.requestId(), Move.DECLINE,
                    ctx.getRequestUserId(), decline.reason(), "view:" + view.getId()));
        } catch (RuntimeException e) {
            log.error("decline of request {} by {} not recorded: {}", decline.requestId(), ctx.getRequestUserId(),
                    SafeErrors.describe(e));
            return ctx.ackWithErrors(Map.of(RequestModal.DECLINE_REASON, SubmittedForms.NOT_STORED));
        }
        log.info("decline of request {} by {}: {}", decline.requestId(), ctx.getRequestUserId(), outcome(result));
        return ctx.ack();
    }

    /** The kind of result only: a moved request carries what the CE typed, which stays out of logs. */
    private static String outcome(RequestService.MoveResult result) {
        return result instanceof RequestService.MoveResult.AlreadyMoved a ? "AlreadyMoved(" + a.current() + ")"
                : result.getClass().getSimpleName();
    }
}
