package com.cebot.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An online copy of a SQLite store, safe while the bot runs: {@code VACUUM INTO} reads the database
 * in one read transaction (in WAL mode the bot's writes go on meanwhile) and writes a compact copy
 * of it as it stood when the copy began. The copy is made readable by its owner only, like the
 * database, and never replaces an existing file. A PostgreSQL store is backed up with its own tools
 * ({@code pg_dump}).
 */
public final class Backup {

    private Backup() {}

    /** What {@link #copy} did. */
    public sealed interface Outcome {
        record Copied(Path to, long bytes) implements Outcome {}

        /** Nothing was copied; {@code why} says what to do. {@code badRequest}: the admin's to fix before trying again. */
        record Refused(String why, boolean badRequest) implements Outcome {}
    }

    public static Outcome copy(Store store, Path to) {
        if (store.isPostgresql()) {
            return new Outcome.Refused(
                    "CEBOT_DB_URL names " + store.where() + ": back PostgreSQL up with its own tools,"
                            + " e.g. pg_dump --format=custom --file=cebot.dump (see the README's Data section).",
                    true);
        }
        Path file = store.file().map(Path::toAbsolutePath).orElse(null);
        if (file == null || !Files.isRegularFile(file)) {
            return new Outcome.Refused(
                    "CEBOT_DB_URL: there is no database at " + (file == null ? store.url() : file)
                            + ". Check CEBOT_DB_URL (relative paths start from the current folder).",
                    true);
        }
        Path target = to.toAbsolutePath();
        try {
            PrivateFiles.createNew(target);
        } catch (FileAlreadyExistsException e) {
            return new Outcome.Refused(target + " already exists; backup never replaces a file. Name a new one.", true);
        } catch (IOException e) {
            return new Outcome.Refused(
                    "cannot create " + target + " (" + e.getClass().getSimpleName()
                            + "): its folder must exist and be writable.",
                    true);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(SingleWriter.BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(store.url());
        try (Connection c = source.getConnection();
                PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toString());
            vacuum.execute();
            return new Outcome.Copied(target, Files.size(target));
        } catch (SQLException | IOException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException left) {
                // Said below: the file named is not a backup.
            }
            return new Outcome.Refused(
                    "the copy failed ("
                            + e.getMessage().lines().findFirst().orElse("").strip() + "); no backup was made at "
                            + target + ".",
                    false);
        }
    }
}
