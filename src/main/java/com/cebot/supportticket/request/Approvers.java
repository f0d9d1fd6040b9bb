package com.cebot.supportticket.request;

import com.cebot.slack.Mention;
import com.cebot.slack.UserGroupChanges;
import com.cebot.slack.UserGroupMembers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who may move Support Ticket Requests: the head of support and the configured delegates.
 *
 * <p>The head of support may be a user group. Its members come from usergroups.users.list, a Slack
 * call that a listener must not make before its ack (Socket Mode acks only when the listener
 * returns), so they are cached in {@link UserGroupMembers}: read at start, every few minutes, when
 * Slack says the group changed, and soon after someone is refused, since they may have just joined
 * the group and will click again. When the reads have failed for longer than {@code confirmWithin},
 * the last list may be long out of date (someone may have left the group), so its members are
 * refused, told why, until Slack lists them again. A person named directly, as the head of support
 * or a delegate, needs no list and is never refused.
 */
final class Approvers implements AutoCloseable {

    private final String headMention;
    private final String headUser;
    private final UserGroupMembers headGroup;
    private final List<String> delegates;
    private final Duration confirmWithin;

    /** Whether someone may decide, and if not, why not. */
    sealed interface Verdict {
        record Allowed() implements Verdict {}

        record NotAllowed() implements Verdict {}

        /**
         * In the head of support's group as last read, but Slack has not listed its members since
         * {@code readAt} (null: never), longer ago than the bot trusts a list.
         */
        record Unconfirmed(Instant readAt) implements Verdict {}
    }

    /**
     * @param headOfSupportMention {@code <@U…>} or {@code <!subteam^S…>}, as the workspace resolved it
     * @param confirmWithin how old a list of the group's members may be for its members to decide
     */
    Approvers(
            String headOfSupportMention,
            List<String> delegates,
            Duration confirmWithin,
            UserGroupMembers.Reader groupMembers,
            UserGroupMembers.LastKnown lastKnown,
            Clock clock) {
        Mention head = Mention.of(headOfSupportMention)
                .orElseThrow(() ->
                        new IllegalArgumentException("Not a user or user group mention: " + headOfSupportMention));
        this.headMention = headOfSupportMention;
        this.headUser = head instanceof Mention.User user ? user.id() : null;
        this.headGroup = head instanceof Mention.Group group
                ? new UserGroupMembers(group.id(), "head of support group", groupMembers, lastKnown, clock)
                : null;
        this.delegates = List.copyOf(delegates);
        this.confirmWithin = confirmWithin;
    }

    /** Whether the person may decide, as far as is known now; unlike {@link #verdict}, reads nothing again. */
    boolean isDecider(String userId) {
        return userId.equals(headUser)
                || delegates.contains(userId)
                || (headGroup != null && headGroup.contains(userId));
    }

    /**
     * Whether the person may decide now. Anyone the group's list does not confirm makes the bot read
     * it again soon: they may just have joined and will click again.
     */
    Verdict verdict(String userId) {
        if (userId.equals(headUser) || delegates.contains(userId)) {
            return new Verdict.Allowed();
        }
        if (headGroup == null) {
            return new Verdict.NotAllowed();
        }
        UserGroupMembers.Membership membership = headGroup.confirms(userId, confirmWithin);
        if (membership instanceof UserGroupMembers.Membership.Unconfirmed u) {
            return new Verdict.Unconfirmed(u.readAt());
        }
        return membership instanceof UserGroupMembers.Membership.Confirmed
                ? new Verdict.Allowed()
                : new Verdict.NotAllowed();
    }

    /** Everyone who may decide as far as is known now: their Home lists the requests waiting on a decision. */
    Set<String> deciders() {
        Set<String> people = new HashSet<>(delegates);
        if (headUser != null) {
            people.add(headUser);
        }
        if (headGroup != null) {
            people.addAll(headGroup.members());
        }
        return people;
    }

    Duration confirmWithin() {
        return confirmWithin;
    }

    /** The people named directly (the head of support as a person, the delegates), who may always decide. */
    List<String> namedPeople() {
        return headUser == null
                ? delegates
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(headUser), delegates.stream())
                        .toList();
    }

    /** Names them, for a refusal and on the card: "<!subteam^S1>", "<!subteam^S1>, <@U2> or <@U3>". */
    String describe() {
        List<String> all = Stream.concat(
                        Stream.of(headMention), delegates.stream().map(d -> "<@" + d + ">"))
                .toList();
        return all.size() == 1
                ? headMention
                : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
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

    /** Has the group read again whenever Slack says its members changed. */
    void watch(UserGroupChanges changes) {
        if (headGroup != null) {
            changes.watch(headGroup);
        }
    }

    @Override
    public void close() {
        if (headGroup != null) {
            headGroup.close();
        }
    }
}
