package com.cebot.db;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.QueryPlans;
import com.cebot.testing.SqlStatements;
import com.cebot.testing.SqlStatements.Statement;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No statement the bot runs reads a growing table whole, unless it is listed below with the reason
 * it may: the statements are every {@code @SqlQuery} and {@code @SqlUpdate} of every SqlObject in
 * the main classes ({@link SqlStatements}), so a query written tomorrow is planned here too, and one
 * that needs an index fails until it has one. Listeners, Home, the type-aheads and the queues' claims
 * read through indexes only: none of the exceptions is on their way.
 *
 * <p>A plan line such as {@code SCAN work} is a read of every row; {@code SEARCH} reads a range of
 * an index. The plans of deletes include SQLite's look for rows in child tables (foreign keys are
 * on), which reads a child table whole when its reference has no index.
 *
 * <p>Each store engine is an {@link Engine}, a migrated store and its {@link QueryPlans.Planner},
 * judged under the same lists. The test runs with the store tests on each store: SQLite's plans in
 * the first Surefire run, PostgreSQL's (the generic plan of each statement, with sequential scans,
 * hash and merge joins off) in the second.
 */
final class QueryPlansTest {

    /**
     * Tables that grow with the team or the setup, not with what people do: read whole by design, and
     * small whatever the history.
     */
    static final Map<String, String> SMALL_TABLES = Map.of(
            "sdr_rotation", "one row per member of @ce-sdr-collab who ever took a turn; routing compares every turn",
            "user_group_members",
                    "one row per user group the bot follows (the head of support's, support.takers,"
                            + " @ce-sdr-collab, the product team's)",
            "retention_purge", "a row per part of each daily purge, kept a month",
            "bot_process", "a row per start of the bot; read whole at a start and by `status`");

    /**
     * Statements that may read a growing table whole, and why. Each runs in an operator's command or
     * a daily job, never while someone waits for an ack, their Home or a type-ahead.
     */
    static final Map<String, String> WHOLE_READS = Map.ofEntries(
            entry("Deliveries#forgetBefore", "the daily purge of payload keys: the table holds one day of them"),
            entry("Deliveries#keysMentioning", "forget: a day of payload keys, searched for a person's ID"),
            entry("FinishedWork.Queries#mentioning", "forget: every work row is searched for the person's ID"),
            entry("OooRecords#coveredBy", "forget: every period's coverers are searched for the person's ID"),
            entry("OooRecords#notesMentioning", "forget: every note is searched for the person's ID"),
            entry("OooRecords#deleteCovererDmsOf", "forget: a day of counted DMs, by either person"),
            entry(
                    "OooRecords#finishedBefore",
                    "the daily purge: periods in id order, a batch at a time, stopping" + " at its limit"),
            entry(
                    "ContextRecords#finishedBefore",
                    "the daily purge: cards in id order, a batch at a time, stopping" + " at its limit"),
            entry(
                    "FeedbackRecords#settledBefore",
                    "the daily purge: submissions in id order, a batch at a time," + " stopping at its limit"),
            entry("FeedbackRecords#unnameActor", "forget: every gap's history is searched for the person's ID"),
            entry("SdrRecords#unmention", "forget: every kept question's words are searched for the person's ID"),
            entry("RequestRecords#deleteMovesBy", "forget: every request's moves are searched for the person's ID"),
            entry("SdrRecords#deleteEventsNaming", "forget: every question's steps are searched for the person's ID"),
            entry("SdrRecords#deleteSkipsOfPerson", "forget: every question's skips are searched for the person's ID"),
            entry("SdrRecords#unassign", "forget: every question is searched for the person as its owner"),
            entry("SdrRecords#unname", "forget: every question is searched for the person's ID"));

