package com.cebot.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.event.SubteamMembersChangedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Slack's {@code subteam_members_changed}, heard once and passed to every {@link UserGroupMembers}
 * that watches the group it names. Bolt keeps one listener per event type (registering a second
 * replaces the first), so features watch their groups here instead of listening themselves: the
 * head of support's group and {@code @ce-sdr-collab} are both read again when they change.
 */
public final class UserGroupChanges {

    private final List<UserGroupMembers> watched = new CopyOnWriteArrayList<>();

    public void watch(UserGroupMembers members) {
        watched.add(members);
    }

    /** Registers the one listener; it reads nothing before the ack, only asks the caches to read again. */
    public void register(App app) {
        app.event(SubteamMembersChangedEvent.class, (req, ctx) -> {
            String changed = req.getEvent().getSubteamId();
            for (UserGroupMembers members : watched) {
                if (members.groupId().equals(changed)) {
                    members.changed();
                }
            }
            return ctx.ack();
        });
    }
}
