package com.cebot.supportticket.context;

import com.cebot.customer.Customer;
import com.cebot.customer.Customers;
import com.cebot.db.Deliveries;
import com.cebot.home.HomeChanges;
import com.cebot.inbox.Inbox;
import com.cebot.inbox.SubmittedForms;
import com.cebot.outbox.DeliveryHook;
import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.slack.BlockJson;
import com.cebot.slack.Permalinks;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.TicketLink;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores a Support Ticket Context and queues its posts in one transaction: a new card, or a note in
 * the thread of the card that already holds the ticket. Claims are first-come, first-served, by
 * anyone or by the members of {@code support.takers}; the taker may release the ticket again.
 */
final class ContextService {

    static final String CARD_TOPIC = "context.card";
    static final String REPLY_TOPIC = "context.reply";
    static final String INBOX_KIND = "context";

    /** What a submission came to. */
    sealed interface Submitted {
        record NewCard(long contextId) implements Submitted {}

        record AddedToCard(long contextId, Optional<String> assignee) implements Submitted {}
    }

    sealed interface Claim {
        record Claimed() implements Claim {}

        record TakenBy(String assignee) implements Claim {}

        record AlreadyYours() implements Claim {}

        /** Not in the group that takes tickets ({@code support.takers}); told privately. */
        record NotATaker() implements Claim {}

        record NoSuchCard() implements Claim {}

        /** Slack delivered the same click again (two sockets, a retry); it was handled the first time. */
        record Repeat() implements Claim {}
    }

    sealed interface Release {
        record Released() implements Release {}

        /** Someone else has the ticket; the clicker was told privately. */
        record NotYours(String assignee) implements Release {}

        /** Nobody has it (released already, by a faster click); the clicker was told privately. */
        record NotTaken() implements Release {}

        record NoSuchCard() implements Release {}

        record Repeat() implements Release {}
    }

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Permalinks permalinks;
    private final String channel;
    private final Takers takers;
    private final HomeChanges home;
    private final Clock clock;
    /** Told where the card landed, or that it never will. */
    final DeliveryHook cardHook = new CardHook();

    ContextService(
            Jdbi jdbi,
            Outbox outbox,
            Permalinks permalinks,
            String channel,
            Takers takers,
            HomeChanges home,
            Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.permalinks = permalinks;
        this.channel = channel;
        this.takers = takers;
        this.home = home;
        this.clock = clock;
        outbox.register(CARD_TOPIC, cardHook);
        outbox.register(REPLY_TOPIC, new ReplyHook());
    }

    /** The inbox's side of the form: accepted in one write before the ack, then {@link #submit}ted. */
    SubmittedForms<ContextDraft> forms(Inbox inbox) {
        return new SubmittedForms<>(
                inbox, INBOX_KIND, ContextDraft.class, this::submit, outbox, ContextNotices.unprocessed());
    }

