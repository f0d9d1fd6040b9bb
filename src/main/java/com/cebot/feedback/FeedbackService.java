package com.cebot.feedback;

import com.cebot.customer.CustomerChoice;
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
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores shared feedback and what the product team does to gaps. Each unit of work is one
 * transaction that also queues its Slack writes, keyed on what they are about (the form's view id,
 * the gap's version, the event's id), so a change and what it tells people cannot part, and a
 * restart or a repeated delivery never sends anything twice. Every change to a gap redraws its card
 * in place; a share adds a reply to the card's thread.
 */
final class FeedbackService {

    static final String INBOX_KIND = "feedback";
    static final String CARD_TOPIC = "feedback.card";
    static final String REPLY_TOPIC = "feedback.reply";
    /** Most gaps a merge follows to find where a gap's feedback now goes. */
    private static final int MERGE_HOPS = 20;

    /** What a share came to, for the log: ids only, never what was typed. */
    record Shared(long gapId, boolean newGap, int customers) {}

    /** What came of a press of the product team in a modal. */
    sealed interface Change {
        record Done(Gap gap) implements Change {}

        record NotAllowed(String whoMay) implements Change {}

        record Missing() implements Change {}

        /** The gap was merged into another; nothing more can change on it. */
        record Merged(long into) implements Change {}

        /** The status asked for is the gap's status already. */
        record Unchanged(GapStatus status) implements Change {}

        /** A merge into itself, or into a gap that was merged meanwhile. */
        record BadTarget(String why) implements Change {}

        /** Slack delivered the same submission again; it was handled the first time. */
        record Repeat() implements Change {}
    }

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Permalinks permalinks;
    private final ProductTeam team;
    private final String channel;
    private final HomeChanges home;
    private final Clock clock;

    FeedbackService(
            Jdbi jdbi,
            Outbox outbox,
            Permalinks permalinks,
            ProductTeam team,
            String channel,
            HomeChanges home,
            Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.permalinks = permalinks;
        this.team = team;
        this.channel = channel;
        this.home = home;
        this.clock = clock;
        outbox.register(CARD_TOPIC, new CardHook());
        outbox.register(REPLY_TOPIC, new ReplyHook());
    }

    /** The inbox's side of the form: accepted in one write before the ack, then {@link #submit}ted. */
    SubmittedForms<ShareDraft> forms(Inbox inbox) {
        return new SubmittedForms<>(
                inbox, INBOX_KIND, ShareDraft.class, this::submit, outbox, FeedbackNotices.unprocessed());
    }

    /** One read by key, before an ack: the form checks that a gap picked still takes feedback. */
    Optional<Gap> gap(long id) {
        return jdbi.withExtension(FeedbackRepository.class, r -> r.gap(id));
    }

