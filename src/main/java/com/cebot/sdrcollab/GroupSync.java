package com.cebot.sdrcollab;

import com.cebot.config.BotConfig;
import com.cebot.logging.SafeErrors;
import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WorkingHours;
import com.cebot.slack.UserGroupMembers;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the question group equal to the roster's new CEs: at start and every working day at the
 * start of the workday. The whole member list goes to usergroups.users.update in one call, so a
 * refusal changes nothing. What changed, or why nothing could, is said in #ce-internal; the same
 * situation is said once.
 */
final class GroupSync implements AutoCloseable {

    static final String DAILY = "sdr.group_sync";
    private static final Logger log = LoggerFactory.getLogger(GroupSync.class);

    private final List<BotConfig.RosterEntry> roster;
    private final int firstDays;
    private final String handle;
    private final UserGroupMembers group;
    private final MethodsClient slack;
    private final Jdbi store;
    private final Outbox outbox;
    private final String ceInternal;
    private final ZoneId zone;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sdr-group-sync");
        t.setDaemon(true);
        return t;
    });

    GroupSync(
            List<BotConfig.RosterEntry> roster,
            int firstDays,
            String handle,
            UserGroupMembers group,
            MethodsClient slack,
            Jdbi store,
            Outbox outbox,
            String ceInternal,
            ZoneId zone,
            Clock clock) {
        this.roster = roster;
        this.firstDays = firstDays;
        this.handle = handle;
        this.group = group;
        this.slack = slack;
        this.store = store;
        this.outbox = outbox;
        this.ceInternal = ceInternal;
        this.zone = zone;
        this.clock = clock;
    }

    /** Syncs off the caller's thread now, and plans the daily run. */
    void start(Scheduler scheduler, WorkingHours hours) {
        scheduler.register(DAILY, (h, job, now) -> {
            soon();
            planNext(scheduler, hours, h, now);
        });
        store.useTransaction(h -> planNext(scheduler, hours, h, clock.instant()));
        soon();
    }

    private void planNext(Scheduler scheduler, WorkingHours hours, Handle h, Instant now) {
        LocalDate next = hours.nextWorkingDay(now.atZone(zone).toLocalDate());
        scheduler.schedule(
                h,
                "sdr-group-sync:" + next,
                DAILY,
                null,
                hours.plusWorkingHours(next.atStartOfDay(zone).toInstant(), Duration.ZERO, zone));
    }

    void soon() {
        try {
            thread.execute(() -> {
                try {
                    sync();
                } catch (RuntimeException e) {
                    log.error("syncing @{} from the roster failed: {}", handle, SafeErrors.describe(e));
                }
            });
        } catch (RejectedExecutionException closing) {
            // stopping: the next start syncs
        }
    }

    /** Reads the members, works out the change and makes it; says what happened in #ce-internal. */
    void sync() {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        if (roster.isEmpty()) {
            log.info("@{} is managed by hand (the roster is empty); leaving it alone", handle);
            return;
        }
        Set<String> current;
        try {
            current = UserGroupMembers.Reader.fromSlack(slack).of(group.groupId());
        } catch (Exception e) {
            log.error("cannot read the members of @{} to sync it from the roster: {}", handle, SafeErrors.describe(e));
            return;
        }
        GroupPlan plan = GroupPlan.of(roster, today, firstDays, current);
        if (plan instanceof GroupPlan.WouldEmpty w) {
            log.warn(
                    "nobody on the roster is in their first {} days; Slack refuses an empty group, so @{} stays"
                            + " as it is",
                    firstDays,
                    handle);
            tell(
                    "sdr-group-sync:empty:" + String.join(",", w.members()),
                    "Nobody on the roster is in their first "
                            + firstDays + " days, and Slack does not allow an empty user group, so I left @" + handle
                            + " as it is (" + mentions(w.members()) + "). Remove people by hand, or add a new CE to the"
                            + " roster.");
            return;
        }
        if (!(plan instanceof GroupPlan.Change change)) {
            log.info("@{} matches the roster", handle);
            return;
        }
        String error;
        try {
            var r = slack.usergroupsUsersUpdate(
                    q -> q.usergroup(group.groupId()).users(List.copyOf(change.target())));
            error = r.isOk() ? null : r.getError();
        } catch (IOException | SlackApiException e) {
            // No answer, or a 5xx: Slack may have made the change all the same. It is not sent again
            // on the spot; what the group holds now says whether it was made.
            boolean refused =
                    e instanceof SlackApiException s && s.getResponse().code() < 500;
            error = !refused && madeAfterAll(change) ? null : SafeErrors.describe(e);
        } catch (RuntimeException e) {
            error = SafeErrors.describe(e);
        }
        if (error != null) {
            String why = "permission_denied".equals(error)
                    ? "this workspace lets only some people edit user groups (Workspace settings → Permissions →"
                            + " User Groups): let the bot's app edit them, or make the change by hand"
                    : "Slack answered " + error;
            log.error("cannot update @{} from the roster: {}", handle, why);
            tell(
                    "sdr-group-sync:refused:" + today + ":" + error,
                    "I could not update @" + handle
                            + " from the roster, and changed nothing: " + why + ". It should be "
                            + mentions(change.target()) + ".");
            return;
        }
        group.changed();
        log.info(
                "@{} updated from the roster: {} added, {} graduated",
                handle,
                change.added().size(),
                change.graduated().size());
        tell(
                "sdr-group-sync:" + today + ":" + String.join(",", change.target()),
                "Updated @" + handle
                        + " from the roster."
                        + (change.added().isEmpty() ? "" : " Added: " + mentions(change.added()) + ".")
                        + (change.graduated().isEmpty()
                                ? ""
                                : " Graduated (past their first " + firstDays + " days): "
                                        + mentions(change.graduated()) + "."));
    }

    /** After a call whose answer was lost: whether the group now is what it was asked to become. */
    private boolean madeAfterAll(GroupPlan.Change change) {
        try {
            return UserGroupMembers.Reader.fromSlack(slack).of(group.groupId()).equals(change.target());
        } catch (Exception e) {
            log.warn(
                    "cannot read @{} to see whether an unanswered update was made: {}", handle, SafeErrors.describe(e));
            return false;
        }
    }

    private void tell(String key, String text) {
        store.useTransaction(
                h -> outbox.enqueue(h, OutboxMessage.of(key, new SlackWrite.Post(ceInternal, text, null))));
    }

    private static String mentions(Set<String> users) {
        return users.stream().map(u -> "<@" + u + ">").collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
