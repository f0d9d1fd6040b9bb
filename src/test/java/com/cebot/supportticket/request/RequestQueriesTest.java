package com.cebot.supportticket.request;

import static com.cebot.supportticket.request.RequestStore.CE;
import static com.cebot.supportticket.request.RequestStore.CHANNEL;
import static com.cebot.supportticket.request.RequestStore.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.outbox.DeliveryHook;
import com.cebot.slack.Permalinks;
import com.cebot.supportticket.ContextCards;
import com.cebot.supportticket.request.RequestStore.Row;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens once the card lands, and the queries other features read requests with. */
final class RequestQueriesTest {

    @TempDir
    Path dir;

    private RequestStore store;
    private RequestCardHook hook;
    private boolean contextShared;

    @BeforeEach
    void openStore() {
        store = new RequestStore(dir);
        hook = new RequestCardHook(
                store.outbox,
                new Permalinks("https://acme.slack.com"),
                CHANNEL,
                (h, tickets) -> tickets.contains(SampleRequest.ZENDESK.ticketKey()) && contextShared
                        ? Optional.of(new ContextCards.Card("CSUPPORT", "1600000000.000100"))
                        : Optional.empty(),
                (h, request) -> {});
    }

    private long submitNeededBy(String viewId, String date) {
        var timing = Optional.of(new RequestDraft.Timing(LocalDate.parse(date), "Renewal"));
        return store.submit(RequestStore.draft(timing), viewId, CE).requestId();
    }

    @Test
    void cardDelivered_dmsTheCeThePermalink() {
        long id = store.submit("V1");

        store.jdbi.useTransaction(
                h -> hook.delivered(h, Long.toString(id), new DeliveryHook.Delivered(CHANNEL, "1700000000.000100")));

        Row dm = store.outboxRows().get(1);
        assertThat(dm.kind()).isEqualTo("post to " + CE);
        assertThat(dm.arg("text"))
                .contains(
                        "*Acme Corp*",
                        "<#CSUPPORT>",
                        "<https://acme.slack.com/archives/CSUPPORT/p1700000000000100|view the card>");
    }

    @Test
    void cardDelivered_whenSupportHasTheTicketsContext_saysWhereInTheCardsThread() {
        contextShared = true;
        long id = store.submit("V1");

        store.jdbi.useTransaction(
                h -> hook.delivered(h, Long.toString(id), new DeliveryHook.Delivered(CHANNEL, "1700000000.000100")));

        assertThat(store.outboxRows())
                .extracting(Row::kind)
                .containsExactly("post to " + CHANNEL, "post to " + CE, "note");
        assertThat(store.outboxRows().get(2).arg("text"))
                .isEqualTo("Support already has the context for this ticket:"
                        + " <https://acme.slack.com/archives/CSUPPORT/p1600000000000100|see its card>.");
    }

    @Test
    void cardDelivered_withoutContext_addsNoNote() {
        long id = store.submit("V1");

        store.jdbi.useTransaction(
                h -> hook.delivered(h, Long.toString(id), new DeliveryHook.Delivered(CHANNEL, "1700000000.000100")));

        assertThat(store.outboxRows()).extracting(Row::kind).doesNotContain("note");
    }

    @Test
    void cardRefusedForGood_tellsTheCeItIsSavedButNotPosted() {
        long id = store.submit("V1");

        store.jdbi.useTransaction(h -> hook.failed(h, Long.toString(id), "channel_not_found"));

        assertThat(store.outboxRows().get(1).arg("text")).contains("saved your request", "channel_not_found");
    }

    @Test
    void cardDeliveredTwice_dmsOnce() {
        long id = store.submit("V1");
        DeliveryHook.Delivered landed = new DeliveryHook.Delivered(CHANNEL, "1700000000.000100");

        store.jdbi.useTransaction(h -> hook.delivered(h, Long.toString(id), landed));
        store.jdbi.useTransaction(h -> hook.delivered(h, Long.toString(id), landed));

        assertThat(store.outboxCount()).isEqualTo(2);
    }

    @Test
    void unacknowledged_listsOpenRequestsOnly() {
        long open = store.submit("V1");
        long acknowledged = store.submit("V2");
        store.click(acknowledged, Move.ACKNOWLEDGE, HEAD);

        assertThat(store.service.unacknowledged())
                .extracting(SupportTicketRequest::id)
                .containsExactly(open);
    }

    @Test
    void neededBy_listsUndecidedRequestsDueByThen_soonestFirst() {
        long later = submitNeededBy("V1", "2026-12-10");
        long soon = submitNeededBy("V2", "2026-11-30");
        long approved = submitNeededBy("V3", "2026-11-25");
        long acknowledged = submitNeededBy("V4", "2026-11-26");
        store.submit("V5");
        store.click(approved, Move.APPROVE, HEAD);
        store.click(acknowledged, Move.ACKNOWLEDGE, HEAD);

        assertThat(store.service.neededBy(LocalDate.parse("2026-12-01")))
                .extracting(SupportTicketRequest::id)
                .containsExactly(acknowledged, soon)
                .doesNotContain(later);
        assertThat(store.service.neededBy(LocalDate.parse("2026-12-01")).get(0).neededBy())
                .isEqualTo(LocalDate.parse("2026-11-26"));
    }

    @Test
    void since_listsRequestsRaisedFromThen() {
        store.submit("V1");
        store.clock.advance(java.time.Duration.ofDays(2));
        Instant from = store.clock.instant();
        long recent = store.submit("V2");

        assertThat(store.service.since(from))
                .extracting(SupportTicketRequest::id)
                .containsExactly(recent);
    }
}
