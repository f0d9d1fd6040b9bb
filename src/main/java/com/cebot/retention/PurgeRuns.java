package com.cebot.retention;

import com.cebot.feature.StoredRecords.Count;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the retention purges removed, one row per part of a day's purge, for {@code status}. */
public final class PurgeRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A day's purge as {@code status} shows it: its parts added up. */
    public record LastPurge(
            LocalDate day,
            Instant finishedAt,
            Instant workBefore,
            Instant recordsBefore,
            List<Count> removed,
            boolean complete) {}

    record Part(
            LocalDate day,
            Instant finishedAt,
            Instant workBefore,
            Instant recordsBefore,
            String removed,
            boolean complete) {}

    @RegisterConstructorMapper(Part.class)
    interface Repository {
        @SqlUpdate("""
                INSERT INTO retention_purge (day, finished_at, work_before, records_before, removed, complete)
                VALUES (:day, :finishedAt, :workBefore, :recordsBefore, :removed, :complete)
                """)
        void insert(
                LocalDate day,
                Instant finishedAt,
                Instant workBefore,
                Instant recordsBefore,
                String removed,
                boolean complete);

        @SqlUpdate("DELETE FROM retention_purge WHERE day < :day")
        void forgetBefore(LocalDate day);

        @SqlQuery("""
                SELECT day, finished_at, work_before, records_before, removed, complete FROM retention_purge
                WHERE day = (SELECT MAX(day) FROM retention_purge) ORDER BY id
                """)
        List<Part> latestDay();
    }

    private PurgeRuns() {}

    /** Records a part in the caller's transaction; parts older than a month go. */
    static void record(
            Handle handle,
            LocalDate day,
            Instant finishedAt,
            Instant workBefore,
            Instant recordsBefore,
            List<Count> removed,
            boolean complete) {
        Repository repo = handle.attach(Repository.class);
        try {
            repo.insert(day, finishedAt, workBefore, recordsBefore, JSON.writeValueAsString(removed), complete);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        repo.forgetBefore(day.minusDays(31));
    }

    /** The latest day's purge; empty when none has run on this database. */
    public static Optional<LastPurge> last(Jdbi jdbi) {
        List<Part> parts = jdbi.withExtension(Repository.class, Repository::latestDay);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> removed = new LinkedHashMap<>();
        for (Part part : parts) {
            for (Count count : read(part.removed())) {
                removed.merge(count.what(), count.rows(), Integer::sum);
            }
        }
        Part last = parts.get(parts.size() - 1);
        return Optional.of(new LastPurge(
                last.day(),
                last.finishedAt(),
                parts.get(0).workBefore(),
                parts.get(0).recordsBefore(),
                removed.entrySet().stream()
                        .map(e -> new Count(e.getKey(), e.getValue()))
                        .toList(),
                last.complete()));
    }

    private static List<Count> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Count>>() {});
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
