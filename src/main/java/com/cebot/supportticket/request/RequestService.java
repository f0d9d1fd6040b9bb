package com.cebot.supportticket.request;

import com.cebot.customer.Customer;
import com.cebot.customer.Customers;
import com.cebot.db.Deliveries;
import com.cebot.home.HomeChanges;
import com.cebot.inbox.Inbox;
import com.cebot.inbox.SubmittedForms;
import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.slack.BlockJson;
import com.cebot.slack.Permalinks;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.ContextCards;
import com.cebot.supportticket.LinksJson;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores Support Ticket Requests and moves them through their lifecycle. Each unit of work is one
 * transaction that also queues its Slack writes, so a change and what it tells people cannot part.
 * Every transaction writes first (the delivery key), so SQLite serializes two concurrent moves
 * instead of failing the second; the status guard then lets only the first move of a status win.
 */
final class RequestService {

    static final String CARD_TOPIC = "request.card";
    static final String INBOX_KIND = "request";

    sealed interface Submitted {
        record Posted(long requestId) implements Submitted {}
    }

    sealed interface MoveResult {
        record Moved(SupportTicketRequest request) implements MoveResult {}

        /** A decline without a reason: ask for one. Nothing has changed. */
        record NeedsReason(SupportTicketRequest request) implements MoveResult {}

        /** The clicker may not move requests; they were told privately. */
        record NotAllowed() implements MoveResult {}

        /**
         * The clicker is in the head of support's group as last read, but Slack has not listed its
         * members for too long to trust that; they were told privately.
         */
        record Unconfirmed() implements MoveResult {}

        /** The request had moved on (a stale card, or a faster click); the clicker was told privately. */
        record AlreadyMoved(RequestStatus current) implements MoveResult {}

        record Invalid(String problem) implements MoveResult {}

        /** Slack delivered the same click or submission again; it was handled the first time. */
        record Repeat() implements MoveResult {}
    }

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Permalinks permalinks;
    private final Approvers approvers;
    private final String channel;
    private final String headOfSupportMention;
    private final RequestNudges nudges;
    private final HomeChanges home;
    private final Clock clock;

    RequestService(
            Jdbi jdbi,
            Outbox outbox,
            Permalinks permalinks,
            Approvers approvers,
            String channel,
            String headOfSupportMention,
            RequestNudges nudges,
            ContextCards contextCards,
            HomeChanges home,
            Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.permalinks = permalinks;
        this.approvers = approvers;
        this.channel = channel;
        this.headOfSupportMention = headOfSupportMention;
        this.nudges = nudges;
        this.home = home;
        this.clock = clock;
        outbox.register(CARD_TOPIC, new RequestCardHook(outbox, permalinks, channel, contextCards, this::touched));
    }

    /** The inbox's side of the form: accepted in one write before the ack, then {@link #submit}ted. */
    SubmittedForms<RequestDraft> forms(Inbox inbox) {
        return new SubmittedForms<>(
                inbox, INBOX_KIND, RequestDraft.class, this::submit, outbox, RequestNotices.unprocessed());
    }

    /**
     * Stores the request and queues its card, on the inbox's handle. The inbox hands each accepted
     * view over once, and its id is unique here too, so a repeated delivery never gets this far.
     */
    Submitted submit(Handle h, RequestDraft draft, String submissionKey, String userId) {
        Instant now = clock.instant();
        Customer customer = h.attach(Customers.class).resolve(draft.customer(), now);
        RequestRepository repo = h.attach(RequestRepository.class);
        String cardKey = "request-card:" + submissionKey;
        long id = repo.insert(
                submissionKey,
                customer.id(),
                userId,
                LinksJson.write(draft.links()),
                draft.ask(),
                draft.why(),
                draft.ifNot(),
                draft.timing().map(RequestDraft.Timing::date).orElse(null),
                draft.timing().map(RequestDraft.Timing::why).orElse(null),
                draft.anythingElse().orElse(null),
                cardKey,
                draft.source().map(SourceMessage::channel).orElse(null),
                draft.source().map(SourceMessage::ts).orElse(null),
                now);
        repo.insertEvent(id, RequestStatus.OPEN.db(), userId, null, now);
        SupportTicketRequest r = repo.request(id).orElseThrow();
        touched(h, r);
        nudges.schedule(h, r);
        outbox.enqueue(
                h,
                OutboxMessage.of(
                                cardKey,
                                new SlackWrite.Post(
                                        channel,
                                        RequestCard.text(r, headOfSupportMention),
                                        BlockJson.of(RequestCard.blocks(r, approvers.describe()))))
                        .onDelivery(CARD_TOPIC, Long.toString(id))
                        .forUser(userId));
        return new Submitted.Posted(id);
    }

