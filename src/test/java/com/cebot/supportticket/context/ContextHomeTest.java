package com.cebot.supportticket.context;

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

/** The context workflow's Home parts read a page and a count, through indexes, however much a person has. */
final class ContextHomeTest {

    private static final Person CE = new Person("U0CE", LocalDate.parse("2026-11-23"));

    @TempDir
    Path dir;

    private Jdbi jdbi;

    @BeforeEach
    void open() {
        jdbi = TestDatabase.open(dir);
    }

    /** {@code cards} cards by U0CE, one context each, customer "Customer n" for card n; every one taken by U0AE. */
    private void cards(int cards) {
        jdbi.useHandle(h -> h.execute("""
                WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO customer (id, name, name_key, created_at)
                SELECT i, 'Customer ' || i, 'customer ' || i, '2026-11-20T10:00:00.000Z' FROM n
                """, cards));
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO context_card (id, customer_id, card_key, assignee, assigned_at, created_at, state)
                SELECT id, id, 'context-card:V' || id, 'U0AE', '2026-11-22T10:00:00.000Z', created_at, 'posting'
                FROM customer
                """));
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO support_context (submission_key, card_id, customer_id, submitted_by, links, background, created_at)
                SELECT 'V' || id, id, id, 'U0CE', '[]', 'b', %s
                FROM customer
                """.formatted(TestDatabase.timeAfter("2026-11-21T00:00:00", "id"))));
    }

    private List<Part> parts(Person person) {
        return jdbi.withHandle(h -> new ContextHome(new Permalinks("https://acme.slack.com/")).parts(h, person));
    }

    @Test
    void everyQuery_readsThroughAnIndex_andEveryListIsLimited() {
        QueryPlans.assertIndexedAndBounded(jdbi, ContextHome.Queries.class);
    }

    @Test
    void moreCardsThanAPage_readsTheNewestPage_andCountsThemAll() {
        cards(250);

        Part shared = parts(CE).get(0);
        Part taken = parts(new Person("U0AE", CE.today())).get(1);

        assertThat(shared.items()).hasSize(100);
        assertThat(shared.total()).isEqualTo(250);
        assertThat(shared.items().get(0).text()).startsWith("*Customer 250*");
        assertThat(shared.items().get(99).text()).startsWith("*Customer 151*");
        assertThat(taken.items()).hasSize(100);
        assertThat(taken.total()).isEqualTo(250);
    }
}
