package com.cebot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.stream.Stream;

/** A folder of a test's own for the database, the settings and the bots' logs, removed afterwards. */
final class ScratchDir {

    private ScratchDir() {}

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the folder and everything in it; folders a test made read-only are made writable first. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> folders = Files.walk(dir)) {
            folders.filter(Files::isDirectory).forEach(ScratchDir::ownerMayWrite);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(ScratchDir::deleteOne);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ownerMayWrite(Path folder) {
        try {
            var modes = Files.getPosixFilePermissions(folder);
            modes.add(PosixFilePermission.OWNER_READ);
            modes.add(PosixFilePermission.OWNER_WRITE);
            modes.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(folder, modes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
