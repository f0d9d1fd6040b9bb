package com.cebot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlCall;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlScript;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Every SQL statement the bot's code holds: the text of each {@code @SqlQuery}, {@code @SqlUpdate},
 * {@code @SqlBatch}, {@code @SqlCall} and {@code @SqlScript} method of every SqlObject interface in
 * the compiled main classes, found by walking them rather than by a list someone keeps, so a new
 * query is read the day it is written.
 */
public final class SqlStatements {

    /** One statement: the interface that holds it, its method and its SQL as written. */
    public record Statement(Class<?> owner, String method, String sql) {

        /** {@code FeedbackHome.Queries#open}: how the statement is named in lists of exceptions. */
        public String name() {
            String outer = owner.getEnclosingClass() == null
                    ? ""
                    : owner.getEnclosingClass().getSimpleName() + ".";
            return outer + owner.getSimpleName() + "#" + method;
        }
    }

    private SqlStatements() {}

    /** Every statement of the classes in {@code com.cebot}, by name. */
    public static List<Statement> all() {
        Path classes = mainClasses();
        List<Statement> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Class<?> type = load(classes.relativize(file));
                if (type.isInterface()) {
                    found.addAll(of(type));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparing(Statement::name));
        return found;
    }

    /** The statements declared by one SqlObject interface. */
    public static List<Statement> of(Class<?> sqlObject) {
        List<Statement> found = new ArrayList<>();
        for (Method m : sqlObject.getDeclaredMethods()) {
            sql(m).ifPresent(sql -> found.add(new Statement(sqlObject, m.getName(), sql)));
        }
        return found;
    }

    private static Optional<String> sql(Method m) {
        for (Annotation a : m.getAnnotations()) {
            String value = null;
            if (a instanceof SqlQuery q) {
                value = q.value();
            } else if (a instanceof SqlUpdate u) {
                value = u.value();
            } else if (a instanceof SqlBatch b) {
                value = b.value();
            } else if (a instanceof SqlCall c) {
                value = c.value();
            } else if (a instanceof SqlScript s) {
                value = s.value();
            }
            if (value != null) {
                if (value.isBlank()) {
                    throw new AssertionError(m + " takes its SQL from its name; give it the SQL itself");
                }
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Where the main classes were compiled: the folder that holds the bot's own classes. */
    private static Path mainClasses() {
        try {
            Path root = Path.of(com.cebot.db.Database.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isDirectory(root)) {
                throw new AssertionError("the main classes are not in a folder: " + root);
            }
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(Path relative) {
        String name = relative.toString().replace(relative.getFileSystem().getSeparator(), ".");
        name = name.substring(0, name.length() - ".class".length());
        try {
            return Class.forName(name, false, SqlStatements.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
