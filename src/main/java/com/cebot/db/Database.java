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
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the store: a SQLite file (the default) or a PostgreSQL database (see {@link Store}).
 * SQLite runs in WAL mode (readers never wait for the writer), with a busy timeout (writers queue
 * instead of failing with SQLITE_BUSY) and foreign keys on, which SQLite leaves off per connection
 * unless asked; its transactions take the write lock when they begin. PostgreSQL's transactions are
 * serializable, retried when PostgreSQL finds they overlapped another's, so every workflow sees
 * the store as it does on SQLite, where one transaction runs at a time (see {@link PgTransactions}).
 * Migrations run before anyone gets a {@link Jdbi}: those shared by both in
 * {@code db/migration/common}, the others in a folder per database. Every failure to open is a
 * {@link DatabaseException} naming CEBOT_DB_URL, worded for the admin, never showing a credential.
 */
public final class Database {

    /**
     * The version of the newest migration, as Flyway writes it ({@code V16_2__…} is "16.2"), and how
     * many each database has (the same versions on both); MigrationTest keeps them equal. A database
     * already at it is opened without Flyway, whose scan of the classpath and check of every applied
     * migration took half of a start's second.
     */
    static final String SCHEMA_VERSION = "28";

    static final int MIGRATIONS_COUNT = 25;

    private Database() {}

