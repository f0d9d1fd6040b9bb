package com.cebot.ooo;

import com.cebot.db.PersonText;
import com.cebot.feature.StoredRecords;
import com.cebot.feature.StoredRecords.Count;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Time off, forgotten per person and purged once over, with its steps, notes and the people asked
 * to cover it: a period is finished when its last day is past, or when it was cancelled, and older
 * means that was before the cut-off. Time off still to come or under way is kept.
 */
@RegisterConstructorMapper(OooRecords.Covered.class)
@RegisterConstructorMapper(OooRecords.Note.class)
interface OooRecords extends StoredRecords.Tables {

    String WORKFLOW = "OOO: ";
    /** A DM with step buttons: the summary and the reminder of open steps, updated when a step is ticked. */
    Pattern STEP_DM = Pattern.compile("ooo:(\\d+):v\\d+:(summary|remind)");
    /** A DM to someone covering, with the button that says they can't: redrawn when it is pressed. */
    Pattern COVERER_DM = Pattern.compile("ooo:(\\d+):v\\d+:coverer:[UW][A-Z0-9]+(:first-day)?");

    record Covered(long id, String coverers) {}

    record Note(long id, String noteKey, String what) {}

    @SqlQuery("SELECT id FROM ooo_period WHERE person = :person")
    List<Long> periodsOf(String person);

    @SqlQuery("SELECT id, coverers FROM ooo_period WHERE replace(coverers, :person, '') <> coverers")
    List<Covered> coveredBy(String person);

    @SqlUpdate("UPDATE ooo_period SET coverers = :coverers WHERE id = :id")
    void setCoverers(long id, String coverers);

    @SqlQuery(
            "SELECT id, note_key, what FROM ooo_note WHERE replace(note_key, :person, '') <> note_key OR replace(what, :person, '') <> what")
    List<Note> notesMentioning(String person);

    @SqlQuery("""
            SELECT id FROM ooo_period
            WHERE last_day < :beforeDay OR (cancelled_at IS NOT NULL AND cancelled_at < :before)
            ORDER BY id LIMIT :limit
            """)
    List<Long> finishedBefore(Instant before, LocalDate beforeDay, int limit);

    @SqlUpdate("DELETE FROM ooo_step WHERE period_id IN (<ids>)")
    int deleteSteps(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("DELETE FROM ooo_note WHERE period_id IN (<ids>)")
    int deleteNotesOf(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("DELETE FROM ooo_note WHERE id IN (<ids>)")
    int deleteNotes(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("DELETE FROM ooo_coverer WHERE period_id IN (<ids>)")
    int deleteCoverersOf(@BindList("ids") Collection<Long> ids);

    /** Their name, and whether they could cover, as kept for others' time off. */
    @SqlUpdate("DELETE FROM ooo_coverer WHERE coverer = :person")
    int deleteCovererRows(String person);

    @SqlUpdate("DELETE FROM ooo_period WHERE id IN (<ids>)")
    int deletePeriods(@BindList("ids") Collection<Long> ids);

    /** The count of DMs to the people covering, kept a day for the per-day limit, names both. */
    @SqlUpdate("DELETE FROM ooo_coverer_dm WHERE person = :person OR coverer = :person")
    int deleteCovererDmsOf(String person);

    @SqlQuery("SELECT id FROM ooo_period WHERE id IN (<ids>)")
    Set<Long> stored(@BindList("ids") Collection<Long> ids);

    /**
     * Their time off goes, with its steps and notes; where they cover someone else, that period
     * keeps its other coverers.
     */
    @Override
    default List<Count> forget(String person) {
        List<Long> own = periodsOf(person);
        int periods = 0;
        if (!own.isEmpty()) {
            deleteSteps(own);
            deleteNotesOf(own);
            deleteCoverersOf(own);
            periods = deletePeriods(own);
        }
        deleteCovererRows(person);
        int covered = 0;
        for (Covered c : coveredBy(person)) {
            List<String> others = new ArrayList<>(List.of(c.coverers().split(",")));
            if (others.remove(person)) {
                setCoverers(c.id(), String.join(",", others));
                covered++;
            }
        }
        List<Long> notes = notesMentioning(person).stream()
                .filter(n -> PersonText.names(n.noteKey(), person) || PersonText.names(n.what(), person))
                .map(Note::id)
                .toList();
        return List.of(
                new Count(WORKFLOW + "time off they planned", periods),
                new Count(WORKFLOW + "others' time off they covered, without them", covered),
                new Count(WORKFLOW + "notes naming them", notes.isEmpty() ? 0 : deleteNotes(notes)),
                new Count(
                        WORKFLOW + "DMs to people covering, as counted for the daily limit",
                        deleteCovererDmsOf(person)));
    }

    /**
     * A last day is a day in the person's own zone: it counts as before the cut-off once it is
     * before the cut-off's UTC day less one, wherever they are.
     */
    @Override
    default List<Count> purge(Instant before, int limit) {
        LocalDate beforeDay = LocalDate.ofInstant(before, ZoneOffset.UTC).minusDays(1);
        List<Long> ids = finishedBefore(before, beforeDay, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        deleteSteps(ids);
        deleteNotesOf(ids);
        deleteCoverersOf(ids);
        return List.of(new Count(WORKFLOW + "periods of time off", deletePeriods(ids)));
    }

    /** The step and coverer DMs of periods still stored: a press on their buttons updates them. */
    @Override
    default Set<String> anchorsInUse(Collection<String> keys) {
        Map<String, Long> periods = new HashMap<>();
        for (String key : keys) {
            for (Pattern dm : List.of(STEP_DM, COVERER_DM)) {
                Matcher m = dm.matcher(key);
                if (m.matches()) {
                    periods.put(key, Long.parseLong(m.group(1)));
                }
            }
        }
        if (periods.isEmpty()) {
            return Set.of();
        }
        Set<Long> stored = stored(new HashSet<>(periods.values()));
        return periods.entrySet().stream()
                .filter(e -> stored.contains(e.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
