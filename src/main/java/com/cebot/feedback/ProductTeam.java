package com.cebot.feedback;

import com.cebot.slack.Mention;
import com.cebot.slack.UserGroupChanges;
import com.cebot.slack.UserGroupMembers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may set a gap's status, merge gaps and link the Salesforce record: the people and the members
 * of the user groups named in {@code feedback.product_team}. A listener asks before its ack, so group
 * members are cached in {@link UserGroupMembers} (read at start, every few minutes, and soon after
 * someone is refused, since they may just have joined and will press again).
 */
final class ProductTeam implements AutoCloseable {

    private final List<String> mentions;
    private final Set<String> users = new LinkedHashSet<>();
    private final List<UserGroupMembers> groups = new ArrayList<>();

    /** @param mentions {@code <@U…>} and {@code <!subteam^S…>}, as the workspace resolved the setting */
    ProductTeam(
            List<String> mentions,
            UserGroupMembers.Reader groupMembers,
            UserGroupMembers.LastKnown lastKnown,
            Clock clock) {
        this.mentions = List.copyOf(mentions);
        for (String mention : mentions) {
            Mention whom = Mention.of(mention)
                    .orElseThrow(() -> new IllegalArgumentException("Not a user or user group mention: " + mention));
            if (whom instanceof Mention.User user) {
                users.add(user.id());
            } else {
                groups.add(new UserGroupMembers(
                        ((Mention.Group) whom).id(), "product team group", groupMembers, lastKnown, clock));
            }
        }
    }

    /** As far as is known now; reads nothing again. */
    boolean isMember(String userId) {
        return users.contains(userId) || groups.stream().anyMatch(g -> g.contains(userId));
    }

    /** Everyone in the team as far as is known now: their Home lists the gaps still Open. */
    Set<String> members() {
        Set<String> people = new LinkedHashSet<>(users);
        groups.forEach(g -> people.addAll(g.members()));
        return people;
    }

    /** Whether the person may act; a refusal has the groups read again soon. */
    boolean mayAct(String userId) {
        boolean member = isMember(userId);
        if (!member) {
            groups.forEach(UserGroupMembers::refreshSoon);
        }
        return member;
    }

    /** Names them, for a refusal: "<!subteam^S1>, <@U2>"; null when nobody is set. */
    String describe() {
        return mentions.isEmpty() ? null : String.join(", ", mentions);
    }

    /** Knows the members of each group before returning, then reads them every {@code every}. */
    void start(Duration every) {
        groups.forEach(g -> g.start(every));
    }

    /** Has each group read again whenever Slack says its members changed. */
    void watch(UserGroupChanges changes) {
        groups.forEach(changes::watch);
    }

    @Override
    public void close() {
        groups.forEach(UserGroupMembers::close);
    }
}
