package com.cebot.supportticket.request;

import com.cebot.slack.UserGroupMembers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who may move Support Ticket Requests: the head of support and the configured delegates.
 *
 * <p>The head of support may be a user group. Its members come from usergroups.users.list, a Slack
 * call that a listener must not make before its ack (Socket Mode acks only when the listener
 * returns), so they are cached in {@link UserGroupMembers}: read at start, every few minutes, and
 * soon after someone is refused, since they may have just joined the group and will click again.
 */
final class Approvers implements AutoCloseable {

    private static final Pattern USER = Pattern.compile("<@([UW][A-Z0-9]+)>");
    private static final Pattern GROUP = Pattern.compile("<!subteam\\^(S[A-Z0-9]+)(?:\\|[^>]*)?>");

    private final String headMention;
    private final String headUser;
    private final UserGroupMembers headGroup;
    private final List<String> delegates;

    /** @param headOfSupportMention {@code <@U…>} or {@code <!subteam^S…>}, as the workspace resolved it */
    Approvers(String headOfSupportMention, List<String> delegates, UserGroupMembers.Reader groupMembers,
            UserGroupMembers.LastKnown lastKnown, Clock clock) {
        Matcher user = USER.matcher(headOfSupportMention);
        Matcher group = GROUP.matcher(headOfSupportMention);
        if (!user.matches() && !group.matches()) {
            throw new IllegalArgumentException("Not a user or user group mention: " + headOfSupportMention);
        }
        this.headMention = headOfSupportMention;
        this.headUser = user.matches() ? user.group(1) : null;
        this.headGroup = group.matches()
                ? new UserGroupMembers(group.group(1), "head of support group", groupMembers, lastKnown, clock)
                : null;
        this.delegates = List.copyOf(delegates);
    }

    /** Whether the person may decide, as far as is known now; unlike {@link #mayDecide}, reads nothing again. */
    boolean isDecider(String userId) {
        return userId.equals(headUser) || delegates.contains(userId) || (headGroup != null && headGroup.contains(userId));
    }

    boolean mayDecide(String userId) {
        boolean allowed = isDecider(userId);
        if (!allowed && headGroup != null) {
            headGroup.refreshSoon();
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
        if (headGroup != null) {
            headGroup.refresh();
        }
    }

    /**
     * Knows the members before returning (the last list kept, then a fresh read), then reads them
     * every {@code every} off the caller's thread.
     */
    void start(Duration every) {
        if (headGroup != null) {
            headGroup.start(every);
        }
    }

    @Override
    public void close() {
        if (headGroup != null) {
            headGroup.close();
        }
    }
}
