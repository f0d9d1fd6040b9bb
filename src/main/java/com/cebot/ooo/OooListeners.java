package com.cebot.ooo;

import com.cebot.customer.CustomerSuggestions;
import com.cebot.db.Deadline;
import com.cebot.feature.Click;
import com.cebot.feature.Interactions;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.Checked;
import com.cebot.slack.UnhandledInteractions;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Slack listener of the OOO protocol: {@code /ooo}, its form, and the buttons in its DMs. Each
 * acks at once: Slack is called only after the ack (the person's time zone is read while the modal
 * opens) or from the outbox and jobs.
 */
final class OooListeners {

    private static final Logger log = LoggerFactory.getLogger(OooListeners.class);

    static final String COMMAND = "/ooo";
    /** The days {@code /ooo list} looks ahead. */
    static final int LIST_DAYS = 14;

    private final OooService service;
    private final OooTeam team;
    private final Jdbi store;
    private final Clock clock;
    private final ZoneId teamZone;
    private final String ceInternal;
    private final MethodsClient slack;
    private final Interactions interactions;

    OooListeners(
            OooService service,
            OooTeam team,
            Jdbi store,
            Clock clock,
            ZoneId teamZone,
            String ceInternal,
            MethodsClient slack,
            Interactions interactions) {
        this.service = service;
        this.team = team;
        this.store = store;
        this.clock = clock;
        this.teamZone = teamZone;
        this.ceInternal = ceInternal;
        this.slack = slack;
        this.interactions = interactions;
    }

    void register(SubmittedForms<OooDraft> forms, CustomerSuggestions customers) {
        interactions.command(COMMAND, this::command);
        interactions.submission(OooModal.CALLBACK_ID, this::check, forms, OooModal.PLAN);
        interactions.suggestions(OooModal.CUSTOMER_SELECT, customers::options);
        interactions.action(Pattern.compile(Pattern.quote(OooNotices.TICK) + "_[a-z]+"), this::ticked);
        interactions.action(OooNotices.CANNOT_COVER, this::cannotCover);
        interactions.button(OooNotices.EDIT, this::edit);
        interactions.press(
                OooNotices.CANCEL,
                "time off",
                (id, click) -> service.cancel(id, click.user(), "ooo-cancel:" + click.actionTs() + ":" + click.user()),
                (result, click) -> refused(result, click, OooNotices.cannotEdit()));
    }

    /** The form for new time off, in the person's zone: from {@code /ooo} and from Home. */
    void openNew(String triggerId, String user) {
        interactions.open(
                OooModal.CALLBACK_ID, triggerId, () -> OooModal.build(OooModal.Prefill.NEW, zoneOf(user), ceInternal));
    }

    private LocalDate teamToday() {
        return LocalDate.ofInstant(clock.instant(), teamZone);
    }

    /**
     * {@code /ooo} opens the modal (and lists the caller's upcoming time off to edit or cancel);
     * {@code list} and {@code help} answer privately; anything else gets the help, never an error.
     */
    private Response command(SlashCommandRequest req, SlashCommandContext ctx) {
        String text = req.getPayload().getText() == null
                ? ""
                : req.getPayload().getText().strip().toLowerCase(Locale.ROOT);
        String user = ctx.getRequestUserId();
        if (text.isEmpty()) {
            openNew(req.getPayload().getTriggerId(), user);
            List<OooNotices.Shown> own = ownUpcoming(user);
            return own.isEmpty()
                    ? ctx.ack()
                    : ctx.ack(r -> r.responseType("ephemeral")
                            .text("Your upcoming time off")
                            .blocks(OooNotices.own(own)));
        }
        if (text.equals("list")) {
            LocalDate today = teamToday();
            String list;
            try {
                list = OooNotices.list(
                        Deadline.within(Deadline.BEFORE_ACK, () -> service.between(today, today.plusDays(LIST_DAYS))),
                        today);
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
            return Deadline.within(
                    Deadline.BEFORE_ACK,
                    () -> store.withHandle(h -> team.shown(
                            h,
                            h
                                    .attach(OooRepository.class)
                                    .notEndedOf(user, teamToday().minusDays(1))
                                    .stream()
                                    .filter(p -> OooService.editable(p, clock.instant()))
                                    .toList())));
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

    /** The form, checked in the zone it was opened in, against the person's other time off. */
    private Checked<OooDraft> check(View view, String user) {
        String zone = zone(OooModal.Metadata.decode(view.getPrivateMetadata()).zone());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(zone));
        List<OooPeriod> own;
        try {
            own = Deadline.within(Deadline.BEFORE_ACK, () -> service.notEndedOf(user, today.minusDays(1)));
        } catch (RuntimeException e) {
            // The transaction checks again; a busy store here must not refuse the form.
            own = List.of();
        }
        return OooForm.check(view, user, zone, today, own, service.maxPlanned());
    }

    private String zone(String fromMetadata) {
        try {
            return fromMetadata == null
                    ? teamZone.getId()
                    : ZoneId.of(fromMetadata).getId();
        } catch (RuntimeException e) {
            return teamZone.getId();
        }
    }

    /** A step ticked in a DM; the button carries the DM's key and the step, not a record id. */
    private void ticked(Click click) {
        String[] value = click.value() == null ? new String[0] : click.value().split("\\|");
        Optional<OooStep> step = value.length == 2 ? OooStep.ofCode(value[1]) : Optional.empty();
        if (step.isEmpty() || !OooRecords.STEP_DM.matcher(value[0]).matches()) {
            log.warn("tick from {} with an unreadable value", click.user());
            return;
        }
        click.record(
                        "time off",
                        () -> service.tick(
                                value[0],
                                step.get(),
                                click.user(),
                                "ooo-tick:" + click.actionTs() + ":" + click.user()))
                .ifPresent(
                        result -> refused(result, click, "Only the person taking this time off can tick its steps."));
    }

    /** Someone covering can't; the button carries the DM's key, which names the time off. */
    private void cannotCover(Click click) {
        String dmKey = click.value();
        if (dmKey == null || !OooRecords.COVERER_DM.matcher(dmKey).matches()) {
            log.warn("{} from {} with an unreadable value", click.actionId(), click.user());
            click.tellPrivately(UnhandledInteractions.STALE_BUTTON);
            return;
        }
        click.record(
                        "time off",
                        () -> service.cannotCover(
                                dmKey, click.user(), "ooo-cannot-cover:" + click.actionTs() + ":" + click.user()))
                .ifPresent(result -> {
                    if (result instanceof OooService.Changed.Refused refused) {
                        click.tellPrivately(refused.why());
                    }
                });
    }

    private static void refused(OooService.Changed result, Click click, String refusal) {
        if (result instanceof OooService.Changed.Refused) {
            click.tellPrivately(refusal);
        }
    }

    /** The form again, filled in, for the person's own time off not yet begun. */
    private void edit(long id, Click click) {
        String user = click.user();
        click.record("time off", () -> service.period(id)).ifPresent(found -> {
            if (found.isEmpty()
                    || !found.get().person().equals(user)
                    || !OooService.editable(found.get(), clock.instant())) {
                click.tellPrivately(OooNotices.cannotEdit());
                return;
            }
            OooPeriod p = found.get();
            click.open(
                    OooModal.CALLBACK_ID,
                    () -> OooModal.build(
                            OooModal.Prefill.of(
                                    p, store.withHandle(h -> team.shown(h, p)).ticked()),
                            zoneOf(user),
                            ceInternal));
        });
    }
}
