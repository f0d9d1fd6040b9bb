package com.cebot.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the store: SQLite in WAL mode (readers never wait for the writer), a busy timeout (writers
 * queue instead of failing with SQLITE_BUSY) and foreign keys on, which SQLite leaves off per
 * connection unless asked. Transactions take the write lock when they begin. Migrations run before
 * anyone gets a {@link Jdbi}. Every failure to open is a {@link DatabaseException} naming
 * CEBOT_DB_URL, worded for the admin.
 */
public final class Database {

    private static final String MIGRATIONS = "classpath:db/migration";
    /**
     * The version of the newest file in {@code db/migration}, as Flyway writes it ({@code V16_2__…}
     * is "16.2"), and how many files there are; MigrationTest keeps them equal. A database already
     * at it is opened without Flyway, whose scan of the classpath and check of every applied
     * migration took half of a start's second.
     */
    static final String SCHEMA_VERSION = "22";
    static final int MIGRATIONS_COUNT = 20;

    private Database() {}

    /** An unpooled store, created and migrated if needed: each call opens its own connection. */
    public static Jdbi open(String jdbcUrl) {
        SQLiteDataSource dataSource = sqlite(jdbcUrl, true);
        migrate(dataSource, jdbcUrl);
        return jdbi(dataSource);
    }

    /**
     * A store that must already exist, migrated to the current schema if it is behind, for the
     * commands that read what the bot stored ({@code export}, {@code status}, {@code retry-failed}):
     * a mistyped CEBOT_DB_URL must be an error, not a new empty database.
     */
    public static Jdbi existing(String jdbcUrl) {
        Path file = file(jdbcUrl).orElseThrow(() -> new DatabaseException("CEBOT_DB_URL " + jdbcUrl
                + " does not name a database file."));
        if (!Files.isRegularFile(file)) {
            throw new DatabaseException("CEBOT_DB_URL: there is no database at " + file.toAbsolutePath()
                    + ". Check CEBOT_DB_URL (relative paths start from the current folder), or start the bot once"
                    + " to create it.");
        }
        return open(jdbcUrl);
    }

    /**
     * A store that must exist and be at the current schema, opened as it is, migrating nothing, for
     * the operator's commands ({@code status}, {@code retry-failed}) that may run beside the bot.
     * {@code writable} false opens it read-only.
     */
    public static Jdbi current(String jdbcUrl, boolean writable) {
        State state = inspect(jdbcUrl);
        if (state instanceof State.Missing m) {
            throw new DatabaseException("CEBOT_DB_URL: there is no database at " + m.file() + ". Check CEBOT_DB_URL"
                    + " (relative paths start from the current folder), or start the bot once to create it.");
        }
        if (state instanceof State.Unusable u) {
            throw new DatabaseException(u.problem());
        }
        if (state instanceof State.Behind b) {
            throw new DatabaseException("CEBOT_DB_URL: the database at " + b.file() + " is at schema version "
                    + b.version() + ", older than this version of the bot; start the bot once to bring it up to date.");
        }
        SQLiteDataSource dataSource = sqlite(jdbcUrl, false);
        if (!writable) {
            SQLiteConfig config = new SQLiteConfig(dataSource.getConfig().toProperties());
            config.setReadOnly(true);
            dataSource = new SQLiteDataSource(config);
            dataSource.setUrl(jdbcUrl);
        }
        return jdbi(dataSource);
    }

    /**
     * The running bot's store: a small connection pool, so a burst of submissions does not pay for
     * opening SQLite (and re-applying its pragmas) on every call. Close it on shutdown.
     */
    public static Pooled pooled(String jdbcUrl) {
        SQLiteDataSource sqlite = sqlite(jdbcUrl, true);
        file(jdbcUrl).ifPresent(NativeLibrary::keepBeside);
        migrate(sqlite, jdbcUrl);
        requireWritable(sqlite, jdbcUrl);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("cebot-db");
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        HikariDataSource dataSource = new HikariDataSource(pool);
        return new Pooled(jdbi(dataSource), dataSource);
    }

    /** A pooled store and the pool to close. */
    public record Pooled(Jdbi jdbi, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    /** True when the URL names a database file that is already there. */
    public static boolean exists(String jdbcUrl) {
        return file(jdbcUrl).map(Files::isRegularFile).orElse(false);
    }

    /** Where the database stands, for {@code check}, which creates and migrates nothing. */
    public sealed interface State {
        record Current(Path file, String version) implements State {}

        /** Exists, with migrations the bot applies at its next start. */
        record Behind(Path file, String version, int pending) implements State {}

        /** Does not exist; {@code problem} is empty when the bot can create it. */
        record Missing(Path file, Optional<String> problem) implements State {}

        record Unusable(String problem) implements State {}
    }

    public static State inspect(String jdbcUrl) {
        Optional<Path> file = file(jdbcUrl);
        if (file.isEmpty()) {
            return new State.Unusable("CEBOT_DB_URL " + jdbcUrl + " does not name a database file.");
        }
        Path path = file.get().toAbsolutePath();
        if (!Files.exists(path)) {
            return new State.Missing(path, creatable(path));
        }
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            SQLiteDataSource dataSource = new SQLiteDataSource(config);
            dataSource.setUrl(jdbcUrl);
            MigrationInfoService info = flyway(dataSource).info();
            MigrationInfo current = info.current();
            String version = current == null ? "empty" : current.getVersion().getVersion();
            int pending = info.pending().length;
            return pending == 0 ? new State.Current(path, version) : new State.Behind(path, version, pending);
        } catch (FlywayException e) {
            return new State.Unusable("CEBOT_DB_URL: " + path + " cannot be read as the bot's database ("
                    + firstLine(e.getMessage()) + ").");
        }
    }

