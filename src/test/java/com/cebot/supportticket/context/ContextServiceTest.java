package com.cebot.supportticket.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.home.StaleHomes;
import com.cebot.inbox.SubmittedForms;
import com.cebot.outbox.BotIdentity;
import com.cebot.outbox.Outbox;
import com.cebot.slack.Permalinks;
import com.cebot.slack.UserGroupMembers;
import com.cebot.supportticket.TicketLinkParser;
import com.cebot.supportticket.TicketLinkParser.ParseResult;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service against a real store; the outbox is never started, so its rows show what would be sent. */
final class ContextServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private ContextService service;
    private SubmittedForms<ContextDraft> forms;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.open(dir);
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        // The queues are never started: their rows show what would be sent.
        Outbox outbox = new Outbox(
                TestQueues.queue("outbox", jdbi, clock),
                Slack.getInstance().methods("xoxb-unused"),
                Duration.ofSeconds(1),
                new BotIdentity("UBOT", "BBOT"));
        service = new ContextService(
                jdbi,
                outbox,
                new Permalinks("https://acme.slack.com/"),
                "C0SUPPORT",
                Takers.ANYONE,
                new StaleHomes(),
                clock);
        forms = service.forms(TestQueues.inbox(jdbi, clock));
    }

    /** What the inbox does with an accepted form: stores it in one transaction. */
    private ContextService.Submitted submit(ContextDraft draft, String viewId, String user) {
        return jdbi.inTransaction(h -> service.submit(h, draft, viewId, user));
    }

    private static ContextDraft draft(String customer, String links) {
        var parsed = ((ParseResult.Parsed) new TicketLinkParser("acme").parse(links)).links();
        return new ContextDraft(new CustomerChoice.New(customer), parsed, "background", Optional.empty());
    }

    private List<Map<String, Object>> outboxRows() {
        return TestDatabase.outbox(jdbi);
    }

    /** One argument of the queued write with this key; {@code blocks} as plain JSON (Gson escapes {@code <}). */
    private String arg(String messageKey, String name) {
        String args = (String) outboxRows().stream()
                .filter(r -> messageKey.equals(r.get("message_key")))
                .findFirst()
                .orElseThrow()
                .get("args");
        try {
            String value = JSON.readTree(args).path(name).asText(null);
            return name.equals("blocks") ? JSON.readTree(value).toString() : value;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void card_textSaysWhatTheBlocksSay_andFollowsThemWhenTaken_withoutPingingTheCeOrTheTaker() {
        submit(draft("Acme", "ZD 1"), "V1", "U0CE");

        service.claim(1, "U0AE", "C0SUPPORT", "1.1");

        assertThat(arg("context-card:V1", "text"))
                .startsWith("Support context for Acme: background")
                .endsWith("Waiting for someone in support to take it.")
                .doesNotContain("<@U0CE>");
        assertThat(arg("context-card:V1", "blocks")).contains("Shared by <@U0CE>");
        assertThat(arg("context-card:V1:claimed:1", "text")).endsWith("Taken by <@U0AE>.");
        assertThat(arg("context-card:V1:claimed:1", "blocks")).contains("Taken by <@U0AE>");
        assertThat(arg("context-card:V1:claim-note:1", "text")).doesNotContain("<@");
    }

    @Test
    void moreContext_noteTextDoesNotPingTheCe_whoIsToldByDm() {
        submit(draft("Acme", "ZD 1"), "V1", "U0CE");

        submit(draft("Acme", "ZD 1"), "V2", "U0CE2");

        assertThat(arg("context-reply:2", "text")).isEqualTo("More context for Acme: background");
        assertThat(arg("context-reply:2", "blocks")).contains("<@U0CE2>");
    }

    @Test
    void firstContext_storesAndQueuesOneCard() {
        var result = submit(draft("Acme", "ZD 1"), "V1", "U0CE");

        assertThat(result).isInstanceOf(ContextService.Submitted.NewCard.class);
        assertThat(outboxRows()).singleElement().satisfies(row -> {
            assertThat(row.get("message_key")).isEqualTo("context-card:V1");
            assertThat((String) row.get("args")).contains("C0SUPPORT").contains("Acme");
        });
    }

    @Test
    void repeatedDelivery_ofTheSameView_isAcceptedOnce() {
        var first = forms.accept(draft("Acme", "ZD 1"), "V1", "U0CE");
        var again = forms.accept(draft("Acme", "ZD 1"), "V1", "U0CE");

        assertThat(first).isInstanceOf(SubmittedForms.Accepted.Stored.class);
        assertThat(again).isInstanceOf(SubmittedForms.Accepted.Repeat.class);
        int accepted = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM work WHERE queue = 'inbox'")
                .mapTo(Integer.class)
                .one());
        assertThat(accepted).isEqualTo(1);
    }

    @Test
    void sameTicketAgain_goesIntoTheCardsThread_andReportsAssignee() {
        submit(draft("Acme", "ZD 1"), "V1", "U0CE");
        long cardId = service.since(Instant.EPOCH).get(0).cardId();
        service.claim(cardId, "U0AE", "C0SUPPORT", "1.1");

        var second = submit(draft("acme", "https://acme.zendesk.com/agent/tickets/1 ZD 2"), "V2", "U0CE2");

        assertThat(second).isEqualTo(new ContextService.Submitted.AddedToCard(2, Optional.of("U0AE")));
        assertThat(outboxRows())
                .extracting(r -> r.get("message_key"))
                .containsExactly(
                        "context-card:V1",
                        "context-card:V1:claimed:1",
                        "context-card:V1:claim-note:1",
                        "context-reply:2");
        assertThat(outboxRows().get(3).get("anchor_key")).isEqualTo("context-card:V1");
        assertThat(service.since(Instant.EPOCH))
                .extracting(SupportContext::customerId)
                .containsOnly(1L);
    }

    @Test
    void aCardSlackRefusedForGood_holdsNoTicket_soTheNextContextMakesANewCard() {
        submit(draft("Acme", "ZD 1"), "V1", "U0CE");
        jdbi.useTransaction(h -> service.cardHook.failed(h, "1", "is_archived"));

        var next = submit(draft("Acme", "ZD 1"), "V2", "U0CE");

        assertThat(next).isInstanceOf(ContextService.Submitted.NewCard.class);
        assertThat(outboxRows())
                .extracting(r -> r.get("message_key"))
                .contains("context-card:V1", "context-refused:1", "context-card:V2");
    }

    /** Another company's ticket 1 is not ours: its context must not land in our ticket 1's thread. */
    @Test
    void sameNumberOnAnotherZendesk_makesItsOwnCard_andKeysNothing() {
        submit(draft("Acme", "ZD 1"), "V1", "U0CE");

        var other = submit(draft("Acme", "https://other.zendesk.com/agent/tickets/1"), "V2", "U0CE");
        var lookAlike = submit(draft("Acme", "https://acme.zendesk.com.evil.io/agent/tickets/1"), "V3", "U0CE");
        var ours = submit(draft("Acme", "https://acme.zendesk.com/agent/tickets/1"), "V4", "U0CE");

        assertThat(other).isInstanceOf(ContextService.Submitted.NewCard.class);
        assertThat(lookAlike).isInstanceOf(ContextService.Submitted.NewCard.class);
        assertThat(ours).isInstanceOf(ContextService.Submitted.AddedToCard.class);
        List<String> keyed = jdbi.withHandle(h -> h.createQuery("SELECT ticket_key FROM ticket_card")
                .mapTo(String.class)
                .list());
        assertThat(keyed).containsExactly("zendesk:1");
        assertThat(outboxRows())
                .extracting(r -> (String) r.get("args"))
                .filteredOn(a -> a.contains("evil.io"))
                .singleElement()
                .asString()
                .contains("https://acme.zendesk.com.evil.io/agent/tickets/1|acme.zendesk.com.evil.io/agent/tickets/1")
                .doesNotContain("Zendesk #1");
    }

    @Test
    void ticketAddedLater_findsTheSameCard() {
        submit(draft("Acme", "ZD 1"), "V1", "U0CE");
        submit(draft("Acme", "ZD 1 ZD 2"), "V2", "U0CE");

        var third = submit(draft("Acme", "ZD 2"), "V3", "U0CE");

        assertThat(third).isInstanceOf(ContextService.Submitted.AddedToCard.class);
    }

    @Test
    void secondClaim_isRefusedPrivately_andNamesTheAssignee() {
        submit(draft("Acme", "ZD 1"), "V1", "U0CE");
        service.claim(1, "U0AE", "C0SUPPORT", "1.1");

        var again = service.claim(1, "U0OTHER", "C0SUPPORT", "1.2");
        var mine = service.claim(1, "U0AE", "C0SUPPORT", "1.3");

        assertThat(again).isEqualTo(new ContextService.Claim.TakenBy("U0AE"));
        assertThat(mine).isEqualTo(new ContextService.Claim.AlreadyYours());
        assertThat(outboxRows())
                .filteredOn(r -> "chat.postEphemeral".equals(r.get("method")))
                .extracting(r -> (String) r.get("args"))
                .anySatisfy(args -> assertThat(args).contains("U0OTHER").contains("<@U0AE> already took"));
    }

    @Test
    void theTaker_releasesTheCard_andSomeoneElseTakesItAgain_eachWithPostsOfItsOwn() {
        submit(draft("Acme", "ZD 1"), "V1", "U0CE");
        service.claim(1, "U0AE", "C0SUPPORT", "1.1");

        var notTheirs = service.release(1, "U0OTHER", "C0SUPPORT", "1.2");
        var released = service.release(1, "U0AE", "C0SUPPORT", "1.3");
        var twice = service.release(1, "U0AE", "C0SUPPORT", "1.4");
        var retaken = service.claim(1, "U0AE2", "C0SUPPORT", "1.5");

        assertThat(notTheirs).isEqualTo(new ContextService.Release.NotYours("U0AE"));
        assertThat(released).isEqualTo(new ContextService.Release.Released());
        assertThat(twice).isEqualTo(new ContextService.Release.NotTaken());
        assertThat(retaken).isEqualTo(new ContextService.Claim.Claimed());
        assertThat(outboxRows())
                .filteredOn(r -> !"chat.postEphemeral".equals(r.get("method")))
                .extracting(r -> r.get("message_key"))
                .containsExactly(
                        "context-card:V1",
                        "context-card:V1:claimed:1",
                        "context-card:V1:claim-note:1",
                        "context-card:V1:released:1",
                        "context-card:V1:release-note:1",
                        "context-card:V1:claimed:2",
                        "context-card:V1:claim-note:2");
        assertThat(outboxRows())
                .filteredOn(r -> "context-card:V1:released:1".equals(r.get("message_key")))
                .singleElement()
                .satisfies(r -> assertThat((String) r.get("args"))
                        .contains("Waiting for someone in support to take it", "context_claim")
                        .doesNotContain("context_release"));
        assertThat(outboxRows())
                .filteredOn(r -> "chat.postEphemeral".equals(r.get("method")))
                .extracting(r -> (String) r.get("args"))
                .anySatisfy(args -> assertThat(args).contains("U0OTHER", "Only <@U0AE>, who took this ticket"))
                .anySatisfy(args -> assertThat(args).contains("Nobody has this ticket now"));
    }

    @Test
    void withTakersSet_onlyItsMembersTakeACard_othersAreToldPrivately() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        UserGroupMembers group =
                new UserGroupMembers("S0AES", "takers", id -> Set.of("U0AE"), UserGroupMembers.LastKnown.NONE, clock);
        group.refresh();
        Outbox outbox = new Outbox(
                TestQueues.queue("outbox", jdbi, clock),
                Slack.getInstance().methods("xoxb-unused"),
                Duration.ofSeconds(1),
                new BotIdentity("UBOT", "BBOT"));
        ContextService limited = new ContextService(
                jdbi,
                outbox,
                new Permalinks("https://acme.slack.com/"),
                "C0SUPPORT",
                new Takers("<!subteam^S0AES>", group),
                new StaleHomes(),
                clock);
        jdbi.useTransaction(h -> limited.submit(h, draft("Acme", "ZD 1"), "V1", "U0CE"));
        assertThat(arg("context-card:V1", "blocks"))
                .as("the card says who may take it")
                .contains("Only <!subteam^S0AES> can take it.");

        var outsider = limited.claim(1, "U0CE", "C0SUPPORT", "1.1");
        var member = limited.claim(1, "U0AE", "C0SUPPORT", "1.2");

        assertThat(outsider).isEqualTo(new ContextService.Claim.NotATaker());
        assertThat(member).isEqualTo(new ContextService.Claim.Claimed());
        assertThat(outboxRows())
                .filteredOn(r -> "chat.postEphemeral".equals(r.get("method")))
                .extracting(r -> (String) r.get("args"))
                .singleElement()
                .satisfies(args -> assertThat(args).contains("U0CE", "Only <!subteam^S0AES> take"));
    }

    @Test
    void racingClaims_haveOneWinner() throws Exception {
        submit(draft("Acme", "ZD 1"), "V1", "U0CE");
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ContextService.Claim>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String user = "U0AE" + i;
                claims.add(() -> service.claim(1, user, "C0SUPPORT", "2." + user));
            }
            List<ContextService.Claim> results = new java.util.ArrayList<>();
            for (Future<ContextService.Claim> f : pool.invokeAll(claims)) {
                results.add(f.get());
            }

            assertThat(results)
                    .filteredOn(r -> r instanceof ContextService.Claim.Claimed)
                    .hasSize(1);
            assertThat(results)
                    .filteredOn(r -> r instanceof ContextService.Claim.TakenBy)
                    .hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }
}