    /**
     * Moves a request for {@code actor}. {@code deliveryKey} names what Slack delivered (a click's
     * action_ts and user, a view id): the same delivery twice is handled once. {@code reason} is
     * needed for a decline and ignored otherwise.
     */
    MoveResult move(long requestId, Move move, String actor, String reason, String deliveryKey) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            if (!h.attach(Deliveries.class).firstTime(deliveryKey, now)) {
                return new MoveResult.Repeat();
            }
            RequestRepository repo = h.attach(RequestRepository.class);
            Optional<SupportTicketRequest> found = repo.request(requestId);
            if (found.isEmpty()) {
                return new MoveResult.Invalid("no request " + requestId);
            }
            SupportTicketRequest r = found.get();
            Approvers.Verdict verdict = approvers.verdict(actor);
            if (verdict instanceof Approvers.Verdict.Unconfirmed unconfirmed) {
                tellPrivately(
                        h,
                        r,
                        actor,
                        deliveryKey,
                        RequestNotices.unconfirmed(
                                headOfSupportMention,
                                unconfirmed.readAt(),
                                approvers.confirmWithin(),
                                approvers.namedPeople()));
                return new MoveResult.Unconfirmed();
            }
            if (verdict instanceof Approvers.Verdict.NotAllowed) {
                tellPrivately(h, r, actor, deliveryKey, RequestNotices.notAllowed(approvers.describe()));
                return new MoveResult.NotAllowed();
            }
            if (!move.allowedFrom(r.status())) {
                tellPrivately(h, r, actor, deliveryKey, RequestNotices.alreadyMoved(r));
                return new MoveResult.AlreadyMoved(r.status());
            }
            String why = move == Move.DECLINE ? reason : null;
            if (move == Move.DECLINE && (why == null || why.isBlank())) {
                return new MoveResult.NeedsReason(r);
            }
            if (why != null && why.length() > RequestModal.DECLINE_REASON_MAX) {
                return new MoveResult.Invalid("reason longer than " + RequestModal.DECLINE_REASON_MAX);
            }
            RequestStatus target = move.target();
            if (repo.move(requestId, r.status().db(), target.db()) == 0) {
                SupportTicketRequest current = repo.request(requestId).orElseThrow();
                tellPrivately(h, current, actor, deliveryKey, RequestNotices.alreadyMoved(current));
                return new MoveResult.AlreadyMoved(current.status());
            }
            repo.insertEvent(requestId, target.db(), actor, why, now);
            SupportTicketRequest moved = repo.request(requestId).orElseThrow();
            touched(h, moved);
            announce(h, moved);
            return new MoveResult.Moved(moved);
        });
    }

    /** A request shows on the Home of whoever raised it, and of everyone who may decide it. */
    private void touched(Handle h, SupportTicketRequest r) {
        Set<String> people = new HashSet<>(approvers.deciders());
        people.add(r.submittedBy());
        home.touched(h, people);
    }

    /** Open requests nobody has acknowledged, for the nudge scheduler. */
    List<SupportTicketRequest> unacknowledged() {
        return jdbi.withExtension(RequestRepository.class, RequestRepository::unacknowledged);
    }

    /** Open or acknowledged requests needed by {@code until} or earlier, for the nudge scheduler. */
    List<SupportTicketRequest> neededBy(LocalDate until) {
        return jdbi.withExtension(RequestRepository.class, r -> r.neededBy(until));
    }

    /** Every request raised since then, for export. */
    List<SupportTicketRequest> since(Instant since) {
        return jdbi.withExtension(RequestRepository.class, r -> r.since(since));
    }

    /**
     * The card redrawn, a note in its thread and a DM to the CE. Keys name the request and the status
     * it reached, which it reaches once, so a repeat of this move enqueues nothing new.
     */
    private void announce(Handle h, SupportTicketRequest r) {
        String key = "request:" + r.id() + ":" + r.status().db();
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                                key + ":card",
                                r.cardKey(),
                                new SlackWrite.Update(
                                        RequestCard.text(r, headOfSupportMention),
                                        BlockJson.of(RequestCard.blocks(r, approvers.describe()))))
                        .forUser(r.statusBy()));
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                                key + ":note", r.cardKey(), new SlackWrite.ThreadReply(RequestCard.note(r), null))
                        .forUser(r.statusBy()));
        String permalink = r.cardLanded() ? permalinks.message(r.cardChannel(), r.cardTs()) : null;
        outbox.enqueue(
                h,
                OutboxMessage.of(
                        key + ":dm", new SlackWrite.Post(r.submittedBy(), RequestNotices.moved(r, permalink), null)));
    }

    private void tellPrivately(Handle h, SupportTicketRequest r, String user, String deliveryKey, String text) {
        outbox.enqueue(
                h,
                OutboxMessage.of(
                        "request:" + r.id() + ":refusal:" + deliveryKey,
                        new SlackWrite.Ephemeral(channel, user, text, null)));
    }
}
