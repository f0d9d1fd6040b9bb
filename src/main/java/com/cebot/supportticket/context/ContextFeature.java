package com.cebot.supportticket.context;

import com.cebot.config.ConfigSection;
import com.cebot.db.Deadline;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeContribution;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.ModalOpener;
import com.cebot.slack.Permalinks;
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
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Support Ticket Context" workflow. Its listeners parse, check, store and ack; views.open and
 * every post happen after the ack, through the modal opener and the outbox.
 *
 * <p>Settings: ticket numbers use {@code zendesk.subdomain}; {@code support.takers} (a user group,
 * {@code @handle} or {@code S…}) limits "I'll take it" to its members, and anyone may take a card
 * when it is unset.
 */
public final class ContextFeature implements Feature, TicketExport, ContextCards, HomeContribution, StoredRecords {

    private static final Logger log = LoggerFactory.getLogger(ContextFeature.class);
    /** How often the takers' group is read again; a change event or a refused member triggers it sooner. */
    private static final Duration TAKERS_REFRESH = Duration.ofMinutes(5);

    private TicketLinkParser links;
    private String takersSetting;
    private String takersMention;
    private ContextService service;
    private CustomerSuggestions customers;
    private ModalOpener modals;
    private MethodsClient methods;
    private String channelId;
    private Permalinks permalinks;
    private ContextHome home;

    @Override
    public void configure(ConfigSection root) {
        links = TicketLinkParser.configured(root);
        ConfigSection support = root.section("support");
        takersSetting = support.text("takers").orElse(null);
        if (takersSetting != null && !takersSetting.matches("S[A-Z0-9]{2,}|@?[a-z0-9][a-z0-9._-]*")) {
            support.problem(support.name("takers") + " \"" + takersSetting + "\" is not a user group: name the group"
                    + " that takes support tickets (@handle or S…), or leave it out to let anyone take them.");
            takersSetting = null;
        }
    }

    @Override
    public void check(WorkspaceLookup lookup) {
        takersMention = takersSetting == null ? null : lookup.mention("support.takers", takersSetting).orElse(null);
    }

    @Override
    public void start(Engine engine) {
        channelId = engine.workspace().customerSupport();
        permalinks = engine.permalinks();
        home = new ContextHome(permalinks);
        Takers takers = takers(engine);
        engine.onStop().accept(takers);
        takers.start(TAKERS_REFRESH, engine.groupChanges());
        service = new ContextService(engine.store(), engine.inbox(), engine.outbox(), engine.permalinks(), channelId,
                takers, engine.clock());
        customers = new CustomerSuggestions(engine.store());
        modals = engine.modals();
        methods = engine.slack();
        register(engine.app());
    }

    /** Anyone, or the members of the group {@code support.takers} names, as the workspace resolved it. */
    private Takers takers(Engine engine) {
        if (takersSetting == null) {
            return Takers.ANYONE;
        }
        if (takersMention == null) {
            throw new IllegalStateException("support.takers was not looked up before start");
        }
        String groupId = takersMention.substring("<!subteam^".length(), takersMention.length() - 1);
        return new Takers(takersMention, new UserGroupMembers(groupId, "support takers group",
                UserGroupMembers.Reader.fromSlack(engine.slack()), new StoredGroupMembers(engine.store()),
                engine.clock()));
    }

    private void register(App app) {
        app.globalShortcut(ContextModal.CALLBACK_ID, (req, ctx) -> {
            open(req.getPayload().getTriggerId(), () -> ContextModal.Prefill.NONE);
            return ctx.ack();
        });
        app.messageShortcut(ContextModal.MESSAGE_CALLBACK_ID, (req, ctx) -> {
            var p = req.getPayload();
            open(p.getTriggerId(), () -> prefill(p));
            return ctx.ack();
        });
        app.blockSuggestion(ContextModal.CUSTOMER_SELECT,
                (req, ctx) -> ctx.ack(r -> r.options(customers.options(req.getPayload().getValue()))));
        app.viewSubmission(ContextModal.CALLBACK_ID, this::submitted);
        app.blockAction(ContextCard.CLAIM, this::claimed);
        app.blockAction(ContextCard.RELEASE, this::released);
    }

    @Override
    public Optional<String> cardLink(Handle handle, List<String> ticketKeys) {
        if (permalinks == null || ticketKeys.isEmpty()) {
            return Optional.empty();
        }
        return handle.attach(ContextRepository.class).cardForTickets(ticketKeys)
                .filter(card -> card.ts() != null)
                .map(card -> permalinks.message(card.channel(), card.ts()));
    }

