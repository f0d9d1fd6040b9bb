package com.cebot.supportticket.request;

import com.cebot.outbox.DeliveryHook;
import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.slack.Permalinks;
import com.cebot.supportticket.ContextCards;
import com.cebot.supportticket.TicketLink;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;

/**
 * Keeps where the request's card landed and tells the CE, or tells them Slack refused it for good;
 * when support already has the context for the ticket, says where in the card's thread. Runs in the
 * transaction that records the delivery, so each of these is queued exactly once.
 */
final class RequestCardHook implements DeliveryHook {

    private final Outbox outbox;
    private final Permalinks permalinks;
    private final String channel;
    private final ContextCards contextCards;
    private final BiConsumer<Handle, SupportTicketRequest> homeTouched;

    /** @param homeTouched tells Home the request's Homes show its card now */
    RequestCardHook(
            Outbox outbox,
            Permalinks permalinks,
            String channel,
            ContextCards contextCards,
            BiConsumer<Handle, SupportTicketRequest> homeTouched) {
        this.outbox = outbox;
        this.permalinks = permalinks;
        this.channel = channel;
        this.contextCards = contextCards;
        this.homeTouched = homeTouched;
    }

    @Override
    public void delivered(Handle h, String ref, Delivered card) {
        RequestRepository repo = h.attach(RequestRepository.class);
        repo.cardPosted(Long.parseLong(ref), card.channel(), card.ts());
        SupportTicketRequest r = repo.request(Long.parseLong(ref)).orElseThrow();
        homeTouched.accept(h, r);
        confirm(h, r, RequestNotices.posted(r, card.channel(), permalinks.message(card.channel(), card.ts())));
        contextCards
                .cardFor(h, TicketLink.ticketKeys(r.ticketLinks()))
                .map(context -> permalinks.message(context.channel(), context.ts()))
                .ifPresent(link -> outbox.enqueue(
                        h,
                        OutboxMessage.anchored(
                                "request:" + r.id() + ":context-note",
                                r.cardKey(),
                                new SlackWrite.ThreadReply(RequestNotices.contextShared(link), null))));
    }

    @Override
    public void failed(Handle h, String ref, String error) {
        SupportTicketRequest r =
                h.attach(RequestRepository.class).request(Long.parseLong(ref)).orElseThrow();
        // Its own key: if retry-failed gets the card through after all, the CE still hears where.
        outbox.enqueue(
                h,
                OutboxMessage.of(
                        "request:" + r.id() + ":refused:dm",
                        new SlackWrite.Post(r.submittedBy(), RequestNotices.refused(r, channel, error), null)));
    }

    private void confirm(Handle h, SupportTicketRequest r, String text) {
        outbox.enqueue(
                h,
                OutboxMessage.of("request:" + r.id() + ":posted:dm", new SlackWrite.Post(r.submittedBy(), text, null)));
    }
}
