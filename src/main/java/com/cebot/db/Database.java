package com.cebot.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the store: SQLite in WAL mode (readers never wait for the writer), a busy timeout (writers
 * queue instead of failing with SQLITE_BUSY) and foreign keys on, which SQLite leaves off per
 * connection unless asked. Transactions take the write lock when they begin. Migrations run before anyone gets a {@link Jdbi}.
 */
public final class Database {

    private Database() {}

    /** An unpooled store: each call opens its own connection. For tools and tests. */
    public static Jdbi open(String jdbcUrl) {
        SQLiteDataSource dataSource = sqlite(jdbcUrl);
        migrate(dataSource);
        return jdbi(dataSource);
    }

    /**
     * The running bot's store: a small connection pool, so a burst of submissions does not pay for
     * opening SQLite (and re-applying its pragmas) on every call. Close it on shutdown.
     */
    public static Pooled pooled(String jdbcUrl) {
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite(jdbcUrl));
        pool.setPoolName("cebot-db");
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Pooled(jdbi(dataSource), dataSource);
    }

    /** A pooled store and the pool to close. */
    public record Pooled(Jdbi jdbi, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    private static SQLiteDataSource sqlite(String jdbcUrl) {
        createParentFolder(jdbcUrl);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        // A deferred transaction that reads and then writes cannot wait for another writer: SQLite
        // answers SQLITE_BUSY at once. Taking the write lock at BEGIN lets the busy timeout queue it.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(jdbcUrl);
        return dataSource;
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }

    private static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.setTransactionHandler(new SingleWriter(jdbi.getTransactionHandler()));
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new TimeColumns());
        return jdbi;
    }

    private static void createParentFolder(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database folder " + parent, e);
        }
    }
}
