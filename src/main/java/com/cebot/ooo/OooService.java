package com.cebot.ooo;

import com.cebot.customer.CustomerChoice;
import com.cebot.customer.Customers;
import com.cebot.db.Deliveries;
import com.cebot.home.HomeChanges;
import com.cebot.inbox.Inbox;
import com.cebot.inbox.SubmittedForms;
import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.slack.BlockJson;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Saves, edits, ticks and cancels periods of time off. Each is one transaction that also plans or
 * cancels the reminders and queues the DMs, so a change and what it tells people cannot part.
 */
final class OooService {

    static final String INBOX_KIND = "ooo";
    /** Home's "Out this week" lists the periods with a day from today to six days on. */
    private static final int OUT_THIS_WEEK_DAYS = 7;
    /** What an edit leaves in place of the summary of the version it replaced. */
    static final String REPLACED = "You changed this time off: the new summary is below.";

    sealed interface Saved {
        record Planned(long periodId) implements Saved {}

        record Edited(long periodId) implements Saved {}

        /** Another period saved meanwhile overlaps: nothing stored, the person was told by DM. */
        record Clash(long otherId) implements Saved {}

        /** The period being edited had begun, ended or been cancelled meanwhile; the person was told. */
        record NotEditable(long periodId) implements Saved {}

        /** The person has as many periods planned as one may (saved meanwhile); they were told by DM. */
        record TooMany(int planned) implements Saved {}
    }

    sealed interface Changed {
        record Done(long periodId) implements Changed {}

        /** Not the clicker's, unknown, begun or already cancelled: nothing changed. */
        record Refused(String why) implements Changed {}

        /** Slack delivered the same click again. */
        record Repeat() implements Changed {}
    }

    private final Jdbi store;
    private final Outbox outbox;
    private final OooReminders reminders;
    private final OooTeam team;
    private final int remindDays;
    private final int maxPlanned;
    private final CovererDms covererDms;
    private final HomeChanges home;
    private final Clock clock;

    /**
     * @param maxPlanned how many periods that have not ended one person may have
     * @param covererDms how often one person's time off may DM each person covering
     */
    OooService(
            Jdbi store,
            Outbox outbox,
            OooReminders reminders,
            OooTeam team,
            int remindDays,
            int maxPlanned,
            CovererDms covererDms,
            HomeChanges home,
            Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.reminders = reminders;
        this.team = team;
        this.remindDays = remindDays;
        this.maxPlanned = maxPlanned;
        this.covererDms = covererDms;
        this.home = home;
        this.clock = clock;
    }

    /** The inbox's side of the form: accepted in one write before the ack, then {@link #submit}ted. */
    SubmittedForms<OooDraft> forms(Inbox inbox) {
        return new SubmittedForms<>(
                inbox,
                INBOX_KIND,
                OooDraft.class,
                this::submit,
                outbox,
                "I couldn't save your time off from /ooo, though I tried several times. Please run /ooo again;"
                        + " if it keeps failing, tell the CE Bot admins.");
    }

    int maxPlanned() {
        return maxPlanned;
    }

    /** The person's periods that have not ended by {@code today}, soonest first. */
    List<OooPeriod> notEndedOf(String person, LocalDate today) {
        return store.withExtension(OooRepository.class, r -> r.notEndedOf(person, today));
    }

    Optional<OooPeriod> period(long id) {
        return store.withExtension(OooRepository.class, r -> r.period(id));
    }

    List<OooNotices.Shown> between(LocalDate from, LocalDate to) {
        return store.withHandle(h -> team.shown(h, h.attach(OooRepository.class).between(from, to)));
    }

