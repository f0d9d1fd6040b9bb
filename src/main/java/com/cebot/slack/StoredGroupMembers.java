package com.cebot.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The last members read of a user group, kept across restarts, one row per group, with when Slack
 * listed them: written after every read that worked, so {@code read_at} says how fresh the list is.
 */
public final class StoredGroupMembers implements UserGroupMembers.LastKnown {

    private static final ObjectMapper JSON = new ObjectMapper();

    interface Repository {
        record Row(String members, Instant readAt) {}

        @SqlQuery("SELECT members, read_at FROM user_group_members WHERE group_id = :groupId")
        @RegisterConstructorMapper(Row.class)
        Optional<Row> members(String groupId);

        @SqlUpdate("""
                INSERT INTO user_group_members (group_id, members, read_at) VALUES (:groupId, :members, :now)
                ON CONFLICT (group_id) DO UPDATE SET members = excluded.members, read_at = excluded.read_at
                """)
        void save(String groupId, String members, Instant now);

        /** The text holds the ID: replace() finds it on both databases, case and all, as instr() would. */
        @SqlQuery("SELECT group_id FROM user_group_members WHERE replace(members, :person, '') <> members")
        List<String> groupsMentioning(String person);

        @SqlUpdate("UPDATE user_group_members SET members = :members WHERE group_id = :groupId")
        void setMembers(String groupId, String members);
    }

    private final Jdbi jdbi;

    public StoredGroupMembers(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<UserGroupMembers.Kept> load(String groupId) {
        return jdbi.withExtension(Repository.class, r -> r.members(groupId)).map(row -> {
            try {
                return new UserGroupMembers.Kept(
                        JSON.readValue(row.members(), new TypeReference<Set<String>>() {}), row.readAt());
            } catch (Exception e) {
                return new UserGroupMembers.Kept(Set.of(), row.readAt());
            }
        });
    }

    @Override
    public void save(String groupId, UserGroupMembers.Kept kept) {
        try {
            String json =
                    JSON.writeValueAsString(kept.members().stream().sorted().toList());
            jdbi.useExtension(Repository.class, r -> r.save(groupId, json, kept.readAt()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot keep the members of " + groupId, e);
        }
    }

    /**
     * Takes a person out of every list kept, for {@code forget}. A running bot reads the groups from
     * Slack again within minutes: someone still in a group there is back in its list.
     */
    public static int forget(Handle handle, String person) {
        Repository repo = handle.attach(Repository.class);
        int changed = 0;
        for (String group : repo.groupsMentioning(person)) {
            Optional<Repository.Row> row = repo.members(group);
            if (row.isEmpty()) {
                continue;
            }
            try {
                List<String> members =
                        new ArrayList<>(JSON.readValue(row.get().members(), new TypeReference<List<String>>() {}));
                if (members.removeIf(person::equals)) {
                    repo.setMembers(group, JSON.writeValueAsString(members));
                    changed++;
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot read the members kept of " + group, e);
            }
        }
        return changed;
    }
}