    /**
     * Statements whose plan PostgreSQL reads a table whole on an empty store only, and why. Its planner
     * prices a pass over an empty index at next to nothing, so a condition on an index's second column
     * ({@code status} of {@code work_person_due}, of {@code request_event}'s unique key) looks as
     * cheap as a lookup by the first. Planned on a year of data ({@code YearOfData}, analyzed), each
     * reads no table whole: the list holds no statement without that check.
     */
    static final Map<String, String> WHOLE_ON_AN_EMPTY_POSTGRESQL = Map.of(
            "WorkRepository#claimSkipLocked",
            "a queue's claim: empty, every pending row and the rows they wait for look like a few",
            "FinishedWork.Queries#finishedBefore",
            "the daily purge: empty, the finished rows look fewer than the ids after the last batch",
            "RequestRepository#unacknowledged",
            "the head of support's nudge: empty, the open requests' steps look fewer than a lookup per request",
            "WorkReport.Queries#retryOne",
            "retry-failed: empty, the failed rows look fewer than the row and those waiting for it");

    @TempDir
    Path dir;

    /**
     * A store engine the bot runs on: how to open a migrated, empty store in a folder, its planner,
     * the statements it never runs (the other engine's form of one), and those it reads whole only
     * while empty.
     */
    record Engine(
            String name,
            Function<Path, Jdbi> store,
            QueryPlans.Planner planner,
            Map<String, String> notRun,
            Map<String, String> wholeWhenEmpty) {
        @Override
        public String toString() {
            return name;
        }

        boolean mayReadWhole(String statement) {
            return WHOLE_READS.containsKey(statement) || wholeWhenEmpty.containsKey(statement);
        }
    }

