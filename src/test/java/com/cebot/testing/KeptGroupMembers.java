package com.cebot.testing;

import com.cebot.slack.UserGroupMembers;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The members a group had at the last run, kept in memory instead of the store. */
public final class KeptGroupMembers implements UserGroupMembers.LastKnown {

    private final Map<String, Set<String>> kept = new ConcurrentHashMap<>();

    @Override
    public Optional<Set<String>> load(String groupId) {
        return Optional.ofNullable(kept.get(groupId));
    }

    @Override
    public void save(String groupId, Set<String> members) {
        kept.put(groupId, members);
    }
}
