package com.cebot.db;

import com.cebot.logging.SafeErrors;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Makes deleted rows gone from the database's files, not only from its tables. SQLite leaves the
 * bytes of a deleted or updated row in the page that held it, and the write-ahead log keeps whole
 * copies of the pages written lately. Deletes made with {@code secure_delete} on overwrite what
 * they free; {@code VACUUM} then rewrites the file from the rows that remain (old copies left by
 * earlier updates included), and a {@code TRUNCATE} checkpoint copies the log into the file and
 * empties it. The {@code -shm} file holds an index of the log, never row data.
 *
 * <p>PostgreSQL keeps a deleted row's old version in the table's pages until a vacuum: there
 * {@code VACUUM FULL} writes each table anew from the rows that remain. What its write-ahead log,
 * replicas and backups hold is the database's operator's to age out.
 */
public final class Erasure {

    /** How long to wait for a running bot's readers to let the log be emptied. */
    private static final int CHECKPOINT_TRIES = 50;

    private static final long CHECKPOINT_PAUSE_MILLIS = 100;

    private Erasure() {}

    /** What {@link #wipe} achieved. */
    public sealed interface Wiped {
        /** The file holds the remaining rows only, and the log is empty. */
        record Done() implements Wiped {}

        /** PostgreSQL: each table written anew from the rows that remain. */
        record TablesRewritten() implements Wiped {}

        /** Another connection kept reading the whole time: the log could not be emptied. */
        record LogBusy() implements Wiped {}

        /** The rewrite itself failed (a full disk, the store held by another writer too long). */
        record Failed(String why) implements Wiped {}
    }

    /** Run on the connection that deletes: what it frees is overwritten with zeros. */
    public static void overwriteDeletes(Handle handle) {
        if (!Dialect.isPostgresql(handle)) {
            handle.execute("PRAGMA secure_delete = ON");
        }
    }

    /** Rewrites the file from what is left and empties the write-ahead log; outside any transaction. */
    public static Wiped wipe(Jdbi jdbi) {
        try {
            return rewrite(jdbi);
        } catch (JdbiException e) {
            return new Wiped.Failed(SafeErrors.describe(e));
        }
    }

    private static Wiped rewrite(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            if (Dialect.isPostgresql(h)) {
                // Each table is locked while it is written anew; a running bot waits that long, or
                // this gives up rather than hold it up.
                h.execute("SET lock_timeout = '5s'");
                h.execute("VACUUM FULL");
                return new Wiped.TablesRewritten();
            }
            h.execute("VACUUM");
            for (int i = 0; i < CHECKPOINT_TRIES; i++) {
                int busy = h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
                        .map((rs, ctx) -> rs.getInt(1))
                        .one();
                if (busy == 0) {
                    return new Wiped.Done();
                }
                try {
                    Thread.sleep(CHECKPOINT_PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return new Wiped.LogBusy();
        });
    }

    /**
     * Every column of every table that still names the person, with the number of rows: what a
     * workflow forgot to forget. Flyway's own history is left out; it names no one.
     */
    public static List<String> stillNaming(Handle handle, String person) {
        List<String> found = new ArrayList<>();
        boolean postgresql = Dialect.isPostgresql(handle);
        List<String> tables =
                handle.createQuery(postgresql ? """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                  AND table_name <> 'flyway_schema_history'
                ORDER BY table_name
                """ : """
                SELECT name FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'
                ORDER BY name
                """).mapTo(String.class).list();
        for (String table : tables) {
            List<String> columns = handle.createQuery(postgresql ? """
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = :table ORDER BY ordinal_position
                    """ : "SELECT name FROM pragma_table_info(:table)")
                    .bind("table", table)
                    .mapTo(String.class)
                    .list();
            for (String column : columns) {
                String text = "CAST(" + quoted(column) + " AS TEXT)";
                long rows = handle
                        .createQuery("SELECT " + text + " FROM " + quoted(table) + " WHERE replace(" + text
                                + ", :person, '') <> " + text)
                        .bind("person", person)
                        .mapTo(String.class)
                        .list()
                        .stream()
                        .filter(value -> PersonText.names(value, person))
                        .count();
                if (rows > 0) {
                    found.add(table + "." + column + " (" + rows + " row" + (rows == 1 ? "" : "s") + ")");
                }
            }
        }
        return found;
    }

    /** A name from the schema itself, quoted as an identifier. */
    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
