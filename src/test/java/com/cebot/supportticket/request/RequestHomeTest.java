package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.slack.Permalinks;
import com.cebot.slack.UserGroupMembers;
import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request workflow's Home parts: a page and a count through indexes, and what a decider sees first. */
final class RequestHomeTest {

    @TempDir
    Path dir;

    @Test
    void everyQuery_readsThroughAnIndex_andEveryListIsLimited() {
        QueryPlans.assertIndexedAndBounded(TestDatabase.open(dir), RequestHome.Queries.class);
    }

    @Test
    void theHeadOfSupport_findsTheUndecidedRequestsUnderNeedsYou_soonestNeededFirst_withDeadlineAndReason() {
        Jdbi jdbi = TestDatabase.open(dir);
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO customer (id, name, name_key, created_at) VALUES (1, 'Acme & Co', 'acme & co', "
                    + "'2026-11-01T00:00:00.000Z')");
            h.execute("""
                    INSERT INTO support_request (submission_key, customer_id, submitted_by, links, ask, why, if_not,
                                                 needed_by, time_reason, card_key, created_at)
                    VALUES ('a', 1, 'U0CE', '[]', 'Extend the trial', 'They are <evaluating>', 'They leave', NULL, NULL,
                            'card-a', '2026-11-20T10:00:00.000Z'),
                           ('c', 1, 'U0CE', '[]', 'Waive the fee', 'Goodwill', 'Upset', NULL, 'Before their board meets',
                            'card-c', '2026-11-20T09:00:00.000Z'),
                           ('b', 1, 'U0CE', '[]', 'Expedite the SSO fix', 'Renewal next week', 'They may not renew',
                            '2026-12-08', 'the renewal call', 'card-b', '2026-11-21T10:00:00.000Z')
                    """);
        });
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T17:00:00Z"), ZoneOffset.UTC);
        Approvers approvers = new Approvers(
                "<@U0HEAD>", List.of(), Duration.ofHours(24), id -> Set.of(), UserGroupMembers.LastKnown.NONE, clock);
        RequestHome home = new RequestHome(new Permalinks("https://acme.slack.com/"), approvers);

        List<Part> head = jdbi.withHandle(h -> home.parts(h, new Person("U0HEAD", LocalDate.parse("2026-11-23"))));
        List<Part> ce = jdbi.withHandle(h -> home.parts(h, new Person("U0CE", LocalDate.parse("2026-11-23"))));

        Part decide = head.stream().filter(Part::needsYou).findFirst().orElseThrow();
        assertThat(decide.title()).isEqualTo("Requests waiting on your decision");
        assertThat(decide.items())
                .extracting(i -> i.text().lines().findFirst().orElseThrow())
                .containsExactly(
                        "*Acme &amp; Co*: Expedite the SSO fix",
                        "*Acme &amp; Co*: Waive the fee",
                        "*Acme &amp; Co*: Extend the trial");
        assertThat(decide.items().get(0).text())
                .contains(
                        "*Needed by Tue 8 Dec 2026* (the renewal call)", "Why: Renewal next week", "Raised by <@U0CE>");
        assertThat(decide.items().get(1).text()).contains("Timing: Before their board meets", "Why: Goodwill");
        assertThat(decide.items().get(2).text()).contains("No date given", "Why: They are &lt;evaluating&gt;");
        assertThat(decide.items().get(0).buttons()).isNotEmpty();
        assertThat(ce).noneMatch(Part::needsYou);
    }
}
