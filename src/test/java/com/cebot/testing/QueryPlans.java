package com.cebot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * How SQLite would run a repository's queries, read with {@code EXPLAIN QUERY PLAN} on the very
 * SQL of its annotations: a query that reads a whole table shows a {@code SCAN} of it.
 */
public final class QueryPlans {

    private static final Pattern LIST = Pattern.compile("<\\w+>");
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):(\\w+)");
    /** A full pass over a table or an index; a constant row or a subquery's own rows are no table. */
    private static final Pattern TABLE_SCAN = Pattern.compile("^SCAN (?!CONSTANT ROW|\\()");

    private QueryPlans() {}

    /**
     * The plan's lines for the SQL of {@code sqlObject}'s method {@code method}, every parameter
     * bound to null and every list ({@code <kinds>}) a list of one null.
     */
    public static List<String> plan(Jdbi jdbi, Class<?> sqlObject, String method) {
        // PostgreSQL's planner reads a table of a few rows whole, whatever its indexes: the plans
        // checked are SQLite's, on the same schema and SQL.
        Assumptions.assumeFalse(TestDatabase.postgresql(), "query plans are checked on SQLite");
        String sql = LIST.matcher(sql(query(sqlObject, method))).replaceAll("NULL");
        return jdbi.withHandle(h -> {
            Query explain = h.createQuery("EXPLAIN QUERY PLAN " + sql);
            Matcher parameter = PARAMETER.matcher(sql);
            while (parameter.find()) {
                explain.bindByType(parameter.group(1), null, Object.class);
            }
            return explain.map((rs, ctx) -> rs.getString("detail")).list();
        });
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
            if (List.class.isAssignableFrom(m.getReturnType()) && !Arrays.asList(unbounded).contains(m.getName())
                    && !sql(m).contains("LIMIT :")) {
                problems.add(m.getName() + ": returns a list without LIMIT");
            }
        }
        assertThat(problems).as("%s reads a whole table or an unbounded list", sqlObject.getSimpleName()).isEmpty();
    }

    private static List<Method> queries(Class<?> sqlObject) {
        return Arrays.stream(sqlObject.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(SqlQuery.class))
                .sorted(Comparator.comparing(Method::getName)).toList();
    }

    private static Method query(Class<?> sqlObject, String name) {
        return queries(sqlObject).stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no @SqlQuery " + name + " in " + sqlObject));
    }

    private static String sql(Method m) {
        return m.getAnnotation(SqlQuery.class).value();
    }
}
