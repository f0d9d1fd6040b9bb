package com.cebot.e2e;

import com.cebot.config.Secrets;
import com.cebot.db.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bot's durable work as its store holds it (the one table of the inbox, the outbox and the
 * jobs), read over a connection of its own: the same for a bot in this JVM and for packaged bots.
 */
final class StoredWork {

    /** How the store writes instants, so that comparing the text compares the times. */
    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StoredWork() {}

    /**
     * The rows there is still something to do for at {@code now}: every unfinished submission and
     * Slack write (one waiting for its retry too), and every unfinished job due by then.
     */
    static List<String> unfinished(Map<String, String> env, Instant now) {
        Store store = Store.fromEnvironment(env, Secrets.DEFAULT_DATABASE_URL);
        try (Connection c = DriverManager.getConnection(
                        store.url(), store.user().orElse(null), store.password().orElse(null));
                PreparedStatement s = c.prepareStatement("""
                        SELECT queue || ' ' || work_key || ' (' || kind || ') due ' || due_at || ' after '
                               || attempts || ' failed attempt(s)'
                        FROM work WHERE status = 'pending' AND (queue <> 'job' OR due_at <= ?) ORDER BY id
                        """)) {
            s.setString(1, STORED.format(now));
            try (ResultSet rs = s.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read the work table of " + store.where() + ": " + e.getMessage(), e);
        }
    }
}
