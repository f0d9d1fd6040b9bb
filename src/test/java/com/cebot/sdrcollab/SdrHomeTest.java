package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.slack.Permalinks;
import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SDR routing's Home parts read a page and a count, through indexes, however much a person has. */
final class SdrHomeTest {

    @TempDir
    Path dir;

    private Jdbi jdbi;

    @BeforeEach
    void open() {
        jdbi = TestDatabase.open(dir);
    }

    @Test
    void everyQuery_readsThroughAnIndex_andEveryListIsLimited() {
        QueryPlans.assertIndexedAndBounded(jdbi, SdrHome.Queries.class);
    }

    @Test
    void moreQuestionsThanAPage_readsTheNewestPage_andCountsThemAll() {
        jdbi.useHandle(h -> h.execute("""
                WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 180)
                INSERT INTO sdr_question (channel, ts, asker, source, question_key, reply_key, assignee, asked_at)
                SELECT 'C0CE', '1700000000.' || %s, 'U0SDR', 'message', 'q' || i, 'r' || i, 'U0CE',
                       %s
                FROM n
                """.formatted(
                        TestDatabase.padded("i", 6), TestDatabase.timeAfter("2026-11-01T00:00:00", "i * 86400"))));

        List<Part> sdr = jdbi.withHandle(h -> new SdrHome(new Permalinks("https://acme.slack.com/"))
                .parts(h, new Person("U0SDR", LocalDate.parse("2026-11-23"))));
        List<Part> ce = jdbi.withHandle(h -> new SdrHome(new Permalinks("https://acme.slack.com/"))
                .parts(h, new Person("U0CE", LocalDate.parse("2026-11-23"))));

        assertThat(sdr.get(1).items()).hasSize(100);
        assertThat(sdr.get(1).total()).isEqualTo(180);
        assertThat(sdr.get(1).items().get(0).text()).contains("1700000000000180");
        assertThat(ce.get(0).items()).hasSize(100);
        assertThat(ce.get(0).total()).isEqualTo(180);
        assertThat(ce.get(0).items().get(0).text())
                .as("the one waiting longest first")
                .contains("1700000000000001");
    }

    @Test
    void theQuestionsWaitingOnACe_needThem_andAreNamedByWhatTheyAsk() {
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO sdr_question (channel, ts, asker, source, question_key, reply_key, assignee, asked_at,
                                          question_text)
                VALUES ('C0CE', '1700000000.000001', 'U0SDR', 'message', 'q1', 'r1', 'U0CE', '2026-12-06T18:00:00.000Z',
                        'Does <@U0ACME> get SSO &amp; SCIM?'),
                       ('C0CE', '1700000000.000002', 'U0SDR', 'message', 'q2', 'r2', 'U0CE', '2026-12-07T18:00:00.000Z',
                        NULL)
                """));

        List<Part> ce = jdbi.withHandle(h -> new SdrHome(new Permalinks("https://acme.slack.com/"))
                .parts(h, new Person("U0CE", LocalDate.parse("2026-12-08"))));

        Part waiting = ce.get(0);
        assertThat(waiting.needsYou()).isTrue();
        assertThat(waiting.title()).isEqualTo("SDR questions waiting on you");
        assertThat(waiting.items().get(0).text())
                .startsWith("> Does <@U0ACME> get SSO &amp; SCIM?\nAsked by <@U0SDR> ")
                .contains("<!date^1796580000^{date_short_pretty} at {time}|2026-12-06 18:00 UTC>", "|Open the thread>")
                .doesNotContain("Question of");
        assertThat(waiting.items().get(1).text()).startsWith("*A question*\nAsked by <@U0SDR>");
        assertThat(ce.get(1).needsYou()).isFalse();
    }
}
