package com.cebot.supportticket.request;

import com.cebot.logging.SafeErrors;
import com.cebot.slack.SlackApiErrorException;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may move Support Ticket Requests: the head of support and the configured delegates.
 *
 * <p>The head of support may be a user group. Its members come from usergroups.users.list, a Slack
 * call that a listener must not make before its ack (Socket Mode acks only when the listener
 * returns). So the members are cached here and refreshed on this class's own thread: at start,
 * every few minutes, and soon after someone is refused, since they may have just joined the group
 * and will click again. A failed refresh keeps the last list: a Slack hiccup must not lock the
 * head of support out. The last list is also kept in the store and read at start, before the
 * socket opens, so the head of support can act right after a restart even if Slack does not answer.
 */
final class Approvers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Approvers.class);
    private static final Pattern USER = Pattern.compile("<@([UW][A-Z0-9]+)>");
    private static final Pattern GROUP = Pattern.compile("<!subteam\\^(S[A-Z0-9]+)(?:\\|[^>]*)?>");
    /** A burst of refused clicks asks Slack once. */
    private static final Duration REFRESH_GAP = Duration.ofSeconds(30);

    /** Reads a user group's member IDs. */
    @FunctionalInterface
    interface GroupMembers {
        Set<String> of(String groupId) throws Exception;
    }

    /** Where the last members read are kept across restarts. */
    interface LastKnown {
        Optional<Set<String>> load(String groupId);

        void save(String groupId, Set<String> members);

        LastKnown NONE = new LastKnown() {
            @Override
            public Optional<Set<String>> load(String groupId) {
                return Optional.empty();
            }

            @Override
            public void save(String groupId, Set<String> members) {}
        };
    }

    private final String headMention;
    private final String headUser;
    private final String headGroup;
    private final List<String> delegates;
    private final GroupMembers groupMembers;
    private final LastKnown lastKnown;
    private final Clock clock;
    private volatile Set<String> members = Set.of();
    private volatile Instant lastRefresh = Instant.MIN;
    private volatile ScheduledExecutorService thread;

    /** @param headOfSupportMention {@code <@U…>} or {@code <!subteam^S…>}, as the workspace resolved it */
    Approvers(String headOfSupportMention, List<String> delegates, GroupMembers groupMembers, LastKnown lastKnown,
            Clock clock) {
        Matcher user = USER.matcher(headOfSupportMention);
        Matcher group = GROUP.matcher(headOfSupportMention);
        if (!user.matches() && !group.matches()) {
            throw new IllegalArgumentException("Not a user or user group mention: " + headOfSupportMention);
        }
        this.headMention = headOfSupportMention;
        this.headUser = user.matches() ? user.group(1) : null;
        this.headGroup = group.matches() ? group.group(1) : null;
        this.delegates = List.copyOf(delegates);
        this.groupMembers = groupMembers;
        this.lastKnown = lastKnown;
        this.clock = clock;
    }

    /** Asks Slack for a group's members. */
    static GroupMembers fromSlack(MethodsClient methods) {
        return groupId -> {
            var r = methods.usergroupsUsersList(q -> q.usergroup(groupId));
            if (!r.isOk()) {
                throw new SlackApiErrorException("usergroups.users.list", r.getError());
            }
            return Set.copyOf(r.getUsers());
        };
    }

    /** Whether the person may decide, as far as is known now; unlike {@link #mayDecide}, reads nothing again. */
    boolean isDecider(String userId) {
        return userId.equals(headUser) || delegates.contains(userId) || (headGroup != null && members.contains(userId));
    }

    boolean mayDecide(String userId) {
        boolean allowed = isDecider(userId);
        if (!allowed && headGroup != null) {
            refreshSoon();
        }
        return allowed;
    }

    /** Names them, for a refusal: "<!subteam^S1> or <@U2>". */
    String describe() {
        if (delegates.isEmpty()) {
            return headMention;
        }
        return headMention + " or " + delegates.stream().map(d -> "<@" + d + ">").collect(Collectors.joining(", "));
    }

    /** Reads the group's members now; without a group there is nothing to read. */
    void refresh() {
        if (headGroup == null) {
            return;
        }
        lastRefresh = clock.instant();
        Set<String> read;
        try {
            read = Set.copyOf(groupMembers.of(headGroup));
        } catch (Exception e) {
            log.warn("cannot read the members of {} ({}); keeping the {} known", headGroup, SafeErrors.describe(e),
                    members.size());
            return;
        }
        boolean changed = !read.equals(members);
        members = read;
        log.info("head of support group {} has {} members", headGroup, members.size());
        if (changed) {
            try {
                lastKnown.save(headGroup, read);
            } catch (RuntimeException e) {
                log.warn("cannot keep the members of {} for a restart: {}", headGroup, SafeErrors.describe(e));
            }
        }
    }

    /**
     * Knows the members before returning (the last list kept, then a fresh read), then reads them
     * every {@code every} off the caller's thread.
     */
    void start(Duration every) {
        if (headGroup == null) {
            return;
        }
        lastKnown.load(headGroup).ifPresent(known -> members = Set.copyOf(known));
        refresh();
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread daemon = new Thread(r, "approvers");
            daemon.setDaemon(true);
            return daemon;
        });
        t.scheduleWithFixedDelay(this::refresh, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        thread = t;
    }

    private void refreshSoon() {
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

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
