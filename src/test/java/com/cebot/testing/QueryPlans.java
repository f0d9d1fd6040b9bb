package com.cebot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.Assumptions;

/**
 * How SQLite would run a repository's queries, read with {@code EXPLAIN QUERY PLAN} on the very
 * SQL of its annotations: a query that reads a whole table shows a {@code SCAN} of it.
 *
 * <p>SQLite plans without the sizes of the tables (the bot never runs {@code ANALYZE}), so a plan
 * read on an empty store is the plan the bot follows on a year of data.
 */
public final class QueryPlans {

    private static final Pattern LIST = Pattern.compile("<\\w+>");
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):(\\w+(?:\\.\\w+)*)");
    /** A full pass over a table or an index; a constant row or a subquery's own rows are no table. */
    private static final Pattern TABLE_SCAN = Pattern.compile("^SCAN (?!CONSTANT ROW|\\()");
    /** What a plan line reads whole: its name (a table, an alias, a subquery's name) and how. */
    private static final Pattern SCAN = Pattern.compile("^SCAN (\\w+)(?: AS (\\w+))?( VIRTUAL TABLE)?");
    /** A subquery or common table expression the plan runs on its own: its rows are no table. */
    private static final Pattern OWN_ROWS = Pattern.compile("^(?:CO-ROUTINE|MATERIALIZE) (\\w+)");
    /** A table named in FROM, JOIN, UPDATE or INTO, with the alias it goes by. */
    private static final Pattern NAMED = Pattern.compile(
            "\\b(?:FROM|JOIN|UPDATE|INTO)\\s+(\\w+)(?:\\s+(?:AS\\s+)?(\\w+))?", Pattern.CASE_INSENSITIVE);

    private static final Pattern INSERT_INTO =
            Pattern.compile("^\\s*INSERT\\s+INTO\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
    /** A common table expression: {@code WITH name AS (} or {@code , name AS (}. */
    private static final Pattern CTE = Pattern.compile(
            "(?:\\bWITH(?:\\s+RECURSIVE)?|,)\\s+(\\w+)(?:\\s*\\([^)]*\\))?" + "\\s+AS\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    private QueryPlans() {}

    /**
     * Reads, for one store engine, which tables a statement would read whole: {@link #SQLITE} and
     * {@link #POSTGRESQL}.
     */
    @FunctionalInterface
    public interface Planner {
        /**
         * The tables {@code sql} (as a SqlObject holds it: {@code :name} parameters, {@code <list>}
         * placeholders) reads whole, by table name; {@code unknown:<name>} for a full read of
         * something the plan names but the schema does not hold.
         */
        Set<String> tablesReadWhole(Handle handle, String sql);
    }

    /** SQLite's planner, through {@code EXPLAIN QUERY PLAN}. */
    public static final Planner SQLITE = QueryPlans::sqliteTablesReadWhole;

    /** PostgreSQL's planner, through {@code EXPLAIN} of each statement's generic plan: see {@link PostgresPlans}. */
    public static final Planner POSTGRESQL = PostgresPlans::tablesReadWhole;

    /**
     * The plan's lines for the SQL of {@code sqlObject}'s method {@code method}, every parameter
     * bound to null and every list ({@code <kinds>}) a list of one null.
     */
    public static List<String> plan(Jdbi jdbi, Class<?> sqlObject, String method) {
        // PostgreSQL's planner reads a table of a few rows whole, whatever its indexes: the plans
        // checked are SQLite's, on the same schema and SQL.
        Assumptions.assumeFalse(TestDatabase.postgresql(), "query plans are checked on SQLite");
        return plan(jdbi, sql(query(sqlObject, method)));
    }

    /** The plan's lines for {@code sql} as a SqlObject holds it, bound as {@link #plan(Jdbi, Class, String)} says. */
    public static List<String> plan(Jdbi jdbi, String written) {
        return jdbi.withHandle(h -> plan(h, written));
    }

    private static List<String> plan(Handle h, String written) {
        String sql = LIST.matcher(written).replaceAll("NULL");
        Query explain = h.createQuery("EXPLAIN QUERY PLAN " + sql);
        Matcher parameter = PARAMETER.matcher(sql);
        while (parameter.find()) {
            explain.bindByType(parameter.group(1), null, Object.class);
        }
        return explain.map((rs, ctx) -> rs.getString("detail")).list();
    }

    private static Set<String> sqliteTablesReadWhole(Handle h, String sql) {
        Set<String> tables = Set.copyOf(h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'")
                .mapTo(String.class)
                .list());
        List<String> lines = plan(h, sql);
        Set<String> ownRows = ownRows(sql, lines);
        Map<String, String> aliases = aliases(sql);
        Set<String> children = insertedParentsChildren(h, sql);
        Set<String> whole = new TreeSet<>();
        for (String line : lines) {
            Matcher scan = SCAN.matcher(line);
            if (!scan.find() || line.startsWith("SCAN CONSTANT ROW") || scan.group(3) != null) {
                continue;
            }
            String name = lower(scan.group(2) != null ? scan.group(2) : scan.group(1));
            String table = tables.contains(name) ? name : aliases.get(name);
            if (table != null && tables.contains(table)) {
                if (!children.contains(table)) {
                    whole.add(table);
                }
            } else if (!ownRows.contains(name) && (table == null || !ownRows.contains(table))) {
                whole.add("unknown:" + name);
            }
        }
        return whole;
    }

    /** The names of the statement's common table expressions and of the subqueries its plan runs apart. */
    private static Set<String> ownRows(String sql, List<String> lines) {
        Set<String> names = new HashSet<>();
        Matcher cte = CTE.matcher(sql);
        while (cte.find()) {
            names.add(lower(cte.group(1)));
        }
        for (String line : lines) {
            Matcher m = OWN_ROWS.matcher(line);
            if (m.find()) {
                names.add(lower(m.group(1)));
            }
        }
        return names;
    }

    /** Each alias the statement gives a name in FROM, JOIN, UPDATE or INTO, and that name. */
    private static Map<String, String> aliases(String sql) {
        Map<String, String> aliases = new HashMap<>();
        Matcher named = NAMED.matcher(sql);
        while (named.find()) {
            if (named.group(2) != null) {
                aliases.putIfAbsent(lower(named.group(2)), lower(named.group(1)));
            }
        }
        return aliases;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * For an {@code INSERT}, the tables whose foreign keys point at the table it inserts into. Its plan
     * lists a look for their rows that would reference the new one; SQLite runs it only while a
     * deferred foreign key violation is outstanding, which the bot never leaves, so it reads nothing.
     * (Deleting a parent row does run its look, and stays in the plan.)
     */
    private static Set<String> insertedParentsChildren(Handle h, String sql) {
        Matcher insert = INSERT_INTO.matcher(sql);
        if (!insert.find()) {
            return Set.of();
        }
        return new HashSet<>(h.createQuery("""
                SELECT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                WHERE m.type = 'table' AND f."table" = :parent
                """)
                .bind("parent", lower(insert.group(1)))
                .mapTo(String.class)
                .list());
    }

    /**
     * Every query of {@code sqlObject} reads through indexes, never a whole table; and every one that
     * returns a list says how many rows it takes ({@code LIMIT}), unless it is named in {@code unbounded}.
     */
    public static void assertIndexedAndBounded(Jdbi jdbi, Class<?> sqlObject, String... unbounded) {
        Assumptions.assumeFalse(TestDatabase.postgresql(), "query plans are checked on SQLite");
        List<Method> queries = queries(sqlObject);
        assertThat(queries).as("queries of %s", sqlObject.getSimpleName()).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Method m : queries) {
            for (String line : plan(jdbi, sqlObject, m.getName())) {
                if (TABLE_SCAN.matcher(line).find()) {
                    problems.add(m.getName() + ": " + line);
                }
            }
            if (List.class.isAssignableFrom(m.getReturnType())
                    && !Arrays.asList(unbounded).contains(m.getName())
                    && !sql(m).contains("LIMIT :")) {
                problems.add(m.getName() + ": returns a list without LIMIT");
            }
        }
        assertThat(problems)
                .as("%s reads a whole table or an unbounded list", sqlObject.getSimpleName())
                .isEmpty();
    }

    private static List<Method> queries(Class<?> sqlObject) {
        return Arrays.stream(sqlObject.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(SqlQuery.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private static Method query(Class<?> sqlObject, String name) {
        return queries(sqlObject).stream()
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no @SqlQuery " + name + " in " + sqlObject));
    }

    private static String sql(Method m) {
        return m.getAnnotation(SqlQuery.class).value();
    }
}
