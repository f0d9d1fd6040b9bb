package com.cebot.ooo;

import com.cebot.config.ConfigSection;
import com.cebot.db.Deadline;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeContribution;
import com.cebot.slack.UnhandledInteractions;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.ModalOpener;
import com.cebot.supportticket.CustomerSuggestions;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OOO protocol behind {@code /ooo}: the modal, its checks, the summary DM with the handbook's
 * steps to tick, durable reminders in the person's time zone, the coverers' DMs, the announcement
 * in #ce-internal, one thread reply to a mention of someone who is out, and who is away for other
 * workflows ({@link Absences}). Listeners ack at once: Slack is called only after the ack (the
 * person's time zone is read while the modal opens) or from the outbox and jobs.
 *
 * <p>Settings, in the {@code ooo} section: {@code remind_days_before} (working days before the first
 * day for the reminder of open steps), {@code max_planned_periods} (periods not yet ended one person
 * may have) and {@code coverer_dms_per_day} (DMs one person's time off may send each person covering
 * in a day). Reminders use {@code schedule.reminder_hour} in the person's zone, falling back to
 * {@code schedule.time_zone}.
 */
public final class OooFeature implements Feature, Absences, HomeContribution, StoredRecords {

    private static final Logger log = LoggerFactory.getLogger(OooFeature.class);

    static final String COMMAND = "/ooo";
    /** The days {@code /ooo list} looks ahead. */
    static final int LIST_DAYS = 14;

    private int remindDays;
    private int maxPlanned;
    private int covererDmsPerDay;
    private Jdbi store;
    private Clock clock;
    private ZoneId teamZone;
    private String ceInternal;
    private MethodsClient slack;
    private ModalOpener modals;
    private OooService service;
    private OooTeam team;
    private CustomerSuggestions customers;
    private Absences absences;
    private OooHome home;

    @Override
    public void configure(ConfigSection root) {
        ConfigSection ooo = root.section("ooo");
        remindDays = ooo.integer("remind_days_before", 3, 1, 20);
        maxPlanned = ooo.integer("max_planned_periods", 10, 1, 100);
        covererDmsPerDay = ooo.integer("coverer_dms_per_day", 4, 1, 50);
    }

    @Override
    public void start(Engine engine) {
        store = engine.store();
        clock = engine.clock();
        teamZone = engine.team().schedule().timeZone();
        ceInternal = engine.workspace().ceInternal();
        slack = engine.slack();
        modals = engine.modals();
        customers = new CustomerSuggestions(store);
        absences = new StoredAbsences(store, clock, teamZone);
        team = new OooTeam(engine.team(), ceInternal, engine.workingHours());
        home = new OooHome(team, clock);
        var reminders = new OooReminders(engine.scheduler(), engine.workingHours(), remindDays, engine.outbox(), store,
                slack, team);
        service = new OooService(store, engine.inbox(), engine.outbox(), reminders, team, remindDays, maxPlanned,
                new CovererDms(covererDmsPerDay), clock);
        engine.messages().subscribe(new MentionReplies(store, engine.outbox(), engine.permalinks(), team,
                Set.of(engine.workspace().ce(), engine.workspace().customerSupport()), clock));
        register(engine.app());
    }

    private void register(App app) {
        app.command(COMMAND, this::command);
        app.viewSubmission(OooModal.CALLBACK_ID, this::submitted);
        app.blockSuggestion(OooModal.CUSTOMER_SELECT,
                (req, ctx) -> ctx.ack(r -> r.options(customers.options(req.getPayload().getValue()))));
        app.blockAction(Pattern.compile(Pattern.quote(OooNotices.TICK) + "_[a-z]+"), this::ticked);
        app.blockAction(OooNotices.EDIT, this::edit);
        app.blockAction(OooNotices.CANCEL, this::cancel);
    }

    private LocalDate teamToday() {
        return LocalDate.ofInstant(clock.instant(), teamZone);
    }

    /**
     * {@code /ooo} opens the modal (and lists the caller's upcoming time off to edit or cancel);
     * {@code list} and {@code help} answer privately; anything else gets the help, never an error.
     */
    private Response command(SlashCommandRequest req, SlashCommandContext ctx) {
        String text = req.getPayload().getText() == null ? "" : req.getPayload().getText().strip().toLowerCase(Locale.ROOT);
        String user = ctx.getRequestUserId();
        if (text.isEmpty()) {
            modals.open(OooModal.CALLBACK_ID, req.getPayload().getTriggerId(),
                    () -> OooModal.build(OooModal.Prefill.NEW, zoneOf(user), ceInternal));
            List<OooNotices.Shown> own = ownUpcoming(user);
            return own.isEmpty() ? ctx.ack()
                    : ctx.ack(r -> r.responseType("ephemeral").text("Your upcoming time off").blocks(OooNotices.own(own)));
        }
        if (text.equals("list")) {
            LocalDate today = teamToday();
            String list;
            try {
                list = OooNotices.list(Deadline.within(Deadline.BEFORE_ACK,
                        () -> service.between(today, today.plusDays(LIST_DAYS))), today);
            } catch (RuntimeException e) {
                log.error("/ooo list for {}: {}", user, SafeErrors.describe(e));
                list = "I couldn't read who is out just now: the bot's database is busy. Try again in a moment.";
            }
            String answer = list;
            return ctx.ack(r -> r.responseType("ephemeral").text(answer));
        }
        return ctx.ack(r -> r.responseType("ephemeral").text(OooNotices.help(ceInternal)));
    }

    private List<OooNotices.Shown> ownUpcoming(String user) {
        try {
            return Deadline.within(Deadline.BEFORE_ACK, () -> store.withHandle(h ->
                    h.attach(OooRepository.class).notEndedOf(user, teamToday().minusDays(1)).stream()
                            .filter(p -> OooService.editable(p, clock.instant())).map(p -> team.shown(h, p)).toList()));
        } catch (RuntimeException e) {
            log.warn("/ooo for {}: upcoming time off not listed: {}", user, SafeErrors.describe(e));
            return List.of();
        }
    }

    /** The person's Slack time zone, read after the ack; the team's when Slack gives none. */
    private String zoneOf(String user) {
        try {
            var r = slack.usersInfo(q -> q.user(user));
            if (r.isOk() && r.getUser() != null && r.getUser().getTz() != null) {
                return ZoneId.of(r.getUser().getTz()).getId();
            }
            log.warn("users.info for {}: {}; using the team's time zone", user, r.isOk() ? "no tz" : r.getError());
        } catch (Exception e) {
            log.warn("users.info for {} failed; using the team's time zone: {}", user, SafeErrors.describe(e));
        }
        return teamZone.getId();
    }

    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String user = ctx.getRequestUserId();
        String zone = zone(OooModal.Metadata.decode(view.getPrivateMetadata()).zone());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(zone));
        List<OooPeriod> own;
        try {
            own = Deadline.within(Deadline.BEFORE_ACK, () -> service.notEndedOf(user, today.minusDays(1)));
        } catch (RuntimeException e) {
            // The transaction checks again; a busy store here must not refuse the form.
            own = List.of();
        }
        OooForm.Checked checked = OooForm.check(view, user, zone, today, own, service.maxPlanned());
        if (checked instanceof OooForm.Checked.Invalid invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        OooDraft draft = ((OooForm.Checked.Valid) checked).draft();
        SubmittedForms.Accepted accepted = service.accept(draft, view.getId(), user);
        if (accepted instanceof SubmittedForms.Accepted.NotStored) {
            return ctx.ackWithErrors(Map.of(OooModal.PLAN, SubmittedForms.NOT_STORED));
        }
        return ctx.ack();
    }

    private String zone(String fromMetadata) {
        try {
            return fromMetadata == null ? teamZone.getId() : ZoneId.of(fromMetadata).getId();
        } catch (RuntimeException e) {
            return teamZone.getId();
        }
    }

    private Response ticked(BlockActionRequest req, ActionContext ctx) {
        var action = req.getPayload().getActions().get(0);
        String user = ctx.getRequestUserId();
        String[] value = action.getValue() == null ? new String[0] : action.getValue().split("\\|");
        var step = value.length == 2 ? OooStep.ofCode(value[1]) : java.util.Optional.<OooStep>empty();
        if (step.isEmpty() || !value[0].matches("ooo:\\d+:v\\d+:(summary|remind)")) {
            log.warn("tick from {} with an unreadable value", user);
            return ctx.ack();
        }
        changed(ctx, "tick", () -> service.tick(value[0], step.get(), user, "ooo-tick:" + action.getActionTs() + ":" + user),
                "Only the person taking this time off can tick its steps.");
        return ctx.ack();
    }

    private Response cancel(BlockActionRequest req, ActionContext ctx) {
        var action = req.getPayload().getActions().get(0);
        String user = ctx.getRequestUserId();
        OptionalLong found = UnhandledInteractions.pressedRecord(modals, ctx, action.getActionId(), action.getValue());
        if (found.isEmpty()) {
            return ctx.ack();
        }
        long id = found.getAsLong();
        changed(ctx, "cancel", () -> service.cancel(id, user, "ooo-cancel:" + action.getActionTs() + ":" + user),
                OooNotices.cannotEdit());
        return ctx.ack();
    }

    private void changed(ActionContext ctx, String what, java.util.function.Supplier<OooService.Changed> change,
            String refusal) {
        OooService.Changed result;
        try {
            result = Deadline.within(Deadline.BEFORE_ACK, change);
        } catch (RuntimeException e) {
            log.error("ooo {} by {} not recorded: {}", what, ctx.getRequestUserId(), SafeErrors.describe(e));
            modals.tellPrivately(ctx, SubmittedForms.NOT_RECORDED);
            return;
        }
        if (result instanceof OooService.Changed.Refused) {
            modals.tellPrivately(ctx, refusal);
        }
        log.info("ooo {} by {}: {}", what, ctx.getRequestUserId(), result.getClass().getSimpleName());
    }

    private Response edit(BlockActionRequest req, ActionContext ctx) {
        var action = req.getPayload().getActions().get(0);
        String user = ctx.getRequestUserId();
        OptionalLong id = UnhandledInteractions.pressedRecord(modals, ctx, action.getActionId(), action.getValue());
        if (id.isEmpty()) {
            return ctx.ack();
        }
        java.util.Optional<OooPeriod> found;
        try {
            found = Deadline.within(Deadline.BEFORE_ACK, () -> service.period(id.getAsLong()));
        } catch (RuntimeException e) {
            log.warn("edit by {} not opened: {}", user, SafeErrors.describe(e));
            modals.tellPrivately(ctx, SubmittedForms.NOT_RECORDED);
            return ctx.ack();
        }
        if (found.isEmpty() || !found.get().person().equals(user) || !OooService.editable(found.get(), clock.instant())) {
            modals.tellPrivately(ctx, OooNotices.cannotEdit());
            return ctx.ack();
        }
        OooPeriod p = found.get();
        modals.open(OooModal.CALLBACK_ID, req.getPayload().getTriggerId(), () -> OooModal.build(
                OooModal.Prefill.of(p, store.withHandle(h -> team.shown(h, p)).ticked()), zoneOf(user), ceInternal));
        return ctx.ack();
    }

    // ---- Home

    @Override
    public List<Start> starts() {
        return List.of(new Start("Plan time off", "home_start_ooo", (triggerId, userId) -> modals.open(
                OooModal.CALLBACK_ID, triggerId, () -> OooModal.build(OooModal.Prefill.NEW, zoneOf(userId), ceInternal))));
    }

    @Override
    public List<Part> parts(Handle handle, Person person) {
        return home.parts(handle, person);
    }

    @Override
    public List<Count> forget(Handle handle, String person) {
        return handle.attach(OooRecords.class).forget(person);
    }

    @Override
    public List<Count> purge(Handle handle, Instant before, int limit) {
        return handle.attach(OooRecords.class).purge(before, limit);
    }

    @Override
    public Set<String> anchorsInUse(Handle handle, Collection<String> keys) {
        return handle.attach(OooRecords.class).stepDms(keys);
    }

    // ---- Absences, for other workflows; asked only once the bot has started

    @Override
    public Set<String> awayOn(LocalDate day) {
        return absences.awayOn(day);
    }

    @Override
    public Set<String> awayOrLeavingWithin(LocalDate day, int days) {
        return absences.awayOrLeavingWithin(day, days);
    }

    @Override
    public void noteWhileAway(Handle handle, String user, String what) {
        absences.noteWhileAway(handle, user, what);
    }
}