    /** On the inbox's handle: a new period, or an edit of one. */
    Saved submit(Handle h, OooDraft draft, String viewId, String person) {
        Instant now = clock.instant();
        OooRepository repo = h.attach(OooRepository.class);
        Optional<OooPeriod> clash = repo.notEndedOf(person, draft.firstDay()).stream()
                .filter(p -> (draft.periodId() == null || p.id() != draft.periodId())
                        && p.overlaps(draft.firstDay(), draft.lastDay()))
                .findFirst();
        if (clash.isPresent()) {
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                            "ooo:clash:" + viewId,
                            new SlackWrite.Post(person, OooNotices.notSaved(clash.get()), null)));
            return new Saved.Clash(clash.get().id());
        }
        List<String> names = new ArrayList<>();
        for (CustomerChoice c : draft.customers()) {
            names.add(h.attach(Customers.class).resolve(c, now).name());
        }
        String coverers = String.join(",", draft.coverers());
        String customers = OooPeriod.customersJson(names.stream().distinct().toList());
        if (draft.periodId() == null) {
            // The form counted them before the ack, unless the store was busy then: counted again here.
            LocalDate today = now.atZone(java.time.ZoneId.of(draft.zone())).toLocalDate();
            int planned = repo.notEndedOf(person, today.minusDays(1)).size();
            if (planned >= maxPlanned) {
                outbox.enqueue(
                        h,
                        OutboxMessage.of(
                                "ooo:too-many:" + viewId,
                                new SlackWrite.Post(person, OooNotices.notSavedTooMany(maxPlanned), null)));
                return new Saved.TooMany(planned);
            }
            long id = repo.insert(
                    viewId,
                    person,
                    draft.zone(),
                    draft.firstDay(),
                    draft.lastDay(),
                    coverers,
                    draft.plan(),
                    customers,
                    now);
            OooPeriod p = repo.period(id).orElseThrow();
            touched(h, now, p);
            saved(h, p, draft.steps(), now, Set.of(), false);
            return new Saved.Planned(id);
        }
        Optional<OooPeriod> before = repo.period(draft.periodId());
        if (before.isEmpty() || !before.get().person().equals(person) || !editable(before.get(), now)) {
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                            "ooo:not-editable:" + viewId, new SlackWrite.Post(person, OooNotices.cannotEdit(), null)));
            return new Saved.NotEditable(draft.periodId());
        }
        OooPeriod old = before.get();
        reminders.cancel(h, old);
        repo.update(old.id(), draft.zone(), draft.firstDay(), draft.lastDay(), coverers, draft.plan(), customers);
        repo.clearSteps(old.id());
        OooPeriod p = repo.period(old.id()).orElseThrow();
        touched(h, now, old, p);
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                        old.key("summary:replaced"),
                        old.key("summary"),
                        new SlackWrite.Update(REPLACED, OooNotices.only(REPLACED))));
        Set<String> dropped = new HashSet<>(old.covererIds());
        dropped.removeAll(p.covererIds());
        saved(h, p, draft.steps(), now, dropped, true);
        return new Saved.Edited(p.id());
    }

    /** An upcoming period can be changed: one that has begun (in the person's zone) cannot. */
    static boolean editable(OooPeriod p, Instant now) {
        return p.cancelledAt() == null && now.atZone(p.zoneId()).toLocalDate().isBefore(p.firstDay());
    }

    private void saved(Handle h, OooPeriod p, List<String> steps, Instant now, Set<String> dropped, boolean edited) {
        OooRepository repo = h.attach(OooRepository.class);
        steps.forEach(code -> repo.tick(p.id(), code, now));
        h.attach(OooCoverers.class).ask(p.id(), p.covererIds());
        reminders.plan(h, p, now);
        reminders.summarise(h, p, now);
        OooNotices.Shown s = team.shown(h, p);
        outbox.enqueue(
                h,
                OutboxMessage.of(
                                p.key("ics"),
                                new SlackWrite.Upload(
                                        p.person(),
                                        OooCalendar.filename(p),
                                        "Time off " + OooDates.range(p.firstDay(), p.lastDay()),
                                        OooCalendar.event(s, now),
                                        OooNotices.calendarComment(s)))
                        .forUser(p.person()));
        List<String> notTold = new ArrayList<>();
        for (String coverer : p.covererIds()) {
            askCoverer(
                    h,
                    p,
                    coverer,
                    p.key("coverer:" + coverer),
                    OooNotices.covererSaved(s, p.person(), edited),
                    now,
                    notTold);
        }
        for (String coverer : dropped) {
            tellCoverer(
                    h,
                    p,
                    coverer,
                    p.key("coverer:" + coverer + ":dropped"),
                    OooNotices.covererDropped(s, p.person()),
                    now,
                    notTold);
        }
        toldNot(h, p, p.key("coverers-not-told"), notTold, false);
    }

    /**
     * Each version of a period (before and after an edit) shows on the Home of its person and of the
     * people covering; while it has a day in the coming week, as any time zone counts days, on
     * everyone's, under "Out this week".
     */
    private void touched(Handle h, Instant now, OooPeriod... versions) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Set<String> people = new HashSet<>();
        boolean thisWeek = false;
        for (OooPeriod p : versions) {
            people.add(p.person());
            people.addAll(p.covererIds());
            thisWeek |= p.overlaps(today.minusDays(1), today.plusDays(OUT_THIS_WEEK_DAYS));
        }
        home.touched(h, people);
        if (thisWeek) {
            home.touchedEveryone(h);
        }
    }

    /** A DM to someone covering, unless this person's time off has messaged them enough today. */
    private void tellCoverer(
            Handle h, OooPeriod p, String coverer, String key, String text, Instant now, List<String> notTold) {
        if (covererDms.mayTell(h, p.person(), coverer, now)) {
            outbox.enqueue(h, OutboxMessage.of(key, new SlackWrite.Post(coverer, text, null)));
        } else {
            notTold.add(coverer);
        }
    }

    /** As {@link #tellCoverer}, for a DM with the button that says they can't cover. */
    private void askCoverer(
            Handle h, OooPeriod p, String coverer, String key, String text, Instant now, List<String> notTold) {
        if (covererDms.mayTell(h, p.person(), coverer, now)) {
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                            key, new SlackWrite.Post(coverer, text, BlockJson.of(OooNotices.toCoverer(text, key)))));
        } else {
            notTold.add(coverer);
        }
    }

    /** Tells the person going out whom the bot did not message, so they can do it themselves. */
    private void toldNot(Handle h, OooPeriod p, String key, List<String> notTold, boolean cancelled) {
        if (!notTold.isEmpty()) {
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                            key,
                            new SlackWrite.Post(
                                    p.person(),
                                    OooNotices.coverersNotTold(notTold, covererDms.perDay(), cancelled),
                                    null)));
        }
    }

    /**
     * Ticks a step from a DM button, and redraws that DM from what is stored now: two quick presses
     * each redraw with every tick made so far, under a key naming the ticked set.
     *
     * @param anchorKey the outbox key of the DM the button is in
     */
    Changed tick(String anchorKey, OooStep step, String user, String deliveryKey) {
        return store.inTransaction(h -> {
            Instant now = clock.instant();
            if (!h.attach(Deliveries.class).firstTime(deliveryKey, now)) {
                return new Changed.Repeat();
            }
            OooRepository repo = h.attach(OooRepository.class);
            Optional<OooPeriod> found = repo.period(Long.parseLong(anchorKey.split(":")[1]));
            if (found.isEmpty()
                    || !found.get().person().equals(user)
                    || found.get().cancelledAt() != null) {
                return new Changed.Refused("not the clicker's time off, or cancelled");
            }
            OooPeriod p = found.get();
            repo.tick(p.id(), step.code(), now);
            home.touched(h, List.of(p.person()));
            OooNotices.Shown s = team.shown(h, p);
            String ticked = s.ticked().stream().map(OooStep::code).sorted().collect(Collectors.joining(","));
            boolean summary = anchorKey.endsWith(":summary");
            String manager = team.manager(p.person());
            outbox.enqueue(
                    h,
                    OutboxMessage.anchored(
                            anchorKey + ":ticked:" + ticked,
                            anchorKey,
                            new SlackWrite.Update(
                                    summary ? OooNotices.summaryText(s) : OooNotices.remindText(s),
                                    BlockJson.of(
                                            summary
                                                    ? OooNotices.summary(s, manager, remindDays)
                                                    : OooNotices.remind(s, manager)))));
            return new Changed.Done(p.id());
        });
    }

    /** Cancels an upcoming period for its person: reminders removed, the people covering told. */
    Changed cancel(long periodId, String user, String deliveryKey) {
        return store.inTransaction(h -> {
            Instant now = clock.instant();
            if (!h.attach(Deliveries.class).firstTime(deliveryKey, now)) {
                return new Changed.Repeat();
            }
            OooRepository repo = h.attach(OooRepository.class);
            Optional<OooPeriod> found = repo.period(periodId);
            if (found.isEmpty()
                    || !found.get().person().equals(user)
                    || !editable(found.get(), now)
                    || repo.cancel(periodId, now) == 0) {
                return new Changed.Refused("not the clicker's upcoming time off");
            }
            OooPeriod p = found.get();
            touched(h, now, p);
            reminders.cancel(h, p);
            OooNotices.Shown s = team.shown(h, p);
            outbox.enqueue(
                    h,
                    OutboxMessage.anchored(
                            p.key("summary:cancelled"),
                            p.key("summary"),
                            new SlackWrite.Update(OooNotices.cancelled(s), OooNotices.only(OooNotices.cancelled(s)))));
            outbox.enqueue(
                    h, OutboxMessage.of(p.key("cancelled"), new SlackWrite.Post(user, OooNotices.cancelled(s), null)));
            List<String> notTold = new ArrayList<>();
            for (String coverer : s.covering()) {
                tellCoverer(
                        h,
                        p,
                        coverer,
                        p.key("coverer:" + coverer + ":cancelled"),
                        OooNotices.covererCancelled(s, user),
                        now,
                        notTold);
            }
            toldNot(h, p, p.key("cancelled:coverers-not-told"), notTold, true);
            return new Changed.Done(periodId);
        });
    }

    /**
     * Someone covering says, from a DM the bot sent them, that they can't: recorded once, the
     * person going out told by DM (with Edit while the time off has not begun), the pressed DM and
     * the summary redrawn. Refused, with what to tell the presser, when they no longer cover it.
     *
     * @param dmKey the outbox key of the DM the button is in
     */
    Changed cannotCover(String dmKey, String user, String deliveryKey) {
        return store.inTransaction(h -> {
            Instant now = clock.instant();
            if (!h.attach(Deliveries.class).firstTime(deliveryKey, now)) {
                return new Changed.Repeat();
            }
            Optional<OooPeriod> found = h.attach(OooRepository.class).period(Long.parseLong(dmKey.split(":")[1]));
            if (found.isEmpty() || found.get().cancelledAt() != null) {
                return new Changed.Refused("That time off was cancelled, so you aren't covering it.");
            }
            OooPeriod p = found.get();
            if (!p.covererIds().contains(user)) {
                return new Changed.Refused("You aren't covering that time off any more, so there's nothing to tell.");
            }
            if (now.atZone(p.zoneId()).toLocalDate().isAfter(p.lastDay())) {
                return new Changed.Refused("That time off is over, so there's nothing to tell.");
            }
            if (h.attach(OooCoverers.class).cannotCover(p.id(), user, now) == 0) {
                return new Changed.Refused("You've already told <@" + p.person() + "> you can't cover.");
            }
            touched(h, now, p);
            OooNotices.Shown s = team.shown(h, p);
            boolean editable = editable(p, now);
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                                    p.key("cannot-cover:" + user),
                                    new SlackWrite.Post(
                                            p.person(),
                                            OooNotices.cannotCoverText(s, List.of(user), editable),
                                            BlockJson.of(OooNotices.cannotCover(s, List.of(user), editable))))
                            .forUser(user));
            String told = OooNotices.toldCannotCover(s);
            outbox.enqueue(
                    h,
                    OutboxMessage.anchored(
                            dmKey + ":cannot-cover", dmKey, new SlackWrite.Update(told, OooNotices.only(told))));
            String cannot = s.cannotCover().stream().sorted().collect(Collectors.joining(","));
            outbox.enqueue(
                    h,
                    OutboxMessage.anchored(
                            p.key("summary:cannot-cover:" + cannot),
                            p.key("summary"),
                            new SlackWrite.Update(
                                    OooNotices.summaryText(s),
                                    BlockJson.of(OooNotices.summary(s, team.manager(p.person()), remindDays)))));
            return new Changed.Done(p.id());
        });
    }
}
