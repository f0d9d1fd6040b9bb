package com.cebot.feature;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What a workflow keeps in its own tables, for {@code forget} and the retention purge: each
 * workflow deletes and blanks its own rows, so nothing else reads or changes its tables. Every
 * method runs on the caller's handle, inside the caller's transaction, and writes nothing but the
 * workflow's own tables (no Slack writes, no jobs): a job planned for a record that is gone drops
 * itself when it falls due.
 */
@FunctionalInterface
public interface StoredRecords {

    /** A workflow that keeps nothing of anyone's. */
    StoredRecords NONE = (handle, person) -> List.of();

    /** Rows changed, by what they were: "contexts they shared", 3. */
    record Count(String what, int rows) {}

    /**
     * The records of a workflow whose tables answer for themselves: a JDBI SqlObject of its own,
     * attached to the caller's handle for each question.
     */
    static StoredRecords in(Class<? extends Tables> tables) {
        return new StoredRecords() {
            @Override
            public List<Count> forget(Handle handle, String person) {
                return handle.attach(tables).forget(person);
            }

            @Override
            public Set<String> writesWithWordsOf(Handle handle, String person) {
                return handle.attach(tables).writesWithWordsOf(person);
            }

            @Override
            public List<Count> purge(Handle handle, Instant before, int limit) {
                return handle.attach(tables).purge(before, limit);
            }

            @Override
            public Set<String> anchorsInUse(Handle handle, Collection<String> keys) {
                return handle.attach(tables).anchorsInUse(keys);
            }
        };
    }

    /** {@link StoredRecords}' questions, asked of a SqlObject already on the caller's handle. */
    interface Tables {

        List<Count> forget(String person);

        default Set<String> writesWithWordsOf(String person) {
            return Set.of();
        }

        default List<Count> purge(Instant before, int limit) {
            return List.of();
        }

        default Set<String> anchorsInUse(Collection<String> keys) {
            return Set.of();
        }
    }

    /**
     * Deletes what {@code person} typed and blanks where this workflow names them in other people's
     * records. Everything is counted, also when nothing was found.
     */
    List<Count> forget(Handle handle, String person);

    /**
     * Outbox keys of the writes that carry what {@code person} typed without naming them (a card
     * showing a need they shared without their name): they go with the person too. Each key also
     * stands for the keys made from it with a {@code :} suffix (the card's updates). Asked before
     * {@link #forget}, while their records are still there.
     */
    default Set<String> writesWithWordsOf(Handle handle, String person) {
        return Set.of();
    }

    /**
     * Deletes up to {@code limit} records finished before {@code before} (each workflow says what
     * finished means for its records; open ones are never removed), with everything that hangs off
     * them. Returns what it removed; nothing once no such record is left.
     */
    default List<Count> purge(Handle handle, Instant before, int limit) {
        return List.of();
    }

    /**
     * Of these outbox keys, the messages this workflow may still reply under or update (a card
     * someone may still take, a DM whose buttons still work): the purge keeps their place.
     */
    default Set<String> anchorsInUse(Handle handle, Collection<String> keys) {
        return Set.of();
    }
}
