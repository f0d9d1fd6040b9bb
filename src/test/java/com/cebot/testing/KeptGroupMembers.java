package com.cebot.testing;

import com.cebot.slack.UserGroupMembers;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The members a group had at the last run, kept in memory instead of the store. */
public final class KeptGroupMembers implements UserGroupMembers.LastKnown {

    private final Map<String, UserGroupMembers.Kept> kept = new ConcurrentHashMap<>();

    @Override
    public Optional<UserGroupMembers.Kept> load(String groupId) {
        return Optional.ofNullable(kept.get(groupId));
    }

    @Override
    public void save(String groupId, UserGroupMembers.Kept members) {
        kept.put(groupId, members);
    }
}
