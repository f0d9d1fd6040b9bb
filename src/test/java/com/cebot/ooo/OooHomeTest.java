package com.cebot.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.db.Database;
import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The OOO protocol's Home parts read a page and a count, through indexes. */
final class OooHomeTest {

    @TempDir
    Path dir;

    @Test
    void everyQuery_readsThroughAnIndex_andEveryListIsLimited() {
        QueryPlans.assertIndexedAndBounded(TestDatabase.open(dir), OooHome.Queries.class);
    }

    /** The newest migration older than {@code version}, whichever other migrations came before it. */
    private static String before(String version) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+(_\\d+)*__.*\\.sql"))
                    .map(n -> MigrationVersion.fromVersion(n.substring(1, n.indexOf("__"))))
                    .filter(v -> v.compareTo(MigrationVersion.fromVersion(version)) < 0).max(Comparator.naturalOrder())
                    .orElseThrow().getVersion();
        }
    }

    /** Periods saved before each coverer had a row of their own get one each, so Home finds them. */
    @Test
    void timeOffPlannedBeforeCoverersHadRows_isFoundByWhoCoversIt() throws IOException {
        String url = "jdbc:sqlite:" + dir.resolve("cebot.db");
        SQLiteDataSource old = new SQLiteDataSource();
        old.setUrl(url);
        Flyway.configure().dataSource(old).locations("classpath:db/migration").target(before("23")).load().migrate();
        Jdbi.create(old).useHandle(h -> h.execute("""
                INSERT INTO ooo_period (submission_key, person, zone, first_day, last_day, coverers, customers,
                                        created_at)
                VALUES ('v1', 'U0LA', 'UTC', '2026-11-09', '2026-11-13', 'U0COV,U0COV2', '[]',
                        '2026-10-26T17:00:00.000Z')
                """));

        Jdbi store = Database.open(url);

        List<String> covered = store.withHandle(h -> h.attach(OooHome.Queries.class)
                .covered("U0COV2", LocalDate.parse("2026-11-01"), 10).stream().map(OooPeriod::person).toList());
        List<String> rows = store.withHandle(h -> h.createQuery("SELECT coverer FROM ooo_coverer ORDER BY coverer")
                .mapTo(String.class).list());
        assertThat(rows).containsExactly("U0COV", "U0COV2");
        assertThat(covered).containsExactly("U0LA");
    }
}
