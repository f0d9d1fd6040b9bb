package com.cebot.home;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface HomeUsers {

    @SqlUpdate("""
            INSERT INTO home_user (user_id, opened_at) VALUES (:userId, :now)
            ON CONFLICT (user_id) DO UPDATE SET opened_at = excluded.opened_at
            """)
    void opened(String userId, Instant now);

    @SqlQuery("SELECT user_id FROM home_user WHERE opened_at >= :since ORDER BY opened_at DESC")
    List<String> openedSince(Instant since);

    @SqlUpdate("DELETE FROM home_user WHERE user_id = :userId")
    int forget(String userId);
}
