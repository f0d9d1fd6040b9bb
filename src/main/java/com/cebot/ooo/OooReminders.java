package com.cebot.ooo;

import com.cebot.logging.SafeErrors;
import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.schedule.Job;
import com.cebot.schedule.JobHandler;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WorkingHours;
import com.cebot.slack.BlockJson;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reminders and notices of a period, as durable jobs at the reminder hour of the person's zone:
 * the open steps some working days before, the status check the working day before, the
 * announcement and the coverers' DMs on the first day, and the summary on the day back. Each job is
 * keyed by the period and its version, so an edit plans new ones and cancels the old; each decides
 * when it runs whether it still makes sense (the bot may have been down), and logs a line when not.
 */
final class OooReminders {

    private static final Logger log = LoggerFactory.getLogger(OooReminders.class);

    static final String REMIND = "ooo.remind";
    static final String STATUS = "ooo.status";
    static final String FIRST_DAY = "ooo.first_day";
    static final String DAY_BACK = "ooo.day_back";
    /** The summary DM, once the names of the people covering are read from Slack for its customer notice. */
    static final String SUMMARY = "ooo.summary";

    private static final List<String> KINDS = List.of(REMIND, STATUS, FIRST_DAY, DAY_BACK);
    /** The day-back summary is still worth sending this many days late; after that it is noise. */
    private static final int DAY_BACK_LATE_DAYS = 7;

    private final Scheduler scheduler;
    private final WorkingHours hours;
    private final int remindDays;
    private final Outbox outbox;
    private final Jdbi store;
    private final MethodsClient slack;
    private final OooTeam team;

    OooReminders(
            Scheduler scheduler,
            WorkingHours hours,
            int remindDays,
            Outbox outbox,
            Jdbi store,
            MethodsClient slack,
            OooTeam team) {
        this.scheduler = scheduler;
        this.hours = hours;
        this.remindDays = remindDays;
        this.outbox = outbox;
        this.store = store;
        this.slack = slack;
        this.team = team;
        scheduler.register(REMIND, this::remind);
        scheduler.register(STATUS, this::readStatus);
        scheduler.register(FIRST_DAY, this::firstDay);
        scheduler.register(DAY_BACK, this::dayBack);
        scheduler.register(SUMMARY, this::summary);
    }

    /**
     * In the transaction that saves the period: the summary DM, due now. It is made by a job so that
     * the names of the people covering are read from Slack first, after the ack and outside any
     * transaction; the job's key makes it once.
     */
    void summarise(Handle h, OooPeriod p, Instant now) {
        scheduler.schedule(h, p.key("job:" + SUMMARY), SUMMARY, p.ref(), now);
    }

    /** In the transaction that saves the period: reminders already past are left out. */
    void plan(Handle h, OooPeriod p, Instant now) {
        ZoneId zone = p.zoneId();
        LocalDate remindDay = p.firstDay();
        for (int i = 0; i < remindDays; i++) {
            remindDay = previousWorkingDay(remindDay);
        }
        schedule(h, p, REMIND, hours.atReminderHour(remindDay, zone), now, false);
        schedule(h, p, STATUS, hours.atReminderHour(previousWorkingDay(p.firstDay()), zone), now, false);
        schedule(h, p, FIRST_DAY, hours.atReminderHour(firstWorkingDay(p), zone), now, true);
        schedule(h, p, DAY_BACK, hours.atReminderHour(team.back(p), zone), now, true);
    }

    /** Cancels every pending job of this version of the period. */
    void cancel(Handle h, OooPeriod p) {
        KINDS.forEach(kind -> scheduler.cancelAll(h, kind, p.ref()));
    }

    private void schedule(Handle h, OooPeriod p, String kind, Instant due, Instant now, boolean evenIfPast) {
        if (due.isAfter(now) || evenIfPast) {
            scheduler.schedule(h, p.key("job:" + kind), kind, p.ref(), due.isAfter(now) ? due : now);
        }
    }

    /** Time off starting on a weekend is announced on its first working day, if it has one. */
    private LocalDate firstWorkingDay(OooPeriod p) {
        for (LocalDate d = p.firstDay(); !d.isAfter(p.lastDay()); d = d.plusDays(1)) {
            if (hours.isWorkingDay(d)) {
                return d;
            }
        }
        return p.firstDay();
    }

