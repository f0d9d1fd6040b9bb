package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh PostgreSQL, migrated, has the schema a SQLite file reaches through the same versions:
 * the same tables, columns (of the same family of types, equally nullable), primary keys, unique
 * constraints and indexes. Read through JDBC's metadata on both. Runs with the PostgreSQL tests.
 */
final class SchemaParityTest {

    @TempDir
    Path dir;

    @Test
    void postgresql_getsTheSchemaSqliteReaches() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.postgresql(), "needs the tests' PostgreSQL");
        String sqlite = "jdbc:sqlite:" + dir.resolve("cebot.db");
        Database.open(sqlite);
        Store postgresql = TestDatabase.emptyPostgresql();
        Database.open(postgresql);

        Map<String, List<String>> fromSqlite;
        try (Connection c = DriverManager.getConnection(sqlite)) {
            fromSqlite = schema(c, null);
        }
        Map<String, List<String>> fromPostgresql;
        try (Connection c =
                DriverManager.getConnection(postgresql.url(), postgresql.user().orElseThrow(), "")) {
            fromPostgresql = schema(c, "public");
        }

        assertThat(fromSqlite).as("the tables").isNotEmpty();
        assertThat(fromPostgresql.keySet()).as("the tables").isEqualTo(fromSqlite.keySet());
        fromSqlite.forEach((table, shape) ->
                assertThat(fromPostgresql.get(table)).as(table).isEqualTo(shape));
    }

    /** Each table of the bot's, as lines: columns, then its primary key, unique constraints and indexes. */
    private static Map<String, List<String>> schema(Connection c, String schema) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.startsWith("sqlite_") && !name.equals("flyway_schema_history")) {
                    tables.add(name);
                }
            }
        }
        Map<String, List<String>> shapes = new TreeMap<>();
        for (String table : tables) {
            List<String> key = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
                Map<Integer, String> ordered = new TreeMap<>();
                while (rs.next()) {
                    ordered.put(
                            rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
                key.addAll(ordered.values());
            }
            List<String> shape = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    // A primary key is never null, whether or not SQLite's metadata says so.
                    boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls && !key.contains(column);
                    shape.add("column " + column + " " + family(rs.getString("TYPE_NAME"))
                            + (nullable ? "" : " not null"));
                }
            }
            shape.add("primary key " + key);
            TreeSet<String> indexes = new TreeSet<>();
            Map<String, Map<Integer, String>> columns = new TreeMap<>();
            Map<String, Boolean> unique = new TreeMap<>();
            try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name == null) {
                        continue;
                    }
                    columns.computeIfAbsent(name, n -> new TreeMap<>())
                            .put(
                                    rs.getInt("ORDINAL_POSITION"),
                                    rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    unique.put(name, !rs.getBoolean("NON_UNIQUE"));
                }
            }
            for (Map.Entry<String, Map<Integer, String>> index : columns.entrySet()) {
                List<String> on = List.copyOf(index.getValue().values());
                if (unique.get(index.getKey()) && on.equals(key)) {
                    continue; // the primary key's own index (PostgreSQL, and SQLite's for a text key)
                }
                // Unique constraints get names of each database's choosing; indexes keep the migration's.
                boolean constraint = index.getKey().startsWith("sqlite_autoindex_")
                        || index.getKey().endsWith("_key");
                indexes.add((unique.get(index.getKey()) ? "unique " : "index ")
                        + (constraint ? "" : index.getKey().toLowerCase(Locale.ROOT) + " ")
                        + on);
            }
            shape.addAll(indexes);
            shapes.put(table, shape);
        }
        return shapes;
    }

    /** INTEGER and BIGINT (PostgreSQL's ids) are one family, as are the text types. */
    private static String family(String type) {
        String t = Optional.ofNullable(type).orElse("").toLowerCase(Locale.ROOT);
        if (t.contains("int") || t.contains("serial")) {
            return "integer";
        }
        if (t.contains("text") || t.contains("char")) {
            return "text";
        }
        return t;
    }
}