    private static Optional<String> creatable(Path file) {
        Path folder = file.getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null || !Files.isDirectory(folder)) {
            return Optional.of("no folder to create it in");
        }
        if (!Files.isWritable(folder)) {
            return Optional.of(folder + " is not writable");
        }
        return Optional.empty();
    }

    private static SQLiteDataSource sqlite(String jdbcUrl, boolean create) {
        if (create) {
            file(jdbcUrl).ifPresent(Database::createPrivately);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(SingleWriter.BUSY_TIMEOUT_MILLIS);
        sqlite.enforceForeignKeys(true);
        // A deferred transaction that reads and then writes cannot wait for another writer: SQLite
        // answers SQLITE_BUSY at once. Taking the write lock at BEGIN lets the busy timeout queue it.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(jdbcUrl);
        return dataSource;
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .validateMigrationNaming(true)
                .load();
    }

    private static void migrate(DataSource dataSource, String jdbcUrl) {
        try (Connection probe = dataSource.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            throw new DatabaseException("CEBOT_DB_URL: cannot open the database " + file(jdbcUrl).map(Path::toAbsolutePath)
                    .map(Path::toString).orElse(jdbcUrl) + " (" + firstLine(e.getMessage()) + ").");
        }
        if (atSchemaVersion(dataSource)) {
            return;
        }
        try {
            flyway(dataSource).migrate();
        } catch (FlywayException e) {
            throw new DatabaseException("CEBOT_DB_URL: cannot bring the database " + jdbcUrl
                    + " up to date (" + firstLine(e.getMessage()) + ").");
        }
    }

    /**
     * True when Flyway's history says {@link #MIGRATIONS_COUNT} migrations succeeded, the last of
     * them {@link #SCHEMA_VERSION}, and no other. Versions may have parts ("16.1"), so the count
     * is what tells that none was left out.
     */
    private static boolean atSchemaVersion(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT version FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1), COUNT(*), SUM(success)"
                        + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
            return rs.next() && SCHEMA_VERSION.equals(rs.getString(1)) && rs.getInt(2) == MIGRATIONS_COUNT
                    && rs.getInt(3) == MIGRATIONS_COUNT;
        } catch (SQLException e) {
            // No history yet (a new file), or not the bot's: Flyway says what is wrong.
            return false;
        }
    }

    /**
     * The bot writes from its first second on. A file it may only read opens and migrates fine when
     * it is up to date, so without this the start would fail later on a bare SQLite error that does
     * not say which setting to fix. Writes the schema version it read, in a transaction rolled back.
     */
    private static void requireWritable(DataSource dataSource, String jdbcUrl) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                int version;
                try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                s.execute("PRAGMA user_version = " + version);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new DatabaseException("CEBOT_DB_URL: the database " + file(jdbcUrl).map(Path::toAbsolutePath)
                    .map(Path::toString).orElse(jdbcUrl) + " cannot be written (" + firstLine(e.getMessage()) + ")."
                    + " The bot must be able to write it and to create files next to it: check their owner and mode.");
        }
    }

    private static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.setTransactionHandler(new SingleWriter(jdbi.getTransactionHandler()));
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new TimeColumns());
        // JDBI's error messages list the bound values by default: what people typed would reach the
        // logs and the stored errors. The database's own message is kept.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }

    /** The database file a SQLite URL names; empty for in-memory and other non-file URLs. */
    static Optional<Path> file(String jdbcUrl) {
        String file = jdbcUrl.startsWith("jdbc:sqlite:") ? jdbcUrl.substring("jdbc:sqlite:".length()) : "";
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.contains("mode=memory")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file));
    }

    /** A new database and its folder are made readable by the bot's user only (see {@link PrivateFiles}). */
    private static void createPrivately(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            PrivateFiles.createFolder(parent);
        } catch (IOException e) {
            throw new DatabaseException("CEBOT_DB_URL: cannot create the folder " + parent + " for the database ("
                    + e.getClass().getSimpleName() + "). Create it, or point CEBOT_DB_URL somewhere writable.");
        }
        try {
            PrivateFiles.createFile(file);
        } catch (IOException e) {
            throw new DatabaseException("CEBOT_DB_URL: cannot create the database " + file.toAbsolutePath() + " ("
                    + e.getClass().getSimpleName() + "). The bot must be able to create files in " + parent + ".");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "no detail" : message.lines().findFirst().orElse("").strip();
    }
}