    /**
     * Stores the submissions and queues the card (new, or redrawn) and the thread reply, on the
     * inbox's handle. A gap merged since the form was checked hands the feedback on to where it went.
     */
    Shared submit(Handle h, ShareDraft draft, String shareKey, String userId) {
        Instant now = clock.instant();
        FeedbackRepository repo = h.attach(FeedbackRepository.class);
        Customers customers = h.attach(Customers.class);
        Set<Long> customerIds = new LinkedHashSet<>();
        for (CustomerChoice choice : draft.customers()) {
            customerIds.add(customers.resolve(choice, now).id());
        }
        boolean created = draft.gap() instanceof ShareDraft.Target.Create;
        long gapId;
        if (draft.gap() instanceof ShareDraft.Target.Create create) {
            gapId = repo.insertGap(
                    create.title(),
                    GapSuggestions.key(create.title()),
                    create.category(),
                    "feedback-gap:" + shareKey,
                    now);
            repo.insertEvent(gapId, "created", GapStatus.OPEN.db(), null, null, null, null, now);
        } else {
            gapId = live(repo, ((ShareDraft.Target.Existing) draft.gap()).gapId());
        }
        for (long customerId : customerIds) {
            repo.insertSubmission(
                    shareKey,
                    gapId,
                    customerId,
                    userId,
                    draft.anonymous(),
                    draft.need(),
                    draft.severity().db(),
                    draft.blocks().orElse(null),
                    draft.workaround().orElse(null),
                    draft.link().orElse(null),
                    draft.source().map(SourceMessage::channel).orElse(null),
                    draft.source().map(SourceMessage::ts).orElse(null),
                    now);
        }
        int version = repo.bumpVersion(gapId);
        GapCard.View card = card(repo, gapId);
        Gap gap = card.gap();
        touched(h, List.of(userId));
        if (created) {
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                                    gap.cardKey(),
                                    new SlackWrite.Post(
                                            channel, GapCard.text(card), BlockJson.of(GapCard.blocks(card))))
                            .onDelivery(CARD_TOPIC, Long.toString(gapId)));
        } else {
            redraw(h, card, version);
        }
        List<Submission> share = repo.share(shareKey);
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                                replyKey(shareKey),
                                gap.cardKey(),
                                new SlackWrite.ThreadReply(
                                        FeedbackThread.replyText(share), BlockJson.of(FeedbackThread.reply(share))))
                        .onDelivery(REPLY_TOPIC, shareKey)
                        .forUser(userId));
        return new Shared(gapId, created, customerIds.size());
    }

    /** Sets a gap's status for {@code actor}; each person who shared to it hears once. */
    Change setStatus(long gapId, GapStatus status, String note, String actor, String deliveryKey) {
        return change(gapId, actor, deliveryKey, (h, repo, gap, now) -> {
            if (gap.status() == status) {
                return new Change.Unchanged(status);
            }
            if (repo.setStatus(gapId, gap.status().db(), status.db()) == 0) {
                return new Change.Unchanged(repo.gap(gapId).orElseThrow().status());
            }
            long event =
                    repo.insertEvent(gapId, "status", status.db(), gap.status().db(), note, null, actor, now);
            touched(h, repo.sharedBy(gapId));
            GapCard.View card = card(repo, gapId);
            redraw(h, card, repo.bumpVersion(gapId));
            String key = "feedback-gap:" + gapId + ":event:" + event;
            outbox.enqueue(
                    h,
                    OutboxMessage.anchored(
                                    key + ":note",
                                    gap.cardKey(),
                                    new SlackWrite.ThreadReply(
                                            FeedbackThread.statusNote(status, gap.status(), actor, note), null))
                            .forUser(actor));
            String link = permalink(card.gap());
            for (FeedbackRepository.Sharer sharer : repo.sharers(gapId)) {
                if (!sharer.userId().equals(actor)) {
                    outbox.enqueue(
                            h,
                            OutboxMessage.of(
                                    key + ":dm:" + sharer.userId(),
                                    new SlackWrite.Post(
                                            sharer.userId(),
                                            FeedbackNotices.statusChanged(
                                                    gap.title(), status, actor, note, sharer.customerNames(), link),
                                            null)));
                }
            }
            return new Change.Done(card.gap());
        });
    }

    /**
     * Moves a gap's submissions to another and leaves the card saying where they went. The people who
     * shared to it hear once, and from then on hear of the other gap's status.
     */
    Change merge(long gapId, long targetId, String note, String actor, String deliveryKey) {
        return change(gapId, actor, deliveryKey, (h, repo, gap, now) -> {
            Optional<Gap> target = repo.gap(targetId);
            if (targetId == gapId || target.isEmpty()) {
                return new Change.BadTarget(
                        targetId == gapId
                                ? "A gap cannot be merged into itself; pick another."
                                : "That gap is not on record. Search again.");
            }
            if (target.get().merged()) {
                return new Change.BadTarget("That gap was itself merged into another meanwhile; pick that one.");
            }
            List<FeedbackRepository.Sharer> sharers = repo.sharers(gapId);
            touched(h, repo.sharedBy(gapId));
            int moved = repo.moveSubmissions(gapId, targetId);
            repo.markMerged(gapId, targetId);
            long event = repo.insertEvent(gapId, "merged", gap.status().db(), null, note, targetId, actor, now);
            GapCard.View away = card(repo, gapId);
            GapCard.View into = card(repo, targetId);
            redraw(h, away, repo.bumpVersion(gapId));
            redraw(h, into, repo.bumpVersion(targetId));
            String key = "feedback-gap:" + gapId + ":event:" + event;
            String intoLink = permalink(into.gap());
            outbox.enqueue(
                    h,
                    OutboxMessage.anchored(
                                    key + ":note",
                                    gap.cardKey(),
                                    new SlackWrite.ThreadReply(
                                            FeedbackThread.mergedAway(into.gap().title(), intoLink, actor, moved, note),
                                            null))
                            .forUser(actor));
            outbox.enqueue(
                    h,
                    OutboxMessage.anchored(
                                    key + ":note-there",
                                    into.gap().cardKey(),
                                    new SlackWrite.ThreadReply(
                                            FeedbackThread.mergedIn(gap.title(), permalink(gap), actor, moved, note),
                                            null))
                            .forUser(actor));
            for (FeedbackRepository.Sharer sharer : sharers) {
                if (!sharer.userId().equals(actor)) {
                    outbox.enqueue(
                            h,
                            OutboxMessage.of(
                                    key + ":dm:" + sharer.userId(),
                                    new SlackWrite.Post(
                                            sharer.userId(),
                                            FeedbackNotices.merged(
                                                    gap.title(),
                                                    into.gap().title(),
                                                    into.gap().status(),
                                                    actor,
                                                    note,
                                                    intoLink),
                                            null)));
                }
            }
            return new Change.Done(away.gap());
        });
    }

    /** Sets (or, with an empty link, removes) the gap's Salesforce record; the card shows it. */
    Change setRecord(long gapId, String link, String actor, String deliveryKey) {
        return change(gapId, actor, deliveryKey, (h, repo, gap, now) -> {
            String value = link.isEmpty() ? null : link;
            repo.setRecordLink(gapId, value);
            repo.insertEvent(gapId, "record", null, null, value, null, actor, now);
            touched(h, List.of());
            GapCard.View card = card(repo, gapId);
            redraw(h, card, repo.bumpVersion(gapId));
            return new Change.Done(card.gap());
        });
    }

    /** A gap shows on the Home of those who shared to it ({@code sharers}), and the product team's while Open. */
    private void touched(Handle h, List<String> sharers) {
        Set<String> people = new HashSet<>(team.members());
        people.addAll(sharers);
        home.touched(h, people);
    }

    /** What every change checks first, in its transaction: a repeat, the gap, who acts, a merge. */
    private Change change(long gapId, String actor, String deliveryKey, Step step) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            // The first write: SQLite then serializes two concurrent changes instead of failing one.
            if (!h.attach(Deliveries.class).firstTime(deliveryKey, now)) {
                return new Change.Repeat();
            }
            FeedbackRepository repo = h.attach(FeedbackRepository.class);
            Optional<Gap> gap = repo.gap(gapId);
            if (gap.isEmpty()) {
                return new Change.Missing();
            }
            if (!team.mayAct(actor)) {
                return new Change.NotAllowed(team.describe());
            }
            if (gap.get().merged()) {
                return new Change.Merged(gap.get().mergedInto());
            }
            return step.apply(h, repo, gap.get(), now);
        });
    }

    @FunctionalInterface
    private interface Step {
        Change apply(Handle h, FeedbackRepository repo, Gap gap, Instant now);
    }

    /** The gap a share goes to: the one picked, or where a merge sent its feedback. */
    private static long live(FeedbackRepository repo, long gapId) {
        Gap gap = repo.gap(gapId).orElseThrow(() -> new IllegalStateException("No gap " + gapId));
        for (int hop = 0; gap.merged() && hop < MERGE_HOPS; hop++) {
            gap = repo.gap(gap.mergedInto()).orElseThrow();
        }
        return gap.id();
    }

    private GapCard.View card(FeedbackRepository repo, long gapId) {
        Gap gap = repo.gap(gapId).orElseThrow();
        Optional<GapCard.MergedInto> into = gap.merged()
                ? repo.gap(gap.mergedInto()).map(t -> new GapCard.MergedInto(t.title(), permalink(t)))
                : Optional.empty();
        return new GapCard.View(gap, repo.customerNames(gapId, GapCard.NAMES_READ), repo.latest(gapId), into);
    }

    /** The card redrawn in place; keyed on the gap's version, which every change moves on. */
    private void redraw(Handle h, GapCard.View card, int version) {
        Gap gap = card.gap();
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                        gap.cardKey() + ":v" + version,
                        gap.cardKey(),
                        new SlackWrite.Update(GapCard.text(card), BlockJson.of(GapCard.blocks(card)))));
    }

    private String permalink(Gap gap) {
        return gap.cardLanded() ? permalinks.message(gap.cardChannel(), gap.cardTs()) : null;
    }

    private static String replyKey(String shareKey) {
        return "feedback-share:" + shareKey;
    }

    /** Keeps where a gap's card landed. A card Slack refused leaves its reply refused too: that tells. */
    private final class CardHook implements DeliveryHook {
        @Override
        public void delivered(Handle h, String ref, Delivered card) {
            FeedbackRepository repo = h.attach(FeedbackRepository.class);
            repo.cardPosted(Long.parseLong(ref), card.channel(), card.ts());
            touched(h, repo.sharedBy(Long.parseLong(ref)));
        }
    }

    /**
     * Tells someone who shared without their name where it landed (a named person was mentioned in
     * the reply, which is their notification), and anyone whose share Slack refused for good.
     */
    private final class ReplyHook implements DeliveryHook {
        @Override
        public void delivered(Handle h, String ref, Delivered reply) {
            FeedbackRepository repo = h.attach(FeedbackRepository.class);
            List<Submission> share = repo.share(ref);
            if (share.isEmpty() || !share.get(0).anonymous()) {
                return;
            }
            Gap gap = repo.gap(share.get(0).gapId()).orElseThrow();
            String link = gap.cardTs() == null
                    ? permalinks.message(reply.channel(), reply.ts())
                    : permalinks.reply(reply.channel(), reply.ts(), gap.cardTs());
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                            replyKey(ref) + ":posted",
                            new SlackWrite.Post(
                                    share.get(0).sharedBy(),
                                    FeedbackNotices.postedWithoutName(gap.title(), reply.channel(), link),
                                    null)));
        }

        @Override
        public void failed(Handle h, String ref, String error) {
            List<Submission> share = h.attach(FeedbackRepository.class).share(ref);
            if (!share.isEmpty()) {
                outbox.enqueue(
                        h,
                        OutboxMessage.of(
                                replyKey(ref) + ":refused",
                                new SlackWrite.Post(
                                        share.get(0).sharedBy(), FeedbackNotices.refused(channel, error), null)));
            }
        }
    }
}
