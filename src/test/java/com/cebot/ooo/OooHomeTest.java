package com.cebot.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.db.Database;
import com.cebot.db.Store;
import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OOO protocol's Home parts read a page and a count, through indexes. */
final class OooHomeTest {

    @TempDir
    Path dir;

    @Test
    void everyQuery_readsThroughAnIndex_andEveryListIsLimited() {
        QueryPlans.assertIndexedAndBounded(TestDatabase.open(dir), OooHome.Queries.class);
    }

    /** The newest migration older than {@code version} for this kind of store, whichever came before it. */
    private static String before(String version, Store.Kind kind) throws IOException {
        List<MigrationVersion> older = new ArrayList<>();
        for (String location : Database.migrations(kind)) {
            Path folder = Path.of("src", "main", "resources").resolve(location.substring("classpath:".length()));
            try (Stream<Path> files = Files.list(folder)) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.matches("V\\d+(_\\d+)*__.*\\.sql"))
                        .map(n -> MigrationVersion.fromVersion(n.substring(1, n.indexOf("__"))))
                        .filter(v -> v.compareTo(MigrationVersion.fromVersion(version)) < 0)
                        .forEach(older::add);
            }
        }
        return older.stream().max(Comparator.naturalOrder()).orElseThrow().getVersion();
    }

    /** Periods saved before each coverer had a row of their own get one each, so Home finds them. */
    @Test
    void timeOffPlannedBeforeCoverersHadRows_isFoundByWhoCoversIt() throws IOException {
        Store unmigrated = TestDatabase.unmigrated(dir);
        DataSource old = TestDatabase.dataSource(unmigrated);
        Flyway.configure()
                .dataSource(old)
                .locations(Database.migrations(unmigrated.kind()))
                .target(before("23", unmigrated.kind()))
                .load()
                .migrate();
        Jdbi.create(old).useHandle(h -> h.execute("""
                INSERT INTO ooo_period (submission_key, person, zone, first_day, last_day, coverers, customers,
                                        created_at)
                VALUES ('v1', 'U0LA', 'UTC', '2026-11-09', '2026-11-13', 'U0COV,U0COV2', '[]',
                        '2026-10-26T17:00:00.000Z')
                """));

        Jdbi store = Database.open(unmigrated);

        List<String> covered = store.withHandle(
                h -> h.attach(OooHome.Queries.class).covered("U0COV2", LocalDate.parse("2026-11-01"), 10).stream()
                        .map(OooPeriod::person)
                        .toList());
        List<String> rows = store.withHandle(h -> h.createQuery("SELECT coverer FROM ooo_coverer ORDER BY coverer")
                .mapTo(String.class)
                .list());
        assertThat(rows).containsExactly("U0COV", "U0COV2");
        assertThat(covered).containsExactly("U0LA");
    }
}
