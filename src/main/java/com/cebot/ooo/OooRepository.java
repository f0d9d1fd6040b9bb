package com.cebot.ooo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(OooPeriod.class)
interface OooRepository {

    String COLUMNS = """
            id, person, zone, first_day, last_day, coverers, plan, customers, version, cancelled_at, created_at
            FROM ooo_period
            """;

    @SqlQuery("""
            INSERT INTO ooo_period (submission_key, person, zone, first_day, last_day, coverers, plan, customers,
                                    created_at)
            VALUES (:submissionKey, :person, :zone, :firstDay, :lastDay, :coverers, :plan, :customers, :now)
            RETURNING id
            """)
    long insert(
            String submissionKey,
            String person,
            String zone,
            LocalDate firstDay,
            LocalDate lastDay,
            String coverers,
            String plan,
            String customers,
            Instant now);

    /** An edit: a new version, so reminders and DMs planned for the old one are told apart. */
    @SqlUpdate("""
            UPDATE ooo_period SET zone = :zone, first_day = :firstDay, last_day = :lastDay, coverers = :coverers,
                                  plan = :plan, customers = :customers, version = version + 1
            WHERE id = :id AND cancelled_at IS NULL
            """)
    int update(
            long id,
            String zone,
            LocalDate firstDay,
            LocalDate lastDay,
            String coverers,
            String plan,
            String customers);

    /** Only the first of two cancels wins: the second matches nothing. */
    @SqlUpdate("UPDATE ooo_period SET cancelled_at = :now WHERE id = :id AND cancelled_at IS NULL")
    int cancel(long id, Instant now);

    @SqlQuery("SELECT " + COLUMNS + " WHERE id = :id")
    Optional<OooPeriod> period(long id);

    /** The person's periods that have not ended by {@code today}, soonest first. */
    @SqlQuery("SELECT " + COLUMNS + """
            WHERE person = :person AND cancelled_at IS NULL AND last_day >= :today
            ORDER BY first_day, id
            """)
    List<OooPeriod> notEndedOf(String person, LocalDate today);

    /** Everyone's periods with at least one day between {@code from} and {@code to}. */
    @SqlQuery("SELECT " + COLUMNS + """
            WHERE cancelled_at IS NULL AND last_day >= :from AND first_day <= :to
            ORDER BY first_day, person, id
            """)
    List<OooPeriod> between(LocalDate from, LocalDate to);

    /** These people's periods with a day between {@code from} and {@code to}: who of them may be out. */
    @SqlQuery("SELECT " + COLUMNS + """
            WHERE person IN (<people>) AND cancelled_at IS NULL AND last_day >= :from AND first_day <= :to
            ORDER BY first_day, id
            """)
    List<OooPeriod> ofPeopleBetween(@BindList("people") List<String> people, LocalDate from, LocalDate to);

    /** The steps ticked of these periods. */
    @SqlQuery("SELECT period_id, step FROM ooo_step WHERE period_id IN (<periodIds>)")
    @RegisterConstructorMapper(Ticked.class)
    List<Ticked> tickedOf(@BindList("periodIds") List<Long> periodIds);

    record Ticked(long periodId, String step) {}

    @SqlUpdate("""
            INSERT INTO ooo_step (period_id, step, ticked_at) VALUES (:periodId, :step, :now)
            ON CONFLICT (period_id, step) DO NOTHING
            """)
    int tick(long periodId, String step, Instant now);

    @SqlUpdate("DELETE FROM ooo_step WHERE period_id = :periodId")
    void clearSteps(long periodId);

    @SqlUpdate("""
            INSERT INTO ooo_note (period_id, note_key, what, at) VALUES (:periodId, :key, :what, :now)
            ON CONFLICT (note_key) DO NOTHING
            """)
    int note(long periodId, String key, String what, Instant now);

    @SqlQuery("SELECT what FROM ooo_note WHERE period_id = :periodId ORDER BY id")
    List<String> notes(long periodId);
}
