package com.cebot.slack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The last members read of a user group, kept across restarts, one row per group. */
public final class StoredGroupMembers implements UserGroupMembers.LastKnown {

    private static final ObjectMapper JSON = new ObjectMapper();

    interface Repository {
        @SqlQuery("SELECT members FROM user_group_members WHERE group_id = :groupId")
        Optional<String> members(String groupId);

        @SqlUpdate("""
                INSERT INTO user_group_members (group_id, members, read_at) VALUES (:groupId, :members, :now)
                ON CONFLICT (group_id) DO UPDATE SET members = excluded.members, read_at = excluded.read_at
                """)
        void save(String groupId, String members, Instant now);
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public StoredGroupMembers(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<Set<String>> load(String groupId) {
        return jdbi.withExtension(Repository.class, r -> r.members(groupId)).map(json -> {
            try {
                return JSON.readValue(json, new TypeReference<Set<String>>() {});
            } catch (Exception e) {
                return Set.of();
            }
        });
    }

    @Override
    public void save(String groupId, Set<String> members) {
        try {
            String json = JSON.writeValueAsString(members.stream().sorted().toList());
            jdbi.useExtension(Repository.class, r -> r.save(groupId, json, clock.instant()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot keep the members of " + groupId, e);
        }
    }
}
