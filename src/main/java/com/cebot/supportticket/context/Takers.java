package com.cebot.supportticket.context;

import com.cebot.slack.UserGroupChanges;
import com.cebot.slack.UserGroupMembers;
import java.time.Duration;

/**
 * Who may take a ticket from a context card: anyone, or, with {@code support.takers} set, the
 * members of that user group. The members are cached as the head of support's are (read at start,
 * every few minutes, when Slack says the group changed, and soon after someone is refused, since
 * they may just have joined), so a click is answered before its ack without calling Slack.
 */
final class Takers implements AutoCloseable {

    static final Takers ANYONE = new Takers(null, null);

    private final String mention;
    private final UserGroupMembers group;

    /** @param mention {@code <!subteam^S…>} of the group; {@code group} its members */
    Takers(String mention, UserGroupMembers group) {
        this.mention = mention;
        this.group = group;
    }

    boolean mayTake(String userId) {
        if (group == null || group.contains(userId)) {
            return true;
        }
        group.refreshSoon();
        return false;
    }

    /** The group, for a refusal; null when anyone may take a card. */
    String mention() {
        return mention;
    }

    void start(Duration every, UserGroupChanges changes) {
        if (group != null) {
            group.start(every);
            changes.watch(group);
        }
    }

    @Override
    public void close() {
        if (group != null) {
            group.close();
        }
    }
}
