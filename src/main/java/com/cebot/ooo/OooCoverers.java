package com.cebot.ooo;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The people asked to cover a period, one row each beside the period's own list: the name Slack
 * gave for them (the customer notice is read outside Slack, where a mention means nothing) and
 * whether they said they can't cover.
 */
@RegisterConstructorMapper(OooCoverers.Coverer.class)
interface OooCoverers {

    /** {@code name} is null until read from Slack; {@code cannotCoverAt} is null while they cover. */
    record Coverer(String coverer, String name, Instant cannotCoverAt) {

        static Coverer asked(String coverer) {
            return new Coverer(coverer, null, null);
        }

        boolean covers() {
            return cannotCoverAt == null;
        }
    }

    @SqlQuery("SELECT coverer, name, cannot_cover_at FROM ooo_coverer WHERE period_id = :periodId")
    List<Coverer> of(long periodId);

    /** Asked again by an edit: what they said of the plan before no longer holds. */
    @SqlUpdate("""
            INSERT INTO ooo_coverer (period_id, coverer) VALUES (:periodId, :coverer)
            ON CONFLICT (period_id, coverer) DO UPDATE SET cannot_cover_at = NULL
            """)
    void asked(long periodId, String coverer);

    @SqlUpdate("DELETE FROM ooo_coverer WHERE period_id = :periodId AND coverer NOT IN (<kept>)")
    void keepOnly(long periodId, @BindList("kept") List<String> kept);

    @SqlUpdate("UPDATE ooo_coverer SET name = :name WHERE period_id = :periodId AND coverer = :coverer")
    void named(long periodId, String coverer, String name);

    /** The first press counts; a second one changes nothing. */
    @SqlUpdate("""
            UPDATE ooo_coverer SET cannot_cover_at = :now
            WHERE period_id = :periodId AND coverer = :coverer AND cannot_cover_at IS NULL
            """)
    int cannotCover(long periodId, String coverer, Instant now);

    /** The period's coverers are now {@code coverers}, each asked afresh. */
    default void ask(long periodId, List<String> coverers) {
        keepOnly(periodId, coverers);
        coverers.forEach(c -> asked(periodId, c));
    }
}