    /** Flyway's locations for a database: the shared migrations and its own. */
    public static String[] migrations(Store.Kind kind) {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + kind.migrations};
    }

    /** An unpooled store, created and migrated if needed: each call opens its own connection. */
    public static Jdbi open(String jdbcUrl) {
        return open(Store.of(jdbcUrl, Optional.empty(), Optional.empty()));
    }

    public static Jdbi open(Store store) {
        DataSource dataSource = dataSource(store, true);
        migrate(dataSource, store);
        return jdbi(dataSource, store);
    }

    /**
     * A store that must already exist, migrated to the current schema if it is behind, for the
     * commands that read what the bot stored ({@code export}): a mistyped CEBOT_DB_URL must be an
     * error, not a new empty database.
     */
    public static Jdbi existing(Store store) {
        if (!store.isPostgresql()) {
            Path file = store.file()
                    .orElseThrow(() ->
                            new DatabaseException("CEBOT_DB_URL " + store.url() + " does not name a database file."));
            if (!Files.isRegularFile(file)) {
                throw new DatabaseException(missing(file.toAbsolutePath().toString()));
            }
        }
        return open(store);
    }

    /**
     * A store that must exist and be at the current schema, opened as it is, migrating nothing, for
     * the operator's commands ({@code status}, {@code retry-failed}, {@code forget}) that may run
     * beside the bot. {@code writable} false opens it read-only.
     */
    public static Jdbi current(String jdbcUrl, boolean writable) {
        return current(Store.of(jdbcUrl, Optional.empty(), Optional.empty()), writable);
    }

    public static Jdbi current(Store store, boolean writable) {
        State state = inspect(store);
        if (state instanceof State.Missing m) {
            throw new DatabaseException(
                    store.isPostgresql()
                            ? "CEBOT_DB_URL: " + m.where()
                                    + " has none of the bot's tables. Check CEBOT_DB_URL, or start"
                                    + " the bot once to create them."
                            : missing(m.where()));
        }
        if (state instanceof State.Unusable u) {
            throw new DatabaseException(u.problem());
        }
        if (state instanceof State.Behind b) {
            throw new DatabaseException("CEBOT_DB_URL: the database at " + b.where() + " is at schema version "
                    + b.version() + ", older than this version of the bot; start the bot once to bring it up to date.");
        }
        if (store.isPostgresql()) {
            PGSimpleDataSource dataSource = postgresql(store);
            if (!writable) {
                dataSource.setReadOnly(true);
                dataSource.setReadOnlyMode("always");
            }
            return jdbi(dataSource, store);
        }
        SQLiteDataSource dataSource = sqlite(store.url(), false);
        if (!writable) {
            SQLiteConfig config = new SQLiteConfig(dataSource.getConfig().toProperties());
            config.setReadOnly(true);
            dataSource = new SQLiteDataSource(config);
            dataSource.setUrl(store.url());
        }
        return jdbi(dataSource, store);
    }

    private static String missing(String where) {
        return "CEBOT_DB_URL: there is no database at " + where + ". Check CEBOT_DB_URL (relative paths start from the"
                + " current folder), or start the bot once to create it.";
    }

    /**
     * The running bot's store: a small connection pool, so a burst of submissions does not pay for
     * opening a connection (and, on SQLite, re-applying its pragmas) on every call. Close it on
     * shutdown.
     */
    public static Pooled pooled(String jdbcUrl) {
        return pooled(Store.of(jdbcUrl, Optional.empty(), Optional.empty()));
    }

    public static Pooled pooled(Store store) {
        DataSource direct = dataSource(store, true);
        store.file().ifPresent(NativeLibrary::keepBeside);
        migrate(direct, store);
        requireWritable(direct, store);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(direct);
        pool.setPoolName("cebot-db");
        if (store.isPostgresql()) {
            // Threads wait for a connection no longer than a form may wait for the store before its
            // ack; a database that went away is then noticed in seconds, not at the socket timeout.
            pool.setMaximumPoolSize(8);
            pool.setConnectionTimeout(Deadline.BEFORE_ACK.toMillis());
            pool.setValidationTimeout(1_000);
            pool.setKeepaliveTime(60_000);
        } else {
            pool.setMaximumPoolSize(4);
        }
        pool.setMinimumIdle(1);
        HikariDataSource dataSource = new HikariDataSource(pool);
        return new Pooled(jdbi(dataSource, store), dataSource);
    }

    /** A pooled store and the pool to close. */
    public record Pooled(Jdbi jdbi, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * True when the store is there to open: a SQLite file that exists; always for PostgreSQL, whose
     * database the admin creates (the bot creates its tables).
     */
    public static boolean exists(Store store) {
        return store.isPostgresql() || store.file().map(Files::isRegularFile).orElse(false);
    }

    /** Where the database stands, for {@code check}, which creates and migrates nothing. */
    public sealed interface State {
        /** {@code where}: the SQLite file or PostgreSQL's host and database, as {@link Store#where()}. */
        record Current(String where, String version) implements State {}

        /** Exists, with migrations the bot applies at its next start. */
        record Behind(String where, String version, int pending) implements State {}

        /** Does not exist, or has none of the bot's tables; {@code problem} is empty when the bot can create it. */
        record Missing(String where, Optional<String> problem) implements State {}

        record Unusable(String problem) implements State {}
    }

    public static State inspect(String jdbcUrl) {
        return inspect(Store.of(jdbcUrl, Optional.empty(), Optional.empty()));
    }

    public static State inspect(Store store) {
        DataSource dataSource;
        if (store.isPostgresql()) {
            PGSimpleDataSource postgresql = postgresql(store);
            postgresql.setReadOnly(true);
            postgresql.setReadOnlyMode("always");
            try (Connection c = postgresql.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return new State.Missing(store.where(), Optional.empty());
                }
            } catch (SQLException e) {
                return new State.Unusable(unreachable(store, e));
            }
            dataSource = postgresql;
        } else {
            Optional<Path> file = store.file();
            if (file.isEmpty()) {
                return new State.Unusable("CEBOT_DB_URL " + store.url() + " does not name a database file.");
            }
            Path path = file.get().toAbsolutePath();
            if (!Files.exists(path)) {
                return new State.Missing(path.toString(), creatable(path));
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            SQLiteDataSource sqlite = new SQLiteDataSource(config);
            sqlite.setUrl(store.url());
            dataSource = sqlite;
        }
        try {
            MigrationInfoService info = flyway(dataSource, store).info();
            MigrationInfo current = info.current();
            String version = current == null ? "empty" : current.getVersion().getVersion();
            int pending = info.pending().length;
            return pending == 0
                    ? new State.Current(store.where(), version)
                    : new State.Behind(store.where(), version, pending);
        } catch (FlywayException e) {
            return new State.Unusable("CEBOT_DB_URL: " + store.where() + " cannot be read as the bot's database ("
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

    private static DataSource dataSource(Store store, boolean create) {
        return store.isPostgresql() ? postgresql(store) : sqlite(store.url(), create);
    }

    private static PGSimpleDataSource postgresql(Store store) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(store.url());
        Properties properties = store.connectionProperties();
        for (String name : properties.stringPropertyNames()) {
            try {
                dataSource.setProperty(name, properties.getProperty(name));
            } catch (SQLException e) {
                throw new DatabaseException("CEBOT_DB_URL: " + store.where() + ": " + firstLine(e.getMessage()));
            }
        }
        return dataSource;
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

    private static Flyway flyway(DataSource dataSource, Store store) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(migrations(store.kind()))
                .validateMigrationNaming(true)
                .load();
    }

    private static void migrate(DataSource dataSource, Store store) {
        try (Connection probe = dataSource.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            throw new DatabaseException(
                    store.isPostgresql()
                            ? unreachable(store, e)
                            : "CEBOT_DB_URL: cannot open the database " + store.where() + " ("
                                    + firstLine(e.getMessage()) + ").");
        }
        if (atSchemaVersion(dataSource)) {
            return;
        }
        try {
            flyway(dataSource, store).migrate();
        } catch (FlywayException e) {
            throw new DatabaseException("CEBOT_DB_URL: cannot bring the database " + store.where() + " up to date ("
                    + firstLine(e.getMessage()) + ").");
        }
    }

    /** One line for a PostgreSQL that cannot be reached or refused the login. */
    private static String unreachable(Store store, SQLException e) {
        return "CEBOT_DB_URL: cannot connect to " + store.where() + " (" + firstLine(e.getMessage()) + ")."
                + " Check that it runs and accepts this host, and CEBOT_DB_USER and CEBOT_DB_PASSWORD.";
    }

    /**
     * True when Flyway's history says {@link #MIGRATIONS_COUNT} migrations succeeded, the last of
     * them {@link #SCHEMA_VERSION}, and no other. Versions may have parts ("16.1"), so the count
     * is what tells that none was left out. ({@code success} is a number in SQLite, a boolean in
     * PostgreSQL: the CASE reads both.)
     */
    private static boolean atSchemaVersion(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT version FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1), COUNT(*),"
                        + " SUM(CASE WHEN success THEN 1 ELSE 0 END)"
                        + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
            return rs.next()
                    && SCHEMA_VERSION.equals(rs.getString(1))
                    && rs.getInt(2) == MIGRATIONS_COUNT
                    && rs.getInt(3) == MIGRATIONS_COUNT;
        } catch (SQLException e) {
            // No history yet (a new file), or not the bot's: Flyway says what is wrong.
            return false;
        }
    }

    /**
     * The bot writes from its first second on. A store it may only read opens and migrates fine
     * when it is up to date, so without this the start would fail later on a bare error that does
     * not say which setting to fix. On SQLite it writes the schema version it read, on PostgreSQL
     * it updates no row of the work table (which still needs the right to write it, on a primary),
     * in a transaction rolled back.
     */
    private static void requireWritable(DataSource dataSource, Store store) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                if (store.isPostgresql()) {
                    s.executeUpdate("UPDATE work SET status = status WHERE false");
                } else {
                    int version;
                    try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                        version = rs.next() ? rs.getInt(1) : 0;
                    }
                    s.execute("PRAGMA user_version = " + version);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new DatabaseException(
                    "CEBOT_DB_URL: the database " + store.where() + " cannot be written ("
                            + firstLine(e.getMessage()) + ")."
                            + (store.isPostgresql()
                                    ? " The bot's user must be able to write its tables, on a primary (not a standby)."
                                    : " The bot must be able to write it and to create files next to it: check their owner and mode."));
        }
    }

    private static Jdbi jdbi(DataSource dataSource, Store store) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(Dialect.class).set(store.kind());
        if (store.isPostgresql()) {
            jdbi.setTransactionHandler(new SingleWriter(new PgTransactions(), false));
            PgTransactions.configure(jdbi);
            // The schema keeps flags as 0 and 1 in integer columns, as SQLite does; PostgreSQL will
            // not take a boolean for them.
            jdbi.registerArgument((ArgumentFactory.Preparable) (type, config) ->
                    type == boolean.class || type == Boolean.class
                            ? Optional.of(value -> (position, statement, ctx) -> {
                                if (value == null) {
                                    statement.setNull(position, java.sql.Types.INTEGER);
                                } else {
                                    statement.setInt(position, (Boolean) value ? 1 : 0);
                                }
                            })
                            : Optional.empty());
            // PostgreSQL's text cannot hold a NUL character, which Slack's JSON can carry in what
            // someone typed: it is stored as U+FFFD rather than the whole write being refused.
            jdbi.registerArgument((ArgumentFactory.Preparable) (type, config) -> type == String.class
                    ? Optional.of(value -> (position, statement, ctx) -> {
                        if (value == null) {
                            statement.setNull(position, java.sql.Types.VARCHAR);
                        } else {
                            statement.setString(position, ((String) value).replace('\0', '\uFFFD'));
                        }
                    })
                    : Optional.empty());
        } else {
            jdbi.setTransactionHandler(new SingleWriter(jdbi.getTransactionHandler(), true));
        }
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
        return message == null
                ? "no detail"
                : message.lines().findFirst().orElse("").strip();
    }
}