    /** The engine of the store this run of the tests is on. */
    static Stream<Engine> engines() {
        return Stream.of(
                TestDatabase.postgresql()
                        ? new Engine(
                                "PostgreSQL",
                                TestDatabase::open,
                                QueryPlans.POSTGRESQL,
                                Map.of("WorkRepository#claim", "SQLite's claim; PostgreSQL runs claimSkipLocked"),
                                WHOLE_ON_AN_EMPTY_POSTGRESQL)
                        : new Engine(
                                "SQLite",
                                TestDatabase::open,
                                QueryPlans.SQLITE,
                                Map.of(
                                        "WorkRepository#claimSkipLocked",
                                        "PostgreSQL's claim with FOR UPDATE SKIP LOCKED; SQLite runs claim"),
                                Map.of()));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyStatement_readsGrowingTablesThroughIndexes(Engine engine) {
        List<String> problems = new ArrayList<>();
        engine.store().apply(dir).useHandle(h -> {
            for (Statement s : SqlStatements.all()) {
                if (engine.notRun().containsKey(s.name())) {
                    continue;
                }
                Set<String> whole = growingTablesReadWhole(engine.planner(), h, s);
                if (!whole.isEmpty() && !engine.mayReadWhole(s.name())) {
                    problems.add(s.name() + " reads " + String.join(", ", whole) + " whole");
                }
            }
        });
        assertThat(problems)
                .as("statements that read a growing table whole: give them an index, or list them"
                        + " in WHOLE_READS with the reason they may")
                .isEmpty();
    }

    /** A listed exception that no longer reads a table whole, or no longer exists, leaves the list. */
    @ParameterizedTest
    @MethodSource("engines")
    void everyException_isStillNeeded(Engine engine) {
        Map<String, Statement> statements =
                SqlStatements.all().stream().collect(Collectors.toMap(Statement::name, s -> s));
        List<String> stale = new ArrayList<>();
        engine.store().apply(dir).useHandle(h -> {
            Set<String> listed = new TreeSet<>(WHOLE_READS.keySet());
            listed.addAll(engine.wholeWhenEmpty().keySet());
            for (String name : listed) {
                Statement s = statements.get(name);
                if (s == null) {
                    stale.add(name + ": no such statement");
                } else if (growingTablesReadWhole(engine.planner(), h, s).isEmpty()) {
                    stale.add(name + ": reads no growing table whole now");
                }
            }
            for (String name : engine.notRun().keySet()) {
                if (!statements.containsKey(name)) {
                    stale.add(name + ": no such statement");
                }
            }
        });
        assertThat(stale).as("exceptions to remove from the lists").isEmpty();
    }

    private static Set<String> growingTablesReadWhole(QueryPlans.Planner planner, Handle h, Statement s) {
        Set<String> whole = new TreeSet<>(planner.tablesReadWhole(h, s.sql()));
        whole.removeAll(SMALL_TABLES.keySet());
        return whole;
    }

    @Test
    void everySmallTable_isInTheSchema() throws SQLException {
        Set<String> tables = new TreeSet<>();
        TestDatabase.open(dir).useHandle(h -> {
            try (ResultSet rs = h.getConnection().getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        });
        assertThat(tables).containsAll(SMALL_TABLES.keySet());
    }

    /**
     * The walk finds the statements of public and package-private interfaces, nested ones too, so a
     * statement cannot hide from the plans by where it is declared.
     */
    @Test
    void theStatements_areFoundWhereverTheyAreDeclared() {
        Set<String> names = SqlStatements.all().stream().map(Statement::name).collect(Collectors.toSet());
        assertThat(names)
                .contains(
                        "WorkRepository#claim",
                        "Customers#keyBetween",
                        "Customers#laterWordBetween",
                        "FeedbackHome.Queries#open",
                        "CovererDms.Repository#sentSince",
                        "QuestionRepository#insert");
        assertThat(names.size()).isGreaterThan(150);
    }

    /** The planner sees through aliases and subqueries: a read of a table under an alias is caught. */
    @Test
    void aWholeReadUnderAnAlias_isCaught_andASubquerysOwnRowsAreNot() {
        Assumptions.assumeFalse(TestDatabase.postgresql(), "SQLite's plan names aliases");
        try (Handle h = TestDatabase.open(dir).open()) {
            assertThat(QueryPlans.SQLITE.tablesReadWhole(h, "SELECT c.id FROM context_card c WHERE c.state = :s"))
                    .containsExactly("context_card");
            assertThat(QueryPlans.SQLITE.tablesReadWhole(h, """
                    WITH mine AS (SELECT id FROM work WHERE queue = :q AND work_key = :k)
                    SELECT m.id FROM mine m
                    """)).isEmpty();
            assertThat(QueryPlans.SQLITE.tablesReadWhole(h, "DELETE FROM context_card WHERE id = :id"))
                    .as("a delete looks for the rows that reference it, through their indexes")
                    .isEmpty();
        }
    }

    /**
     * PostgreSQL, kept off sequential scans, reads a table whole through an index instead: with no
     * condition on the index, or none on its first column. Both are caught, and so is a delete whose
     * foreign key look (a trigger, outside the plan) has no index to read.
     */
    @Test
    void aWholeReadThroughAnIndex_isCaught_andSoIsADeletesLookWithoutOne() {
        Assumptions.assumeTrue(TestDatabase.postgresql(), "PostgreSQL's plan");
        try (Handle h = TestDatabase.open(dir).open()) {
            assertThat(QueryPlans.POSTGRESQL.tablesReadWhole(h, "SELECT c.id FROM context_card c WHERE c.state = :s"))
                    .containsExactly("context_card");
            assertThat(QueryPlans.POSTGRESQL.tablesReadWhole(
                            h, "SELECT delivery_key FROM delivery WHERE replace(delivery_key, :p, '') <> delivery_key"))
                    .as("every entry of the primary key's index, for a condition no index holds")
                    .containsExactly("delivery");
            assertThat(QueryPlans.POSTGRESQL.tablesReadWhole(
                            h, "UPDATE sdr_question SET assignee = NULL WHERE assignee = :person"))
                    .as("sdr_question_open is on (status, assignee): it holds no list of one person's")
                    .containsExactly("sdr_question");
            assertThat(QueryPlans.POSTGRESQL.tablesReadWhole(
                            h, "SELECT id FROM work WHERE queue = :q AND work_key = :k"))
                    .isEmpty();
            assertThat(QueryPlans.POSTGRESQL.tablesReadWhole(h, "DELETE FROM context_card WHERE id = :id"))
                    .as("a delete looks for the rows that reference it, through their indexes")
                    .isEmpty();

            h.execute("CREATE TABLE plan_parent (id BIGINT PRIMARY KEY)");
            h.execute("CREATE TABLE plan_child (id BIGINT PRIMARY KEY, parent_id BIGINT REFERENCES plan_parent (id))");
            assertThat(QueryPlans.POSTGRESQL.tablesReadWhole(h, "DELETE FROM plan_parent WHERE id = :id"))
                    .as("no index on plan_child (parent_id)")
                    .containsExactly("plan_child");
        }
    }
}
