package com.cebot.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;
import org.slf4j.LoggerFactory;

/**
 * Where SQLite's native library is loaded from. By default sqlite-jdbc copies it out of the jar
 * into the temp folder under a new name at every start: a fifth of a start spent copying, and a
 * file left behind each time a process is killed. The bot keeps one copy per sqlite-jdbc version
 * and platform in a hidden folder beside its database, written once, and points the driver at it.
 * Anything unexpected (a read-only folder, a jar without the library) leaves the driver's own way
 * in place; so does an operator's {@code -Dorg.sqlite.lib.path}.
 */
final class NativeLibrary {

    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";

    private NativeLibrary() {}

    /** As the jar's directory says, without unpacking it. */
    private static long sizeOf(String resource) throws IOException {
        URL url = NativeLibrary.class.getResource(resource);
        return url == null ? -1 : url.openConnection().getContentLengthLong();
    }

    /** Before the driver's first connection in this JVM; later calls change nothing. */
    static synchronized void keepBeside(Path databaseFile) {
        if (System.getProperty(PATH) != null || databaseFile.toAbsolutePath().getParent() == null) {
            return;
        }
        try {
            String name = LibraryLoaderUtil.getNativeLibName();
            String platform = LibraryLoaderUtil.getNativeLibResourcePath();
            String resource = platform + "/" + name;
            long size = sizeOf(resource);
            if (size <= 0) {
                return;
            }
            // e.g. .sqlite-native/3.54.1.0-org-sqlite-native-Linux-x86_64/libsqlitejdbc.so
            Path folder = databaseFile.toAbsolutePath().getParent().resolve(".sqlite-native")
                    .resolve(SQLiteJDBCLoader.getVersion() + platform.replace('/', '-'));
            Path kept = folder.resolve(name);
            if (!Files.isRegularFile(kept) || Files.size(kept) != size) {
                Files.createDirectories(folder);
                // Written under another name and moved: a process starting beside this one never
                // loads half a library.
                Path part = Files.createTempFile(folder, name, ".part");
                try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, kept, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            System.setProperty(PATH, folder.toString());
            System.setProperty(NAME, name);
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(NativeLibrary.class).debug("SQLite's library is loaded the driver's way: {}",
                    e.getClass().getSimpleName());
        }
    }
}
