package com.cebot.work;

import com.cebot.db.PersonText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Removes rows of the {@code work} table that are no longer needed: finished work once the
 * retention period is over, and work naming a person who is forgotten. Finished rows hold the text
 * of every card and DM, the forms as submitted and the jobs run.
 *
 * <p>One kind of finished row may still be needed: a post other writes reply under or update (its
 * key is their anchor, and its result says where it landed). Such a row is kept while a row still
 * waits on it (pending, or failed and waiting for {@code retry-failed}) or while its workflow says
 * it may reply under or update it later; its text, whom it was for and what it was about are
 * removed, its key and where it landed stay.
 */
public final class FinishedWork {

    /** Which of these outbox keys the workflows may still reply under or update. */
    @FunctionalInterface
    public interface Anchors {
        Set<String> inUse(Handle handle, Collection<String> keys);
    }

    /** One batch of the purge: rows looked at up to {@code lastId}, what was removed and kept. */
    public record Batch(int examined, long lastId, int outbox, int jobs, int inbox, int keptWithoutText) {}

    /** What {@code forget} did to the work rows naming a person. */
    public record Forgotten(int removed, int keptWithoutText, int waitingRemoved) {}

    /** A row naming someone, as {@code forget} reads it. */
    record Row(long id, String queue, String workKey, String status, String payload, String forUser, String ref) {

        boolean finished() {
            return "done".equals(status) || "cancelled".equals(status);
        }
    }

    /** A finished row, as the purge reads it: {@code hasText} when it holds more than its key and result. */
    record Finished(long id, String queue, String workKey, String status, boolean hasText) {}

    /** Ids bound at once: well inside SQLite's limit on a statement's parameters. */
    private static final int CHUNK = 500;

    @RegisterConstructorMapper(Row.class)
    @RegisterConstructorMapper(Finished.class)
    interface Queries {
        @SqlQuery("""
                SELECT id, queue, work_key, status,
                       payload IS NOT NULL OR for_user IS NOT NULL OR ref IS NOT NULL AS has_text
                FROM work
                WHERE id > :afterId AND status IN ('done', 'cancelled') AND done_at < :before
                ORDER BY id LIMIT :limit
                """)
        List<Finished> finishedBefore(long afterId, Instant before, int limit);

        @SqlQuery("""
                SELECT id, queue, work_key, status, payload, for_user, ref FROM work
                WHERE for_user = :person OR replace(payload, :person, '') <> payload
                   OR replace(work_key, :person, '') <> work_key OR replace(ref, :person, '') <> ref
                """)
        List<Row> mentioning(String person);

        /** The outbox row {@code key} and the rows keyed from it ({@code key:…}). */
        @SqlQuery("""
                SELECT id, queue, work_key, status, payload, for_user, ref FROM work
                WHERE queue = 'outbox' AND (work_key = :key OR (work_key >= :key || ':' AND work_key < :key || ';'))
                """)
        List<Row> keyedFrom(String key);

        /** Outbox keys that rows still waiting (or failed, to be retried) reply under or update. */
        @SqlQuery("""
                SELECT DISTINCT after_key FROM work
                WHERE queue = 'outbox' AND status IN ('pending', 'failed') AND after_key IN (<keys>)
                """)
        Set<String> awaited(@BindList("keys") Collection<String> keys);

        @SqlQuery("""
                SELECT id, queue, work_key, status, NULL AS payload, NULL AS for_user, ref FROM work
                WHERE queue = 'outbox' AND status IN ('pending', 'failed') AND after_key IN (<keys>)
                """)
        List<Row> waitingOn(@BindList("keys") Collection<String> keys);

        @SqlUpdate("DELETE FROM work WHERE id IN (<ids>)")
        int delete(@BindList("ids") Collection<Long> ids);

        @SqlUpdate("""
                UPDATE work SET payload = NULL, for_user = NULL, ref = NULL, last_error = NULL
                WHERE id IN (<ids>) AND (payload IS NOT NULL OR for_user IS NOT NULL OR ref IS NOT NULL)
                """)
        int withoutText(@BindList("ids") Collection<Long> ids);
    }

    private FinishedWork() {}

    /**
     * Removes up to {@code limit} rows finished before {@code before}, from the row after
     * {@code afterId} on; the caller goes on from {@link Batch#lastId()} until a batch examines
     * fewer than {@code limit}.
     */
    public static Batch purge(Handle handle, Instant before, long afterId, int limit, Anchors anchors) {
        Queries q = handle.attach(Queries.class);
        List<Finished> rows = q.finishedBefore(afterId, before, limit);
        if (rows.isEmpty()) {
            return new Batch(0, afterId, 0, 0, 0, 0);
        }
        Set<String> kept = anchorsKept(handle, q, outboxKeys(rows, Finished::queue, Finished::workKey), anchors);
        List<Long> remove = new ArrayList<>();
        List<Long> keep = new ArrayList<>();
        int outbox = 0;
        int jobs = 0;
        int inbox = 0;
        for (Finished row : rows) {
            if (isKept(row.queue(), row.status(), row.workKey(), kept)) {
                if (row.hasText()) {
                    keep.add(row.id());
                }
                continue;
            }
            remove.add(row.id());
            switch (row.queue()) {
                case "outbox" -> outbox++;
                case "job" -> jobs++;
                default -> inbox++;
            }
        }
        delete(q, remove);
        int slimmed = withoutText(q, keep);
        return new Batch(rows.size(), rows.get(rows.size() - 1).id(), outbox, jobs, inbox, slimmed);
    }

