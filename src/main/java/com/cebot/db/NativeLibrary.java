package com.cebot.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where SQLite's native library is loaded from. By default sqlite-jdbc copies it out of the jar
 * into the temp folder under a new name at every start: a fifth of a start spent copying, and a
 * file left behind each time a process is killed. The bot keeps one copy per sqlite-jdbc version
 * and platform in a hidden folder beside its database, and points the driver at it.
 *
 * <p>Code loaded from that folder runs as the bot, with its tokens and data, so before each start
 * the copy is checked byte for byte (its SHA-256 against the jar's) and written again if it differs,
 * and the folders and the file must belong to the bot's user, with nobody else allowed to write
 * them (the bot makes them {@code 0700} and {@code 0600}). Otherwise, with a warning, the driver's
 * own way is used. Anything unexpected (a read-only folder, a jar without the library, a system
 * that cannot say who owns a file) leaves the driver's own way in place too; so does an operator's
 * {@code -Dorg.sqlite.lib.path}.
 */
final class NativeLibrary {

    private static final Logger log = LoggerFactory.getLogger(NativeLibrary.class);
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";
    private static final Set<PosixFilePermission> OTHERS_WRITE =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    /** A kept copy the bot must not load: someone else could have changed it. */
    private static final class NotPrivate extends Exception {
        private static final long serialVersionUID = 1L;

        NotPrivate(String message) {
            super(message, null, false, false);
        }
    }

    private NativeLibrary() {}

    /** Before the driver's first connection in this JVM; later calls change nothing. */
    static synchronized void keepBeside(Path databaseFile) {
        Path home = databaseFile.toAbsolutePath().getParent();
        if (System.getProperty(PATH) != null || home == null) {
            return;
        }
        try {
            String name = LibraryLoaderUtil.getNativeLibName();
            String platform = LibraryLoaderUtil.getNativeLibResourcePath();
            String resource = platform + "/" + name;
            byte[] expected;
            try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return;
                }
                expected = sha256(in);
            }
            // e.g. .sqlite-native/3.54.1.0-org-sqlite-native-Linux-x86_64/libsqlitejdbc.so
            Path root = home.resolve(".sqlite-native");
            Path folder = root.resolve(SQLiteJDBCLoader.getVersion() + platform.replace('/', '-'));
            PrivateFiles.createFolder(folder);
            UserPrincipal me = FileSystems.getDefault()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            requirePrivate(root, me);
            requirePrivate(folder, me);
            Path kept = folder.resolve(name);
            if (!Files.isRegularFile(kept, LinkOption.NOFOLLOW_LINKS) || !Arrays.equals(sha256(kept), expected)) {
                write(resource, folder, name, kept);
            }
            requirePrivate(kept, me);
            System.setProperty(PATH, folder.toString());
            System.setProperty(NAME, name);
        } catch (NotPrivate e) {
            log.warn("SQLite's library is loaded the driver's way, not from beside the database: {}", e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.debug(
                    "SQLite's library is loaded the driver's way: {}",
                    e.getClass().getSimpleName());
        }
    }

    /** Written under another name and moved: a process starting beside this one never loads half a library. */
    private static void write(String resource, Path folder, String name, Path kept) throws IOException {
        // Made 0600; written through, not replaced (a copy replacing it would get the umask's mode).
        Path part = Files.createTempFile(folder, name, ".part");
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            try (OutputStream out = Files.newOutputStream(part)) {
                in.transferTo(out);
            }
            Files.move(part, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The bot's user owns it (not through a link) and nobody else may write it. */
    private static void requirePrivate(Path path, UserPrincipal me) throws IOException, NotPrivate {
        if (Files.isSymbolicLink(path)) {
            throw new NotPrivate(path + " is a symbolic link; remove it and the bot makes its own folder");
        }
        UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(me)) {
            throw new NotPrivate(path + " belongs to " + owner.getName() + ", not to " + me.getName()
                    + "; remove it and the bot makes its own");
        }
        if (PrivateFiles.isPosix(path)) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().anyMatch(OTHERS_WRITE::contains)) {
                throw new NotPrivate(path + " can be written by other users (mode " + PrivateFiles.octal(mode)
                        + "); make it private: chmod " + (Files.isDirectory(path) ? "700 " : "600 ") + path);
            }
        }
    }

    private static byte[] sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return sha256(in);
        }
    }

    private static byte[] sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
