package com.cebot.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The store holds what people typed: only the bot's own user may read it. Folders the bot creates
 * are {@code 0700} and the database file {@code 0600}, whatever the umask (which can only take
 * permissions away). SQLite creates the {@code -wal} and {@code -shm} files itself, with the
 * permissions of the database file, so the file is made before SQLite first opens it. On a file
 * system without POSIX permissions the platform's defaults apply.
 */
public final class PrivateFiles {

    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {}

    /** Creates the folder and the folders above it that are missing, each readable by the owner only. */
    static void createFolder(Path folder) throws IOException {
        if (isPosix(existingAncestor(folder))) {
            Files.createDirectories(folder, attribute(OWNER_ONLY_FOLDER));
        } else {
            Files.createDirectories(folder);
        }
    }

    /** Creates an empty file readable by the owner only; {@link FileAlreadyExistsException} if there is one. */
    static void createNew(Path file) throws IOException {
        if (isPosix(file.toAbsolutePath().getParent())) {
            Files.createFile(file, attribute(OWNER_ONLY_FILE));
        } else {
            Files.createFile(file);
        }
    }

    /** Creates an empty file readable by the owner only, unless it is there already. */
    static void createFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            if (isPosix(file.toAbsolutePath().getParent())) {
                Files.createFile(file, attribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process created it first: it was made the same way.
        }
    }

    /**
     * For {@code check}: each of the database's folder and files that other users may read or write,
     * with the {@code chmod} that makes it private.
     */
    public static List<String> exposed(Path databaseFile) {
        Path file = databaseFile.toAbsolutePath();
        List<String> warnings = new ArrayList<>();
        exposure(file.getParent(), true).ifPresent(warnings::add);
        for (String suffix : List.of("", "-wal", "-shm")) {
            exposure(Path.of(file + suffix), false).ifPresent(warnings::add);
        }
        return warnings;
    }

    private static Optional<String> exposure(Path path, boolean folder) {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || !isPosix(path)) {
                return Optional.empty();
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().noneMatch(OTHERS::contains)) {
                return Optional.empty();
            }
            return Optional.of((folder ? "the database's folder " : "") + path + " can be "
                    + (folder ? "opened" : "read") + " by other users of this machine (mode " + octal(mode)
                    + "); make it private: chmod " + (folder ? "700 " : "600 ") + path);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** {@code rw-r--r--} as {@code 0644}. */
    static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission p : mode) {
            bits |= 1 << (8 - p.ordinal());
        }
        return String.format("0%03o", bits);
    }

    static boolean isPosix(Path path) {
        return path != null && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static Path existingAncestor(Path folder) {
        Path p = folder.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