    private LocalDate previousWorkingDay(LocalDate day) {
        LocalDate d = day.minusDays(1);
        while (!hours.isWorkingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** The period this job was planned for, unless it was cancelled or edited since. */
    private static Optional<OooPeriod> current(Handle h, Job job) {
        String[] ref = job.ref().split(":");
        Optional<OooPeriod> p = h.attach(OooRepository.class).period(Long.parseLong(ref[0]));
        if (p.isEmpty() || p.get().cancelledAt() != null || p.get().version() != Integer.parseInt(ref[1])) {
            log.info("{} {} dropped: the time off was cancelled or changed", job.kind(), job.ref());
            return Optional.empty();
        }
        return p;
    }

    private static boolean begun(OooPeriod p, Instant now) {
        return !now.isBefore(p.firstDay().atStartOfDay(p.zoneId()).toInstant());
    }

    private void remind(Handle h, Job job, Instant now) {
        Optional<OooPeriod> found = current(h, job);
        if (found.isEmpty()) {
            return;
        }
        OooNotices.Shown s = team.shown(h, found.get());
        if (begun(s.period(), now)) {
            log.info("{} {} dropped: the time off has begun", job.kind(), job.ref());
            return;
        }
        if (s.open().isEmpty()) {
            log.info("{} {} dropped: every step is done", job.kind(), job.ref());
            return;
        }
        outbox.enqueue(
                h,
                OutboxMessage.of(
                        s.period().key("remind"),
                        new SlackWrite.Post(
                                s.period().person(),
                                OooNotices.remindText(s),
                                BlockJson.of(OooNotices.remind(
                                        s, team.manager(s.period().person()))))));
    }

    /**
     * Reads the person's status before the job's transaction (a Slack call must not hold the store).
     * A refused or failed read throws, so the job is tried again later rather than DM a wrong
     * reminder.
     */
    private JobHandler readStatus(Job job, Instant now) throws Exception {
        Optional<OooPeriod> found = store.withHandle(h -> current(h, job));
        if (found.isEmpty()) {
            return (h, j, n) -> {};
        }
        OooPeriod p = found.get();
        if (begun(p, now)) {
            log.info("{} {} dropped: the time off has begun", job.kind(), job.ref());
            return (h, j, n) -> {};
        }
        var r = slack.usersInfo(q -> q.user(p.person()));
        if (!r.isOk() || r.getUser() == null || r.getUser().getProfile() == null) {
            throw new IllegalStateException(
                    "users.info for the status check: " + (r.isOk() ? "no profile" : r.getError()));
        }
        var profile = r.getUser().getProfile();
        var status = new OooStatus.Current(
                nonNull(profile.getStatusText()),
                nonNull(profile.getStatusEmoji()),
                profile.getStatusExpiration() == null ? 0 : profile.getStatusExpiration());
        if (OooStatus.showsAbsence(status, p.lastDay(), p.zoneId())) {
            log.info("{} {}: the Slack status already shows the time off", job.kind(), job.ref());
            return (h, j, n) -> {};
        }
        return (h, j, n) -> current(h, j)
                .ifPresent(fresh -> outbox.enqueue(
                        h,
                        OutboxMessage.of(
                                p.key("status"),
                                new SlackWrite.Post(
                                        p.person(), OooNotices.statusReminder(team.shown(h, fresh), status), null))));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /**
     * Reads the name of each person covering (users.info), then posts the summary of the version the
     * job was planned for. It is posted even when the time off changed meanwhile, so that what an
     * edit or a cancel says in its place has a message to update. A person Slack does not know, or
     * whose name it refuses, goes without one; a failed call is tried again, twice, before that.
     */
    private JobHandler summary(Job job, Instant now) throws Exception {
        long id = Long.parseLong(job.ref().split(":")[0]);
        Optional<OooPeriod> found = store.withExtension(OooRepository.class, r -> r.period(id));
        if (found.isEmpty()) {
            log.info("{} {} dropped: the time off is no longer stored", job.kind(), job.ref());
            return (h, j, n) -> {};
        }
        Map<String, String> names = new HashMap<>();
        for (String coverer : found.get().covererIds()) {
            name(coverer, job.attempts()).ifPresent(name -> names.put(coverer, name));
        }
        return (h, j, n) -> h.attach(OooRepository.class).period(id).ifPresent(p -> {
            OooCoverers coverers = h.attach(OooCoverers.class);
            names.forEach((coverer, name) -> coverers.named(id, coverer, name));
            outbox.enqueue(h, OutboxMessage.of(OooPeriod.key(j.ref(), "summary"), summaryPost(h, p, j.ref())));
        });
    }

    private SlackWrite.Post summaryPost(Handle h, OooPeriod p, String plannedFor) {
        OooNotices.Shown s = team.shown(h, p);
        if (p.cancelledAt() != null) {
            return new SlackWrite.Post(p.person(), OooNotices.cancelled(s), null);
        }
        if (!p.ref().equals(plannedFor)) {
            return new SlackWrite.Post(p.person(), OooService.REPLACED, null);
        }
        return new SlackWrite.Post(
                p.person(),
                OooNotices.summaryText(s),
                BlockJson.of(OooNotices.summary(s, team.manager(p.person()), remindDays)));
    }

    /** The name the notice gives a person: their full name, else their display name, else their user name. */
    private Optional<String> name(String user, int attempts) throws Exception {
        try {
            var r = slack.usersInfo(q -> q.user(user));
            if (r.isOk() && r.getUser() != null) {
                var u = r.getUser();
                var profile = u.getProfile();
                return java.util.stream.Stream.of(
                                profile == null ? null : profile.getRealName(),
                                u.getRealName(),
                                profile == null ? null : profile.getDisplayName(),
                                u.getName())
                        .filter(n -> n != null && !n.isBlank())
                        .findFirst()
                        .map(String::strip);
            }
            log.warn(
                    "users.info for {}: {}; the customer notice goes without their name",
                    user,
                    r.isOk() ? "no user" : r.getError());
            return Optional.empty();
        } catch (IOException | SlackApiException e) {
            if (attempts < 2) {
                throw e;
            }
            log.warn(
                    "users.info for {} failed; the customer notice goes without their name: {}",
                    user,
                    SafeErrors.describe(e));
            return Optional.empty();
        }
    }

    /** On the first day, or late during the time off; dropped once it has ended. */
    private void firstDay(Handle h, Job job, Instant now) {
        Optional<OooPeriod> found = current(h, job);
        if (found.isEmpty()) {
            return;
        }
        OooPeriod p = found.get();
        if (now.atZone(p.zoneId()).toLocalDate().isAfter(p.lastDay())) {
            log.info("{} {} dropped: the time off has ended", job.kind(), job.ref());
            return;
        }
        OooNotices.Shown s = team.shown(h, p);
        outbox.enqueue(
                h,
                OutboxMessage.of(
                        p.key("announce"),
                        new SlackWrite.Post(team.ceInternal(), OooNotices.announcement(s, p.person()), null)));
        for (String coverer : s.covering()) {
            String key = p.key("coverer:" + coverer + ":first-day");
            String text = OooNotices.covererFirstDay(s, p.person());
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                            key, new SlackWrite.Post(coverer, text, BlockJson.of(OooNotices.toCoverer(text, key)))));
        }
    }

    private void dayBack(Handle h, Job job, Instant now) {
        Optional<OooPeriod> found = current(h, job);
        if (found.isEmpty()) {
            return;
        }
        OooPeriod p = found.get();
        if (now.atZone(p.zoneId()).toLocalDate().isAfter(team.back(p).plusDays(DAY_BACK_LATE_DAYS))) {
            log.info("{} {} dropped: more than {} days after the day back", job.kind(), job.ref(), DAY_BACK_LATE_DAYS);
            return;
        }
        outbox.enqueue(
                h,
                OutboxMessage.of(
                        p.key("day-back"),
                        new SlackWrite.Post(
                                p.person(),
                                OooNotices.dayBack(
                                        team.shown(h, p),
                                        h.attach(OooRepository.class).notes(p.id())),
                                null)));
    }
}
