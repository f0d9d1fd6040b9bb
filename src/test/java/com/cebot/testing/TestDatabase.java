package com.cebot.testing;

import com.cebot.db.Database;
import com.cebot.db.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The store a test runs on, chosen in this one place for every test: a real SQLite file in the
 * test's folder, or, when the tests run with {@code -Dcebot.store=postgresql} (the second
 * Surefire execution), a fresh database of its own on one real PostgreSQL started for the whole
 * test JVM ({@link PostgresServer}). Each is opened by the production factory.
 *
 * <p>A test's database is named by its SQLite file's path ({@code dir/cebot.db}), so code that asks
 * for the file (the harness, {@code Burst.query}) reaches the same PostgreSQL database. Fresh
 * databases are copied from a template migrated once, which takes milliseconds where migrating
 * each would take a second.
 */
public final class TestDatabase {

    /** The system property that picks PostgreSQL; anything else is SQLite. */
    public static final String STORE_PROPERTY = "cebot.store";

    private static final String TEMPLATE = "cebot_template";
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
    /** Every database made for the tests and not dropped yet, with or without the bot's tables. */
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    private static final AtomicInteger MADE = new AtomicInteger();
    /** The pools of the tests' stores, the latest few kept open. */
    private static final Map<String, Database.Pooled> POOLS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Database.Pooled> eldest) {
            if (size() > 3) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    private static volatile PostgresServer server;

    private TestDatabase() {}

    /** True when this test JVM runs the tests on PostgreSQL. */
    public static boolean postgresql() {
        return "postgresql".equalsIgnoreCase(System.getProperty(STORE_PROPERTY, "sqlite"));
    }

    /**
     * The test's store, migrated. On PostgreSQL it is pooled as the running bot's is (a connection
     * per statement costs a server process each time); the pools of earlier tests are closed as
     * later tests open theirs.
     */
    public static Jdbi open(Path dir) {
        if (!postgresql()) {
            return Database.open(store(dir));
        }
        Store store = store(dir);
        synchronized (POOLS) {
            Database.Pooled pooled = POOLS.get(store.url());
            if (pooled == null) {
                pooled = Database.pooled(store);
                POOLS.put(store.url(), pooled);
            }
            return pooled.jdbi();
        }
    }

    /** The store of the test whose folder is {@code dir}: created and migrated (on PostgreSQL), or a file to be. */
    public static Store store(Path dir) {
        Path file = dir.resolve("cebot.db");
        if (!postgresql()) {
            return Store.of("jdbc:sqlite:" + file, Optional.empty(), Optional.empty());
        }
        String name = DATABASES.computeIfAbsent(file.toAbsolutePath(), f -> create(true));
        return postgres(name);
    }

    /** A PostgreSQL database with no tables at all, as an admin creates it for the bot. */
    public static Store emptyPostgresql() {
        return postgres(create(false));
    }

    /** What a process started on the test's store is given: CEBOT_DB_URL and, for PostgreSQL, CEBOT_DB_USER. */
    public static Map<String, String> env(Path dir) {
        Store store = store(dir);
        Map<String, String> env = new HashMap<>();
        env.put("CEBOT_DB_URL", store.url());
        store.user().ifPresent(u -> env.put("CEBOT_DB_USER", u));
        return env;
    }

    /**
     * What a command is given to find no store: the SQLite file named but not there, or a PostgreSQL
     * database with none of the bot's tables.
     */
    public static Map<String, String> withoutTables(Path dir) {
        if (!postgresql()) {
            return Map.of("CEBOT_DB_URL", "jdbc:sqlite:" + dir.resolve("cebot.db"));
        }
        Store empty = emptyPostgresql();
        return Map.of("CEBOT_DB_URL", empty.url(), "CEBOT_DB_USER", empty.user().orElseThrow());
    }

    /** A plain JDBC connection to the store whose SQLite file would be {@code file}. */
    public static Connection connect(Path file) throws SQLException {
        if (!postgresql()) {
            return DriverManager.getConnection("jdbc:sqlite:" + file);
        }
        Store store = store(file.getParent());
        return DriverManager.getConnection(store.url(), store.user().orElseThrow(), "");
    }

    /** A write lock held by another connection, given back by {@link #close()}. */
    public interface WriteLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /**
     * Takes the write lock of the store whose SQLite file would be {@code file} from a connection
     * of its own, as another process would: SQLite's one writer lock, or, on PostgreSQL, a lock on
     * the work table that lets reads through and holds every insert (a form stored before its ack
     * included) until it is given back.
     */
    public static WriteLock lockForWrites(Path file) throws SQLException {
        Connection other = connect(file);
        try (Statement s = other.createStatement()) {
            if (postgresql()) {
                other.setAutoCommit(false);
                s.execute("LOCK TABLE work IN EXCLUSIVE MODE");
            } else {
                s.execute("BEGIN EXCLUSIVE");
            }
        } catch (SQLException e) {
            other.close();
            throw e;
        }
        return () -> {
            try (other;
                    Statement s = other.createStatement()) {
                if (postgresql()) {
                    other.rollback();
                } else {
                    s.execute("ROLLBACK");
                }
            }
        };
    }

    /**
     * A store of the tests' kind with no tables, as an admin creates it, and a plain data source for
     * it (for Flyway in tests that migrate part of the way): a SQLite file in {@code dir}, or a new
     * PostgreSQL database.
     */
    public static Store unmigrated(Path dir) {
        return postgresql()
                ? emptyPostgresql()
                : Store.of("jdbc:sqlite:" + dir.resolve("cebot.db"), Optional.empty(), Optional.empty());
    }

    public static javax.sql.DataSource dataSource(Store store) {
        if (store.isPostgresql()) {
            org.postgresql.ds.PGSimpleDataSource postgres = new org.postgresql.ds.PGSimpleDataSource();
            postgres.setUrl(store.url());
            postgres.setUser(store.user().orElseThrow());
            return postgres;
        }
        org.sqlite.SQLiteDataSource sqlite = new org.sqlite.SQLiteDataSource();
        sqlite.setUrl(store.url());
        return sqlite;
    }

    /** SQL for a stored instant {@code seconds} (an SQL expression) after {@code start} (yyyy-MM-ddTHH:mm:ss). */
    public static String timeAfter(String start, String seconds) {
        return postgresql()
                ? "to_char(timestamp '" + start + "' + (" + seconds
                        + ") * interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
                : "strftime('%Y-%m-%dT%H:%M:%fZ', '" + start + "', '+' || (" + seconds + ") || ' seconds')";
    }

    /** SQL for the number {@code value} (an SQL expression) written with {@code width} digits, zeros first. */
    public static String padded(String value, int width) {
        return postgresql()
                ? "lpad((" + value + ")::text, " + width + ", '0')"
                : "printf('%0" + width + "d', " + value + ")";
    }

    /**
     * Drops the databases made so far, and closes their pools, when a test class has run
     * ({@link PostgresCleanup}): its tests are done with them, and kept they would fill the disk.
     * The tests run one at a time, so none is in use; a connection left open is ended.
     */
    static void dropDatabases() {
        PostgresServer running = server;
        if (running == null) {
            return;
        }
        synchronized (POOLS) {
            POOLS.values().forEach(Database.Pooled::close);
            POOLS.clear();
        }
        DATABASES.clear();
        for (String name : CREATED) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", running);
            CREATED.remove(name);
        }
    }

    /**
     * Closes the tests' pools and stops the server, if one was started: when the tests end
     * ({@link PostgresCleanup}), or else as the JVM exits.
     */
    static void stopServer() {
        synchronized (POOLS) {
            POOLS.values().forEach(Database.Pooled::close);
            POOLS.clear();
        }
        PostgresServer running;
        synchronized (TestDatabase.class) {
            running = server;
            server = null;
            DATABASES.clear();
            CREATED.clear();
        }
        if (running != null) {
            running.close();
        }
    }

    /** The one server of this test JVM, started on first use and stopped when the tests end. */
    public static PostgresServer server() {
        PostgresServer running = server;
        if (running == null) {
            synchronized (TestDatabase.class) {
                running = server;
                if (running == null) {
                    running = PostgresServer.start();
                    PostgresServer started = running;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "postgres-stop"));
                    execute("CREATE DATABASE " + TEMPLATE, started);
                    Database.open(store(started, TEMPLATE));
                    server = running;
                }
            }
        }
        return running;
    }

    private static Store postgres(String database) {
        return store(server(), database);
    }

    private static Store store(PostgresServer on, String database) {
        return Store.of(on.url(database), Optional.of("postgres"), Optional.empty());
    }

    private static String create(boolean migrated) {
        String name = "cebot_" + ProcessHandle.current().pid() + "_" + MADE.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + (migrated ? TEMPLATE : "template0"), server());
        CREATED.add(name);
        return name;
    }

    private static void execute(String sql, PostgresServer on) {
        try (Connection c = DriverManager.getConnection(on.url("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * The outbox's rows as stored, oldest first, for asserting what would be sent: {@code message_key},
     * {@code anchor_key} (the message it waits for), {@code method}, {@code args} (JSON), {@code status}.
     */
    public static List<Map<String, Object>> outbox(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT work_key AS message_key, after_key AS anchor_key, kind AS method, payload AS args, status, ref,
                       topic, for_user
                FROM work WHERE queue = 'outbox' ORDER BY id
                """).mapToMap().list());
    }
}
