package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store holds what people typed: the real files SQLite writes are checked, under whatever umask
 * the tests run with (usually 022, which would leave them readable by everyone).
 */
final class PrivateFilesTest {

    @TempDir
    Path dir;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewDatabase_itsFolders_andTheLogAndIndexSQLiteMakes_areTheOwnersOnly() throws Exception {
        Path file = dir.resolve("data").resolve("bot").resolve("cebot.db");
        Jdbi jdbi = Database.open("jdbc:sqlite:" + file);

        try (Handle open = jdbi.open()) {
            open.attach(Deliveries.class).firstTime("event:1", Instant.parse("2026-11-24T10:00:00Z"));

            assertThat(Path.of(file + "-wal"))
                    .as("SQLite's write-ahead log, while a connection is open")
                    .exists();
            assertThat(Path.of(file + "-shm")).exists();
            assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("data").resolve("bot"))).isEqualTo("rwx------");
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(Path.of(file + "-wal"))).isEqualTo("rw-------");
            assertThat(mode(Path.of(file + "-shm"))).isEqualTo("rw-------");
            assertThat(PrivateFiles.exposed(file)).isEmpty();
        }
    }

    @Test
    void aStoreOthersCanRead_isNamed_withTheChmodThatMakesItPrivate() throws Exception {
        Path file = dir.resolve("data").resolve("cebot.db");
        Jdbi jdbi = Database.open("jdbc:sqlite:" + file);
        try (Handle open = jdbi.open()) {
            open.attach(Deliveries.class).firstTime("event:1", Instant.parse("2026-11-24T10:00:00Z"));
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(Path.of(file + "-wal"), PosixFilePermissions.fromString("rw-rw----"));

            assertThat(PrivateFiles.exposed(file))
                    .containsExactly(
                            "the database's folder " + file.getParent()
                                    + " can be opened by other users of this machine"
                                    + " (mode 0755); make it private: chmod 700 " + file.getParent(),
                            file
                                    + " can be read by other users of this machine (mode 0644); make it private: chmod 600 "
                                    + file,
                            file
                                    + "-wal can be read by other users of this machine (mode 0660); make it private: chmod 600 "
                                    + file + "-wal");
        }
    }

    @Test
    void anExistingDatabase_keepsTheModeItsOwnerGaveIt() throws Exception {
        Path file = dir.resolve("cebot.db");
        Files.createFile(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        Database.open("jdbc:sqlite:" + file);

        assertThat(mode(file)).isEqualTo("rw-r-----");
    }
}
