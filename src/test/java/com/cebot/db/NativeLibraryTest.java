package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryTest {

    @TempDir
    Path dir;

    /** The driver reads these once per JVM; other tests must not be pointed at a folder about to go. */
    @AfterEach
    void forget() {
        System.clearProperty("org.sqlite.lib.path");
        System.clearProperty("org.sqlite.lib.name");
    }

    @Test
    void keepsOneCopyBesideTheDatabase_andPointsTheDriverAtIt() throws Exception {
        assertThat(System.getProperty("org.sqlite.lib.path")).isNull();

        NativeLibrary.keepBeside(dir.resolve("cebot.db"));

        Path folder = Path.of(System.getProperty("org.sqlite.lib.path"));
        Path library = folder.resolve(System.getProperty("org.sqlite.lib.name"));
        assertThat(folder.getParent()).isEqualTo(dir.resolve(".sqlite-native"));
        assertThat(Files.size(library)).isGreaterThan(100_000);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.toList()).as("no part file left").containsExactly(library);
        }

        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(library, written);
        forget();
        NativeLibrary.keepBeside(dir.resolve("cebot.db"));
        assertThat(Files.getLastModifiedTime(library)).as("kept, not copied again").isEqualTo(written);
    }

    @Test
    void aCopyOfTheWrongSize_isWrittenAgain() throws Exception {
        NativeLibrary.keepBeside(dir.resolve("cebot.db"));
        Path library = Path.of(System.getProperty("org.sqlite.lib.path"), System.getProperty("org.sqlite.lib.name"));
        long size = Files.size(library);
        Files.write(library, List.of("half a library"));
        forget();

        NativeLibrary.keepBeside(dir.resolve("cebot.db"));

        assertThat(Files.size(library)).isEqualTo(size);
    }

    @Test
    void aFolderItCannotWriteIn_leavesTheDriversOwnWay() throws Exception {
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the folder would go");

        NativeLibrary.keepBeside(blocked.resolve("cebot.db"));

        assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
    }

    @Test
    void anOperatorsChoice_stands() {
        System.setProperty("org.sqlite.lib.path", "/opt/sqlite");

        NativeLibrary.keepBeside(dir.resolve("cebot.db"));

        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo("/opt/sqlite");
        assertThat(dir.resolve(".sqlite-native")).doesNotExist();
    }
}