    /**
     * Stores the context and queues its posts, on the inbox's handle. The inbox hands each accepted
     * view over once, and its id is unique here too, so a repeated delivery never gets this far.
     */
    Submitted submit(Handle h, ContextDraft draft, String submissionKey, String userId) {
        Instant now = clock.instant();
        Customer customer = h.attach(Customers.class).resolve(draft.customer(), now);
        ContextRepository repo = h.attach(ContextRepository.class);
        List<String> tickets = TicketLink.ticketKeys(draft.links());
        // Plain links alone name no ticket: a new card, which nothing else will thread into.
        Optional<ContextCardRow> existing = tickets.isEmpty() ? Optional.empty() : repo.cardForTickets(tickets);
        long cardId = existing.map(ContextCardRow::id)
                .orElseGet(() -> repo.insertCard(customer.id(), "context-card:" + submissionKey, now));
        tickets.forEach(t -> repo.mapTicket(t, cardId));
        long contextId = repo.insertContext(
                submissionKey,
                cardId,
                customer.id(),
                userId,
                LinksJson.write(draft.links()),
                draft.background(),
                draft.source().map(SourceMessage::channel).orElse(null),
                draft.source().map(SourceMessage::ts).orElse(null),
                now);
        SupportContext context = repo.context(contextId).orElseThrow();
        home.touched(h, List.of(userId));
        if (existing.isEmpty()) {
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                                    "context-card:" + submissionKey,
                                    new SlackWrite.Post(
                                            channel,
                                            ContextCard.text(context, null),
                                            BlockJson.of(ContextCard.blocks(context, null, null, takers.mention()))))
                            .onDelivery(CARD_TOPIC, Long.toString(contextId))
                            .forUser(userId));
            return new Submitted.NewCard(contextId);
        }
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                                "context-reply:" + contextId,
                                existing.get().cardKey(),
                                new SlackWrite.ThreadReply(
                                        ContextCard.threadNoteText(context),
                                        BlockJson.of(ContextCard.threadNote(context))))
                        .onDelivery(REPLY_TOPIC, Long.toString(contextId))
                        .forUser(userId));
        return new Submitted.AddedToCard(
                contextId, Optional.ofNullable(existing.get().assignee()));
    }

    Claim claim(long cardId, String userId, String channelId, String actionTs) {
        return jdbi.inTransaction(h -> {
            // Without this, the second copy of one click would tell the clicker they already have
            // the ticket they just took.
            if (!h.attach(Deliveries.class).firstTime("action:" + actionTs + ":" + userId, clock.instant())) {
                return new Claim.Repeat();
            }
            ContextRepository repo = h.attach(ContextRepository.class);
            Optional<ContextCardRow> card = repo.card(cardId);
            if (card.isEmpty()) {
                return new Claim.NoSuchCard();
            }
            String refusalKey = "context-claim-refused:" + cardId + ":" + userId + ":" + actionTs;
            if (!takers.mayTake(userId)) {
                outbox.enqueue(
                        h,
                        OutboxMessage.of(
                                refusalKey,
                                new SlackWrite.Ephemeral(
                                        channelId, userId, ContextNotices.notATaker(takers.mention()), null)));
                return new Claim.NotATaker();
            }
            Instant now = clock.instant();
            if (repo.assign(cardId, userId, now) == 1) {
                touched(h, cardId, userId);
                int take = repo.card(cardId).orElseThrow().claims();
                redraw(
                        h,
                        card.get(),
                        userId,
                        now,
                        ":claimed:" + take,
                        ContextCard.claimedNote(),
                        ":claim-note:" + take,
                        userId);
                return new Claim.Claimed();
            }
            String assignee = repo.card(cardId).orElseThrow().assignee();
            String notice =
                    assignee.equals(userId) ? ContextNotices.alreadyYours() : ContextNotices.alreadyTaken(assignee);
            outbox.enqueue(h, OutboxMessage.of(refusalKey, new SlackWrite.Ephemeral(channelId, userId, notice, null)));
            return assignee.equals(userId) ? new Claim.AlreadyYours() : new Claim.TakenBy(assignee);
        });
    }

    /** The taker gives the ticket back: the card shows nobody has it, and anyone may take it again. */
    Release release(long cardId, String userId, String channelId, String actionTs) {
        return jdbi.inTransaction(h -> {
            if (!h.attach(Deliveries.class).firstTime("action:" + actionTs + ":" + userId, clock.instant())) {
                return new Release.Repeat();
            }
            ContextRepository repo = h.attach(ContextRepository.class);
            Optional<ContextCardRow> card = repo.card(cardId);
            if (card.isEmpty()) {
                return new Release.NoSuchCard();
            }
            if (repo.release(cardId, userId) == 1) {
                touched(h, cardId, userId);
                redraw(
                        h,
                        card.get(),
                        null,
                        null,
                        ":released:" + card.get().claims(),
                        ContextCard.releasedNote(),
                        ":release-note:" + card.get().claims(),
                        userId);
                return new Release.Released();
            }
            String assignee = card.get().assignee();
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                            "context-release-refused:" + cardId + ":" + userId + ":" + actionTs,
                            new SlackWrite.Ephemeral(
                                    channelId,
                                    userId,
                                    assignee == null
                                            ? ContextNotices.nobodyHasIt()
                                            : ContextNotices.notYoursToRelease(assignee),
                                    null)));
            return assignee == null ? new Release.NotTaken() : new Release.NotYours(assignee);
        });
    }

    /**
     * The card drawn again for who has it now, and a note in its thread; the keys name the take or
     * release, so each is posted once however often the card changes hands.
     */
    private void redraw(
            Handle h,
            ContextCardRow card,
            String assignee,
            Instant assignedAt,
            String cardSuffix,
            String note,
            String noteSuffix,
            String byUser) {
        SupportContext first =
                h.attach(ContextRepository.class).firstOfCard(card.id()).orElseThrow();
        String key = card.cardKey();
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                                key + cardSuffix,
                                key,
                                new SlackWrite.Update(
                                        ContextCard.text(first, assignee),
                                        BlockJson.of(
                                                ContextCard.blocks(first, assignee, assignedAt, takers.mention()))))
                        .forUser(byUser));
        outbox.enqueue(
                h,
                OutboxMessage.anchored(key + noteSuffix, key, new SlackWrite.ThreadReply(note, null))
                        .forUser(byUser));
    }

    /** A card shows on the Home of each person who gave context for it, and of {@code taker}'s. */
    private void touched(Handle h, long cardId, String taker) {
        List<String> people = new ArrayList<>(h.attach(ContextRepository.class).contributors(cardId));
        people.add(taker);
        home.touched(h, people);
    }

    List<SupportContext> since(Instant since) {
        return jdbi.withExtension(ContextRepository.class, r -> r.since(since));
    }

    private void confirm(Handle h, SupportContext c, String text) {
        outbox.enqueue(
                h, OutboxMessage.of("context-confirm:" + c.id(), new SlackWrite.Post(c.submittedBy(), text, null)));
    }

    /**
     * Under its own key, so that when an admin's {@code retry-failed} gets the post through after
     * all, the CE still hears where it landed.
     */
    private void tellRefused(Handle h, SupportContext c, String text) {
        outbox.enqueue(
                h, OutboxMessage.of("context-refused:" + c.id(), new SlackWrite.Post(c.submittedBy(), text, null)));
    }

    /** Keeps where the card landed, or that it never will, and tells the CE either way. */
    private final class CardHook implements DeliveryHook {
        @Override
        public void delivered(Handle h, String ref, Delivered card) {
            ContextRepository repo = h.attach(ContextRepository.class);
            SupportContext c = repo.context(Long.parseLong(ref)).orElseThrow();
            repo.posted(c.cardId(), card.channel(), card.ts());
            home.touched(h, repo.contributors(c.cardId()));
            confirm(h, c, ContextNotices.posted(c, card.channel(), permalinks.message(card.channel(), card.ts())));
        }

        @Override
        public void failed(Handle h, String ref, String error) {
            ContextRepository repo = h.attach(ContextRepository.class);
            SupportContext c = repo.context(Long.parseLong(ref)).orElseThrow();
            repo.refused(c.cardId());
            repo.releaseTickets(c.cardId());
            home.touched(h, repo.contributors(c.cardId()));
            tellRefused(h, c, ContextNotices.refused(c, channel, error));
        }
    }

    private final class ReplyHook implements DeliveryHook {
        @Override
        public void delivered(Handle h, String ref, Delivered reply) {
            ContextRepository repo = h.attach(ContextRepository.class);
            SupportContext c = repo.context(Long.parseLong(ref)).orElseThrow();
            ContextCardRow card = repo.card(c.cardId()).orElseThrow();
            confirm(
                    h,
                    c,
                    ContextNotices.addedToThread(
                            c, permalinks.reply(reply.channel(), reply.ts(), card.ts()), card.assignee()));
        }

        @Override
        public void failed(Handle h, String ref, String error) {
            SupportContext c = h.attach(ContextRepository.class)
                    .context(Long.parseLong(ref))
                    .orElseThrow();
            tellRefused(h, c, ContextNotices.refused(c, channel, error));
        }
    }
}