    @Override
    public List<Start> starts() {
        return List.of(new Start("Support Ticket Context", "home_start_context",
                (triggerId, userId) -> open(triggerId, () -> ContextModal.Prefill.NONE)));
    }

    @Override
    public List<Part> parts(Handle handle, Person person) {
        return home.parts(handle, person);
    }

    @Override
    public String exportKind() {
        return "context";
    }

    @Override
    public List<ExportRow> exportSince(Jdbi store, Instant since) {
        return new ContextExport(store).since(since);
    }

    @Override
    public List<Count> forget(Handle handle, String person) {
        return handle.attach(ContextRecords.class).forget(person);
    }

    @Override
    public List<Count> purge(Handle handle, Instant before, int limit) {
        return handle.attach(ContextRecords.class).purge(before, limit);
    }

    @Override
    public Set<String> anchorsInUse(Handle handle, Collection<String> keys) {
        return handle.attach(ContextRecords.class).cardKeys(keys);
    }

    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        ContextForm.Checked checked = ContextForm.check(view, links);
        if (checked instanceof ContextForm.Checked.Invalid invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        ContextDraft draft = ((ContextForm.Checked.Valid) checked).draft();
        SubmittedForms.Accepted accepted = service.accept(draft, view.getId(), ctx.getRequestUserId());
        if (accepted instanceof SubmittedForms.Accepted.NotStored) {
            return ctx.ackWithErrors(Map.of(ContextModal.BACKGROUND, SubmittedForms.NOT_STORED));
        }
        if (accepted instanceof SubmittedForms.Accepted.Repeat) {
            log.info("support context {} delivered again; already accepted", view.getId());
        }
        return ctx.ack();
    }

    private Response claimed(BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        var action = payload.getActions().get(0);
        String user = ctx.getRequestUserId();
        OptionalLong id = UnhandledInteractions.pressedRecord(modals, ctx, action.getActionId(), action.getValue());
        if (id.isEmpty()) {
            return ctx.ack();
        }
        ContextService.Claim claim;
        try {
            claim = Deadline.within(Deadline.BEFORE_ACK, () -> service.claim(id.getAsLong(), user,
                    payload.getChannel() == null ? channelId : payload.getChannel().getId(), action.getActionTs()));
        } catch (RuntimeException e) {
            log.error("claim of context card {} by {} not recorded: {}", action.getValue(), user, SafeErrors.describe(e));
            modals.tellPrivately(ctx, SubmittedForms.NOT_RECORDED);
            return ctx.ack();
        }
        if (claim instanceof ContextService.Claim.NoSuchCard) {
            modals.tellPrivately(ctx, UnhandledInteractions.STALE_BUTTON);
        }
        log.info("claim of context card {} by {}: {}", action.getValue(), ctx.getRequestUserId(), claim);
        return ctx.ack();
    }

    private Response released(BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        var action = payload.getActions().get(0);
        String user = ctx.getRequestUserId();
        OptionalLong id = UnhandledInteractions.pressedRecord(modals, ctx, action.getActionId(), action.getValue());
        if (id.isEmpty()) {
            return ctx.ack();
        }
        ContextService.Release release;
        try {
            release = Deadline.within(Deadline.BEFORE_ACK, () -> service.release(id.getAsLong(), user,
                    payload.getChannel() == null ? channelId : payload.getChannel().getId(), action.getActionTs()));
        } catch (RuntimeException e) {
            log.error("release of context card {} by {} not recorded: {}", action.getValue(), user,
                    SafeErrors.describe(e));
            modals.tellPrivately(ctx, SubmittedForms.NOT_RECORDED);
            return ctx.ack();
        }
        if (release instanceof ContextService.Release.NoSuchCard) {
            modals.tellPrivately(ctx, UnhandledInteractions.STALE_BUTTON);
        }
        log.info("release of context card {} by {}: {}", action.getValue(), user, release);
        return ctx.ack();
    }

    private void open(String triggerId, Supplier<ContextModal.Prefill> prefill) {
        modals.open(ContextModal.CALLBACK_ID, triggerId, () -> ContextModal.build(channelId, prefill.get()));
    }

    /** The message's link and its text, quoted, to start the background from. */
    private ContextModal.Prefill prefill(MessageShortcutPayload p) {
        ShortcutMessage message = ShortcutMessage.read(p, methods);
        return new ContextModal.Prefill(message.link(), message.quoted(), message.channel(), message.ts());
    }
}
