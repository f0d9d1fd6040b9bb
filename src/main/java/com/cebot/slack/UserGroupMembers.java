package com.cebot.slack;

import com.cebot.logging.SafeErrors;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members of one user group, for listeners that must answer before their ack without calling
 * Slack. They are read with usergroups.users.list on this class's own thread: at start, every few
 * minutes, soon after {@link #refreshSoon()} (someone was refused and may just have joined) and at
 * once on {@link #changed()} (Slack said the group changed). A failed read keeps the last list, so a
 * Slack hiccup locks nobody out; the last list is also kept in the store, with when Slack gave it,
 * and loaded at start, before the socket opens. {@link #confirms} tells a member on a list Slack
 * gave lately from one on a list that may be long out of date.
 */
public final class UserGroupMembers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UserGroupMembers.class);
    /** A burst of refusals or change events asks Slack once. */
    private static final Duration REFRESH_GAP = Duration.ofSeconds(30);

    /** Reads a user group's member IDs. */
    @FunctionalInterface
    public interface Reader {
        Set<String> of(String groupId) throws Exception;

        /** Asks Slack. */
        static Reader fromSlack(MethodsClient methods) {
            return groupId -> {
                var r = methods.usergroupsUsersList(q -> q.usergroup(groupId));
                if (!r.isOk()) {
                    throw new SlackApiErrorException("usergroups.users.list", r.getError());
                }
                return Set.copyOf(r.getUsers());
            };
        }
    }

    /** The members last read, and when Slack listed them. */
    public record Kept(Set<String> members, Instant readAt) {}

    /** Where the last members read are kept across restarts. */
    public interface LastKnown {
        Optional<Kept> load(String groupId);

        void save(String groupId, Kept kept);

        LastKnown NONE = new LastKnown() {
            @Override
            public Optional<Kept> load(String groupId) {
                return Optional.empty();
            }

            @Override
            public void save(String groupId, Kept kept) {}
        };
    }

    /** Whether someone is a member, for a decision only a member may take. */
    public sealed interface Membership {
        /** On a list Slack gave no longer ago than asked. */
        record Confirmed() implements Membership {}

        /** Not on the last list read. */
        record NotMember() implements Membership {}

        /** On the last list, but Slack has not listed the members since {@code readAt}. */
        record Unconfirmed(Instant readAt) implements Membership {}
    }

    private final String groupId;
    private final String label;
    private final Reader reader;
    private final LastKnown lastKnown;
    private final Clock clock;
    private volatile Set<String> members = Set.of();
    /** When Slack last listed the members; null while no list is known. */
    private volatile Instant readAt;

    private volatile Instant lastRefresh = Instant.MIN;
    private volatile ScheduledExecutorService thread;

    /** @param label what the group is for, in log lines ("head of support group") */
    public UserGroupMembers(String groupId, String label, Reader reader, LastKnown lastKnown, Clock clock) {
        this.groupId = groupId;
        this.label = label;
        this.reader = reader;
        this.lastKnown = lastKnown;
        this.clock = clock;
    }

    public String groupId() {
        return groupId;
    }

    public Set<String> members() {
        return members;
    }

    public boolean contains(String userId) {
        return members.contains(userId);
    }

    /**
     * Whether the person is a member by a list Slack gave within {@code within}. A member on an
     * older list is {@link Membership.Unconfirmed}: the reads have failed since, and the group may
     * have changed. Anything but a confirmed member asks for a fresh read.
     */
    public Membership confirms(String userId, Duration within) {
        Instant read = readAt;
        Membership membership;
        if (!members.contains(userId)) {
            membership = new Membership.NotMember();
        } else if (read == null || read.plus(within).isBefore(clock.instant())) {
            membership = new Membership.Unconfirmed(read);
        } else {
            membership = new Membership.Confirmed();
        }
        if (!(membership instanceof Membership.Confirmed)) {
            refreshSoon();
        }
        return membership;
    }

    /** Reads the members now; a failure keeps the ones known, and when they were read. */
    public void refresh() {
        Instant now = clock.instant();
        lastRefresh = now;
        Set<String> read;
        try {
            read = Set.copyOf(reader.of(groupId));
        } catch (Exception e) {
            log.warn(
                    "cannot read the members of {} ({}); keeping the {} known, as read at {}",
                    groupId,
                    SafeErrors.describe(e),
                    members.size(),
                    readAt);
            return;
        }
        if (!read.equals(members)) {
            log.info("{} {} has {} members", label, groupId, read.size());
        }
        members = read;
        readAt = now;
        try {
            lastKnown.save(groupId, new Kept(read, now));
        } catch (RuntimeException e) {
            log.warn("cannot keep the members of {} for a restart: {}", groupId, SafeErrors.describe(e));
        }
    }

    /**
     * Knows the members before returning: the list kept at the last run, read fresh off the
     * caller's thread at once (a Web API call the start need not wait for), or, on a first run,
     * read before returning. Then reads them every {@code every} off the caller's thread.
     */
    public void start(Duration every) {
        Optional<Kept> known = lastKnown.load(groupId);
        known.ifPresent(kept -> {
            members = Set.copyOf(kept.members());
            readAt = kept.readAt();
        });
        if (known.isEmpty()) {
            refresh();
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread daemon = new Thread(r, "group-members-" + groupId);
            daemon.setDaemon(true);
            return daemon;
        });
        t.scheduleWithFixedDelay(
                this::refresh, known.isEmpty() ? every.toMillis() : 0, every.toMillis(), TimeUnit.MILLISECONDS);
        thread = t;
    }

    /** Reads again off the caller's thread, unless that was done moments ago. */
    public void refreshSoon() {
        ScheduledExecutorService t = thread;
        if (t == null || lastRefresh.plus(REFRESH_GAP).isAfter(clock.instant())) {
            return;
        }
        try {
            t.execute(this::refresh);
        } catch (RejectedExecutionException closing) {
            // stopping: the next start reads the members again
        }
    }

    /** Reads again off the caller's thread now: Slack said the group changed. */
    public void changed() {
        ScheduledExecutorService t = thread;
        if (t == null) {
            return;
        }
        try {
            t.execute(this::refresh);
        } catch (RejectedExecutionException closing) {
            // stopping
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
