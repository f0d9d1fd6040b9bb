package com.cebot.home;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Who opened Home and when, and whose Home a change marked to be drawn again: {@code stale} counts
 * the changes since it was last drawn, so a change that lands while it is being drawn leaves it
 * marked for the next draw.
 */
@RegisterConstructorMapper(HomeUsers.Row.class)
interface HomeUsers {

    /** A Home user: when they last opened it, and the mark a change left (null: drawn since). */
    record Row(String userId, Instant openedAt, Long stale) {}

    @SqlUpdate("""
            INSERT INTO home_user (user_id, opened_at) VALUES (:userId, :now)
            ON CONFLICT (user_id) DO UPDATE SET opened_at = excluded.opened_at
            """)
    void opened(String userId, Instant now);

    @SqlQuery("SELECT user_id, opened_at, stale FROM home_user WHERE user_id = :userId")
    Optional<Row> row(String userId);

    /** Marks the Homes of those who ever opened it; anyone else's is drawn when they first do. */
    @SqlUpdate("UPDATE home_user SET stale = COALESCE(stale, 0) + 1 WHERE user_id IN (<userIds>)")
    int mark(@BindList("userIds") Collection<String> userIds);

    /**
     * Homes a change marked (marks count from 1) that no bot process is drawing, through the index
     * that holds only marked rows.
     */
    @SqlQuery("""
            SELECT user_id FROM home_user
            WHERE stale > 0 AND (drawing_until IS NULL OR drawing_until < :now)
            LIMIT :limit
            """)
    List<String> marked(Instant now, int limit);

    /**
     * Takes a marked Home to draw it, unless another bot process has taken it: with several
     * processes on one store, each reads the marks, and only the one that takes a Home draws it. The
     * take runs out at {@code until}, so a process killed mid-draw leaves the Home to the others.
     */
    @SqlUpdate("""
            UPDATE home_user SET drawing_until = :until
            WHERE user_id = :userId AND stale > 0 AND (drawing_until IS NULL OR drawing_until < :now)
            """)
    int take(String userId, Instant now, Instant until);

    /** Lets go of a Home taken to draw, drawn or not. */
    @SqlUpdate("UPDATE home_user SET drawing_until = NULL WHERE user_id = :userId")
    void release(String userId);

    /** Clears the mark once drawn, unless another change marked it again meanwhile. */
    @SqlUpdate("UPDATE home_user SET stale = NULL WHERE user_id = :userId AND stale = :seen")
    int drawn(String userId, long seen);

    /** Who opened Home since then, latest first. */
    @SqlQuery("SELECT user_id FROM home_user WHERE opened_at >= :since ORDER BY opened_at DESC LIMIT :limit")
    List<String> openedSince(Instant since, int limit);

    @SqlUpdate("DELETE FROM home_user WHERE user_id = :userId")
    int forget(String userId);
}
