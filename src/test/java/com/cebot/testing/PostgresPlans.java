package com.cebot.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Which tables PostgreSQL would read whole for a statement, from the plan it makes without the
 * parameters' values: the statement is prepared with its parameters' types left for PostgreSQL to
 * infer, as the bot's driver leaves them, and {@code EXPLAIN (FORMAT JSON) EXECUTE} shows its
 * generic plan ({@code plan_cache_mode = force_generic_plan}; the tests' PostgreSQL is 14, older
 * than {@code EXPLAIN (GENERIC_PLAN)}). NULLs fill the parameters; a generic plan never reads them.
 *
 * <p>PostgreSQL picks a sequential scan for any table of a few pages, whatever its indexes, so the
 * plan is read with {@code enable_seqscan = off}: a {@code Seq Scan} left then is one no index can
 * replace. Hash and merge joins are off too: on an empty store they read a joined table whole
 * where a lookup per row would do, and with nested loops, SQLite's only join, each joined table
 * shows whether an index finds its rows. An index read from end to end (an index scan, or the
 * bitmap of a bitmap scan, with no condition, or none on the index's first column) is a read of
 * the whole table too, as SQLite's {@code SCAN … USING INDEX} is.
 *
 * <p>PostgreSQL checks a delete's foreign keys in triggers, which {@code EXPLAIN} leaves out: for a
 * {@code DELETE}, the look for the rows that reference the deleted one is planned here as well, as
 * SQLite's plan holds it.
 */
final class PostgresPlans {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LIST = Pattern.compile("<(\\w+)>");
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):(\\w+(?:\\.\\w+)*)");
    private static final Pattern DELETE_FROM = Pattern.compile("\\bDELETE\\s+FROM\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final String PREPARED = "cebot_plan";

    private PostgresPlans() {}

    static Set<String> tablesReadWhole(Handle h, String written) {
        Set<String> whole = new TreeSet<>(readWhole(h, written));
        Matcher delete = DELETE_FROM.matcher(written);
        while (delete.find()) {
            for (String lookup : referencesTo(h, delete.group(1))) {
                whole.addAll(readWhole(h, lookup));
            }
        }
        return whole;
    }

    /**
     * The tables the generic plan of {@code written} reads whole; each {@code <list>} is one
     * parameter, as a list of one value would be. The settings are the session's, put back after.
     */
    private static Set<String> readWhole(Handle h, String written) {
        Map<String, Integer> numbers = new HashMap<>();
        Matcher parameter = PARAMETER.matcher(LIST.matcher(written).replaceAll(m -> ":" + m.group(1)));
        StringBuilder sql = new StringBuilder();
        while (parameter.find()) {
            int n = numbers.computeIfAbsent(parameter.group(1), name -> numbers.size() + 1);
            parameter.appendReplacement(sql, "\\$" + n);
        }
        parameter.appendTail(sql);
        String nulls = String.join(", ", Collections.nCopies(numbers.size(), "NULL"));
        h.execute("SET enable_seqscan = off");
        h.execute("SET plan_cache_mode = force_generic_plan");
        h.execute("SET enable_hashjoin = off");
        h.execute("SET enable_mergejoin = off");
        try {
            h.execute("PREPARE " + PREPARED + " AS " + sql);
            try {
                String plan = h.createQuery("EXPLAIN (FORMAT JSON) EXECUTE " + PREPARED
                                + (numbers.isEmpty() ? "" : "(" + nulls + ")"))
                        .mapTo(String.class)
                        .one();
                Set<String> whole = new TreeSet<>();
                for (JsonNode statement : JSON.readTree(plan)) {
                    collect(statement.get("Plan"), whole, h);
                }
                return whole;
            } finally {
                h.execute("DEALLOCATE " + PREPARED);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL's plan is not JSON", e);
        } finally {
            h.execute("RESET enable_mergejoin");
            h.execute("RESET enable_hashjoin");
            h.execute("RESET plan_cache_mode");
            h.execute("RESET enable_seqscan");
        }
    }

    private static void collect(JsonNode node, Set<String> whole, Handle h) {
        boolean read = switch (node.path("Node Type").asText()) {
            case "Seq Scan" -> true;
            case "Index Scan", "Index Only Scan" -> wholeIndex(node, h);
            case "Bitmap Heap Scan" -> wholeBitmap(outer(node), h);
            default -> false;
        };
        if (read) {
            whole.add(node.path("Relation Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, whole, h);
        }
    }

    /** The node's input, which the plan lists after any InitPlan it has. */
    private static JsonNode outer(JsonNode node) {
        for (JsonNode child : node.path("Plans")) {
            if (child.path("Parent Relationship").asText().equals("Outer")) {
                return child;
            }
        }
        throw new IllegalStateException("a " + node.path("Node Type") + " with no input");
    }

    /** A bitmap of every row: an index's read whole, or an OR with one such among its parts. */
    private static boolean wholeBitmap(JsonNode node, Handle h) {
        List<Boolean> parts = new ArrayList<>();
        node.path("Plans").forEach(part -> parts.add(wholeBitmap(part, h)));
        return switch (node.path("Node Type").asText()) {
            case "Bitmap Index Scan" -> wholeIndex(node, h);
            case "BitmapOr" -> parts.contains(true);
            case "BitmapAnd" -> !parts.contains(false);
            default -> throw new IllegalStateException("a bitmap made by " + node.path("Node Type"));
        };
    }

    /**
     * An index read from end to end: without a condition, or with none on its first column, which
     * PostgreSQL checks on every entry (an index on {@code (status, assignee)} does not find one
     * person's rows). The plan writes each condition as {@code (column op value)}, the index's column
     * first; an index on an expression is taken to serve the conditions PostgreSQL gave it.
     */
    private static boolean wholeIndex(JsonNode node, Handle h) {
        if (!node.has("Index Cond")) {
            return true;
        }
        String first = h.createQuery("""
                SELECT a.attname FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid
                LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE c.relname = :index AND c.relnamespace = current_schema()::regnamespace
                """)
                .bind("index", node.path("Index Name").asText())
                .mapTo(String.class)
                .one();
        return first != null
                && !Pattern.compile("\\((?:ROW\\()?\"?" + Pattern.quote(first) + "\"?[ ,]")
                        .matcher(node.path("Index Cond").asText())
                        .find();
    }

    /**
     * For each foreign key that references {@code parent}, the look PostgreSQL's trigger makes for
     * the rows of the child that reference a deleted row: by the key's columns, equal to the
     * deleted row's.
     */
    private static List<String> referencesTo(Handle h, String parent) {
        List<String> lookups = new ArrayList<>();
        h.createQuery("""
                SELECT c.conrelid::regclass::text AS child,
                       (SELECT string_agg(quote_ident(a.attname) || ' = :' || quote_ident(a.attname), ' AND ')
                        FROM unnest(c.conkey) k(attnum)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS matching
                FROM pg_constraint c
                WHERE c.contype = 'f' AND c.confrelid = to_regclass(:parent)
                """)
                .bind("parent", parent.toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> "SELECT 1 FROM ONLY " + rs.getString("child") + " WHERE " + rs.getString("matching"))
                .forEach(lookups::add);
        return lookups;
    }
}
