package com.cebot.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.slack.Permalinks;
import com.cebot.slack.UserGroupMembers;
import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Product feedback's Home parts read a page and a count, through indexes, however much there is. */
final class FeedbackHomeTest {

    private static final String CE = "U0CE";
    private static final String PM = "U0PM";

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private FeedbackHome home;

    @BeforeEach
    void open() {
        jdbi = TestDatabase.open(dir);
        home = new FeedbackHome(
                new Permalinks("https://acme.slack.com/"),
                new ProductTeam(
                        List.of("<@" + PM + ">"), id -> Set.of(), UserGroupMembers.LastKnown.NONE, Clock.systemUTC()));
    }

    @Test
    void everyQuery_readsThroughAnIndex_andEveryListIsLimited() {
        QueryPlans.assertIndexedAndBounded(jdbi, FeedbackHome.Queries.class);
    }

    /** 150 open gaps, gap i wanted by i customers (each named by CE), and a resolved one wanted by all. */
    private void seed() {
        jdbi.useHandle(h -> h.execute("""
                WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 151)
                INSERT INTO customer (id, name, name_key, created_at)
                SELECT i, 'Customer ' || i, 'customer ' || i, '2026-11-01T00:00:00.000Z' FROM n
                """));
        jdbi.useHandle(h -> h.execute("""
                WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 151)
                INSERT INTO feedback_gap (id, title, title_key, category, status, card_key, created_at)
                SELECT i, 'Gap ' || i, 'gap ' || i, 'Search', CASE i WHEN 151 THEN 'resolved' ELSE 'open' END,
                       'card' || i, '2026-11-01T00:00:00.000Z' FROM n
                """));
        jdbi.useHandle(h -> h.execute("""
                WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 151)
                INSERT INTO feedback_submission (share_key, gap_id, customer_id, shared_by, anonymous, need, severity,
                                                 created_at)
                SELECT 'V' || g.i || '-' || c.i, g.i, c.i, :ce, 0, 'need', 'minor',
                       %s
                FROM n g JOIN n c ON c.i <= g.i OR g.i = 151
                """.replace(":ce", "'" + CE + "'")
                .formatted(TestDatabase.timeAfter("2026-11-01T00:00:00", "g.i * 200 + c.i"))));
    }

    @Test
    void moreThanAPage_readsTheNewestOrMostWanted_andCountsThemAll() {
        seed();

        List<Part> mine = jdbi.withHandle(h -> home.parts(h, new Person(CE, LocalDate.parse("2026-11-23"))));
        List<Part> team = jdbi.withHandle(h -> home.parts(h, new Person(PM, LocalDate.parse("2026-11-23"))));

        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).items()).hasSize(100);
        assertThat(mine.get(0).total()).isEqualTo(150 * 151 / 2 + 151);
        assertThat(mine.get(0).items().get(0).text()).contains("Gap 151", "Resolved", "Customer 151");
        assertThat(team.get(1).title()).isEqualTo("Product gaps still Open");
        assertThat(team.get(1).total()).isEqualTo(150);
        assertThat(team.get(1).items()).hasSize(100);
        assertThat(team.get(1).items().get(0).text()).contains("Gap 150", "150 customers");
        assertThat(team.get(1).items().get(99).text()).contains("Gap 51", "51 customers");
        assertThat(team.get(1).items().get(0).buttons()).hasSize(3);
    }
}