    /**
     * Removes every row naming {@code person} (whom it is for, its text, its key or what it is about)
     * and every outbox row keyed from {@code theirWords} (writes carrying what they typed without
     * naming them): finished or not, a DM to them, a card naming them, the form they submitted. A
     * finished post that others' writes still need keeps its place without its text; writes still
     * waiting on a post that was removed go too, since they could only fail. Run after the workflows
     * forgot the person, so that their records no longer hold anchors in use.
     */
    public static Forgotten forget(Handle handle, String person, Collection<String> theirWords, Anchors anchors) {
        Queries q = handle.attach(Queries.class);
        Map<Long, Row> found = new LinkedHashMap<>();
        q.mentioning(person).stream().filter(r -> names(r, person)).forEach(r -> found.put(r.id(), r));
        theirWords.forEach(key -> q.keyedFrom(key).forEach(r -> found.putIfAbsent(r.id(), r)));
        List<Row> naming = List.copyOf(found.values());
        List<Long> waiting =
                naming.stream().filter(r -> !r.finished()).map(Row::id).toList();
        List<Row> removedRows =
                new ArrayList<>(naming.stream().filter(r -> !r.finished()).toList());
        delete(q, waiting);
        List<Row> finished = naming.stream().filter(Row::finished).toList();
        Set<String> kept = anchorsKept(handle, q, outboxKeys(finished, Row::queue, Row::workKey), anchors);
        List<Long> remove = new ArrayList<>();
        List<Long> keep = new ArrayList<>();
        for (Row row : finished) {
            if (isKept(row.queue(), row.status(), row.workKey(), kept) && !PersonText.names(row.workKey(), person)) {
                keep.add(row.id());
            } else {
                remove.add(row.id());
                removedRows.add(row);
            }
        }
        delete(q, remove);
        int slimmed = withoutText(q, keep);
        int cascaded = 0;
        Set<String> gone = outboxKeys(removedRows, Row::queue, Row::workKey);
        while (!gone.isEmpty()) {
            List<Row> orphans = new ArrayList<>();
            for (List<String> chunk : chunks(List.copyOf(gone))) {
                orphans.addAll(q.waitingOn(chunk));
            }
            cascaded += delete(q, orphans.stream().map(Row::id).toList());
            gone = outboxKeys(orphans, Row::queue, Row::workKey);
        }
        return new Forgotten(waiting.size() + remove.size(), slimmed, cascaded);
    }

    private static boolean names(Row row, String person) {
        return person.equals(row.forUser())
                || PersonText.names(row.payload(), person)
                || PersonText.names(row.workKey(), person)
                || PersonText.names(row.ref(), person);
    }

    /** The keys among {@code keys} that a waiting row or a workflow still needs as an anchor. */
    private static Set<String> anchorsKept(Handle handle, Queries q, Set<String> keys, Anchors anchors) {
        Set<String> kept = new HashSet<>();
        for (List<String> chunk : chunks(List.copyOf(keys))) {
            kept.addAll(q.awaited(chunk));
            kept.addAll(anchors.inUse(handle, chunk));
        }
        return kept;
    }

    /** Only a delivered post can be an anchor: a cancelled write never landed anywhere. */
    private static boolean isKept(String queue, String status, String key, Set<String> kept) {
        return "outbox".equals(queue) && "done".equals(status) && kept.contains(key);
    }

    private static <T> Set<String> outboxKeys(List<T> rows, Function<T, String> queue, Function<T, String> key) {
        Set<String> keys = new HashSet<>();
        for (T row : rows) {
            if ("outbox".equals(queue.apply(row))) {
                keys.add(key.apply(row));
            }
        }
        return keys;
    }

    private static int withoutText(Queries q, List<Long> ids) {
        int changed = 0;
        for (List<Long> chunk : chunks(ids)) {
            changed += q.withoutText(chunk);
        }
        return changed;
    }

    private static int delete(Queries q, List<Long> ids) {
        int deleted = 0;
        for (List<Long> chunk : chunks(ids)) {
            deleted += q.delete(chunk);
        }
        return deleted;
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += CHUNK) {
            chunks.add(items.subList(i, Math.min(items.size(), i + CHUNK)));
        }
        return chunks;
    }
}
