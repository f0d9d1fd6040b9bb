package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.cebot.testing.LogCapture;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.util.LibraryLoaderUtil;

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
        assertThat(Files.getLastModifiedTime(library))
                .as("kept, not copied again")
                .isEqualTo(written);
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

    private static String sha256(InputStream in) throws Exception {
        try (in) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    private static String jarsCopy() throws Exception {
        return sha256(NativeLibrary.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName()));
    }

    private Path kept() {
        return Path.of(System.getProperty("org.sqlite.lib.path"), System.getProperty("org.sqlite.lib.name"));
    }

    @Test
    void theFoldersAndTheCopy_areTheBotsUsersOnly() throws Exception {
        NativeLibrary.keepBeside(dir.resolve("cebot.db"));

        Path library = kept();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".sqlite-native"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library)))
                .isEqualTo("rw-------");
        assertThat(sha256(Files.newInputStream(library))).isEqualTo(jarsCopy());
    }

    @Test
    void aCopyChangedInPlace_ofTheSameSize_isWrittenAgainBeforeItIsLoaded() throws Exception {
        NativeLibrary.keepBeside(dir.resolve("cebot.db"));
        Path library = kept();
        byte[] bytes = Files.readAllBytes(library);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(library, bytes);
        forget();

        NativeLibrary.keepBeside(dir.resolve("cebot.db"));

        assertThat(kept()).isEqualTo(library);
        assertThat(sha256(Files.newInputStream(library)))
                .as("the jar's bytes again")
                .isEqualTo(jarsCopy());
    }

    /** Someone else could swap the library between the check and the load: it is not loaded from there. */
    @ParameterizedTest
    @ValueSource(strings = {"the hidden folder", "the version's folder", "the library"})
    void somethingOthersCanWrite_isNotLoadedFrom_andTheWarningSaysWhatToRun(String what) throws Exception {
        NativeLibrary.keepBeside(dir.resolve("cebot.db"));
        Path library = kept();
        Path loose = switch (what) {
            case "the hidden folder" -> dir.resolve(".sqlite-native");
            case "the version's folder" -> library.getParent();
            default -> library;
        };
        Files.setPosixFilePermissions(
                loose, PosixFilePermissions.fromString(Files.isDirectory(loose) ? "rwxrwxrwx" : "rw-rw-rw-"));
        forget();

        try (LogCapture logs = LogCapture.start()) {
            NativeLibrary.keepBeside(dir.resolve("cebot.db"));

            assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
            assertThat(logs.lines(NativeLibrary.class, Level.WARN))
                    .singleElement()
                    .asString()
                    .contains(
                            loose + " can be written by other users",
                            "chmod " + (Files.isDirectory(loose) ? "700 " : "600 ") + loose);
        }
    }

    @Test
    void aHiddenFolderThatIsALink_isNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve(".sqlite-native"), elsewhere);

        NativeLibrary.keepBeside(dir.resolve("cebot.db"));

        assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
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
