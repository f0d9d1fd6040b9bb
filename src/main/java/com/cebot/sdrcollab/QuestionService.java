package com.cebot.sdrcollab;

import com.cebot.db.Deliveries;
import com.cebot.home.HomeChanges;
import com.cebot.ooo.Absences;
import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.slack.BlockJson;
import com.cebot.slack.Permalinks;
import com.cebot.slack.UserGroupMembers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Questions from the moment they are asked until they are answered: routing to one owner, the
 * buttons on the assignment reply, first responses. Each unit of work is one transaction that also
 * queues its Slack writes and plans its nudges, so a change and what it tells people cannot part.
 */
final class QuestionService {

    /** What came of a button press. Refusals and stale presses carry what to tell the presser. */
    sealed interface Pressed {
        record Done(Question question) implements Pressed {}

        record Refused(String why) implements Pressed {}

        record Stale(String why) implements Pressed {}

        record Repeat() implements Pressed {}

        record Missing() implements Pressed {}
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Permalinks permalinks;
    private final Absences absences;
    private final UserGroupMembers members;
    private final Set<String> rosterCes;
    private final Routing routing;
    private final Nudges nudges;
    private final OpenThreads threads;
    private final HomeChanges home;
    private final Clock clock;

    QuestionService(
            Jdbi jdbi,
            Outbox outbox,
            Permalinks permalinks,
            Absences absences,
            UserGroupMembers members,
            Set<String> rosterCes,
            Routing routing,
            Nudges nudges,
            OpenThreads threads,
            HomeChanges home,
            Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.permalinks = permalinks;
        this.absences = absences;
        this.members = members;
        this.rosterCes = Set.copyOf(rosterCes);
        this.routing = routing;
        this.nudges = nudges;
        this.threads = threads;
        this.home = home;
        this.clock = clock;
    }

    /** A CE for first responses: in the group, on the roster, or the escalation target. */
    boolean isCe(String user) {
        return members.contains(user)
                || rosterCes.contains(user)
                || routing.escalateUsers().contains(user);
    }

    /**
     * A tagged message in #ce, on the inbox's handle: the question is stored and routed, unless the
     * asker has asked as many as one may in a minute; then they are told privately and the message
     * stays a message.
     */
    void asked(Handle h, String channel, String ts, String asker, String text, Instant at) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        String key = "sdr-question:" + channel + ":" + ts;
        if (repo.byMessage(channel, ts).isEmpty() && repo.askedSince(asker, at.minus(MINUTE)) >= routing.perMinute()) {
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                            key + ":too-many",
                            new SlackWrite.Ephemeral(channel, asker, tooMany(routing.perMinute()), null)));
            h.afterCommit(() -> threads.remove(ts));
            return;
        }
        Optional<Long> id = repo.insert(
                channel,
                ts,
                asker,
                "message",
                key,
                key + ":reply",
                null,
                at,
                QuestionText.ofMessage(text, routing.groupId()));
        if (id.isEmpty()) {
            return;
        }
        outbox.knownMessage(h, key, channel, ts);
        Question q = repo.byId(id.get()).orElseThrow();
        nudges.planEscalation(h, q);
        route(h, q, null, clock.instant());
    }

    /** Whether the asker may ask another question now, for the shortcut's form to say so before it is sent. */
    boolean mayAsk(String asker) {
        return jdbi.withExtension(
                        QuestionRepository.class,
                        r -> r.askedSince(asker, clock.instant().minus(MINUTE)))
                < routing.perMinute();
    }

    static String tooMany(int perMinute) {
        return "I didn't pass this question to anyone: you've asked " + perMinute + " questions in the last minute,"
                + " the most I route in a minute. Wait a minute and ask again, or add to a question you asked, in its"
                + " thread.";
    }

    /** A question asked through the shortcut: stored now, posted in #ce, routed once the post lands. */
    long askedThroughShortcut(
            Handle h, String viewId, String asker, AskDraft draft, String text, String blocks, String postKey) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        long id = repo.insert(
                        routing.ceChannel(),
                        null,
                        asker,
                        "shortcut",
                        postKey,
                        postKey + ":reply",
                        draft.urgency().name(),
                        clock.instant(),
                        QuestionText.ofTyped(draft.question()))
                .orElseThrow(() -> new IllegalStateException("view " + viewId + " stored twice"));
        outbox.enqueue(
                h,
                OutboxMessage.of(postKey, new SlackWrite.Post(routing.ceChannel(), text, blocks))
                        .onDelivery(SdrListeners.ASKED_TOPIC, Long.toString(id))
                        .forUser(asker));
        home.touched(h, List.of(asker));
        return id;
    }

    /** The bot's post of a shortcut question landed: now it is a question like any other. */
    void posted(Handle h, long id, String ts) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        repo.posted(id, ts);
        Question q = repo.byId(id).orElseThrow();
        h.afterCommit(() -> threads.add(ts, q.asker()));
        nudges.planEscalation(h, q);
        route(h, q, null, clock.instant());
    }

    /**
     * Gives the question to the next eligible member, or says nobody is eligible. {@code passedOnBy}
     * is who passed it (null for the first routing and for a timeout note written by the caller).
     */
    void route(Handle h, Question q, String passedOnBy, Instant now) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        Map<String, Long> turns = repo.turns().stream()
                .collect(Collectors.toMap(QuestionRepository.Turn::userId, QuestionRepository.Turn::lastTurn));
        LocalDate today = now.atZone(routing.zone()).toLocalDate();
        Set<String> away = absences.awayOrLeavingWithin(h, members.members(), today, routing.leavingWithinDays());
        Set<String> atLoad = repo.load().stream()
                .filter(l -> l.open() >= routing.maxOpen())
                .map(QuestionRepository.Load::assignee)
                .collect(Collectors.toSet());
        Set<String> passed = new HashSet<>(repo.skipped(q.id()));
        Rotation.Pick pick = Rotation.next(members.members(), turns, away, atLoad, passed, q.asker());
        String link = link(q);
        pick.skipped().forEach((member, why) -> {
            repo.event(q.id(), "skipped:" + why.name().toLowerCase(), null, member, now);
            if (why == Rotation.Skip.AWAY) {
                absences.noteWhileAway(
                        h,
                        today,
                        now,
                        member,
                        "An SDR question in <#" + q.channel() + "> went to someone else while you were out: " + link);
            }
        });
        String previous = q.assignee();
        if (previous != null && !previous.equals(pick.assignee().orElse(null))) {
            absences.noteWhileAway(
                    h,
                    today,
                    now,
                    previous,
                    "An SDR question you held in <#" + q.channel() + "> was passed on while you were out: " + link);
        }
        if (pick.assignee().isPresent()) {
            String assignee = pick.assignee().get();
            repo.assign(q.id(), assignee, now);
            repo.took(assignee);
            repo.event(q.id(), "assigned", passedOnBy, assignee, now);
        } else {
            repo.unassign(q.id());
            repo.event(q.id(), "nobody-eligible", passedOnBy, null, now);
        }
        Question routed = repo.byId(q.id()).orElseThrow();
        touched(h, routed, previous);
        nudges.planAssignment(h, routed);
        boolean first = q.version() == 0;
        if (first) {
            outbox.enqueue(
                    h,
                    OutboxMessage.anchored(
                                    q.replyKey(),
                                    q.questionKey(),
                                    new SlackWrite.ThreadReply(
                                            AssignmentReply.text(routed, routing),
                                            BlockJson.of(AssignmentReply.blocks(routed, routing))))
                            .forUser(q.asker()));
        } else {
            redraw(h, routed);
        }
        if (routed.assignee() == null) {
            note(
                    h,
                    routed,
                    "nobody:" + routed.version(),
                    routing.escalate("nobody in the group can take this question now: can you find someone?"));
        } else if (!first) {
            note(
                    h,
                    routed,
                    "assigned:" + routed.assignment(),
                    (passedOnBy == null ? "" : "<@" + passedOnBy + "> passed this on. ") + "<@" + routed.assignee()
                            + ">, this question is yours now.");
        }
    }

    /**
     * A question shows on the Home of who asked it and of who holds it, and has left that of
     * {@code before}, who held it.
     */
    private void touched(Handle h, Question q, String before) {
        home.touched(h, Arrays.asList(q.asker(), q.assignee(), before));
    }

    /** Redraws the assignment reply from the stored question, under a key of its own per version. */
    void redraw(Handle h, Question q) {
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                        q.replyKey() + ":v" + q.version(),
                        q.replyKey(),
                        new SlackWrite.Update(
                                AssignmentReply.text(q, routing), BlockJson.of(AssignmentReply.blocks(q, routing)))));
    }

    /** A note in the question's thread. */
    void note(Handle h, Question q, String what, String text) {
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                        q.replyKey() + ":" + what, q.questionKey(), new SlackWrite.ThreadReply(text, null)));
    }

    String link(Question q) {
        return q.ts() == null ? "<#" + q.channel() + ">" : permalinks.message(q.channel(), q.ts());
    }

    /**
     * A reply in a question's thread, on the inbox's handle: the first by a CE who did not ask is the
     * first response, timed in working time from when the question was asked.
     */
    void replied(Handle h, String channel, String threadTs, String user, Instant at) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        Optional<Question> found = repo.byMessage(channel, threadTs);
        if (found.isEmpty()
                || !found.get().open()
                || found.get().responded()
                || user.equals(found.get().asker())
                || !(isCe(user) || user.equals(found.get().assignee()))) {
            return;
        }
        respond(h, found.get(), user, at);
        Question responded = repo.byId(found.get().id()).orElseThrow();
        touched(h, responded, null);
        redraw(h, responded);
    }

    private void respond(Handle h, Question q, String user, Instant at) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        long secs = nudges.workingSecondsSinceAsked(q, at);
        repo.firstResponse(q.id(), user, at, secs);
        repo.event(q.id(), "first-response", user, null, at);
        nudges.cancelAll(h, q);
        h.afterCommit(() -> threads.remove(q.ts()));
    }

    /**
     * A button on the assignment reply. {@code deliveryKey} names the click: the same click
     * delivered twice is handled once.
     */
    Pressed press(long id, Press press, String actor, String deliveryKey) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            if (!h.attach(Deliveries.class).firstTime(deliveryKey, now)) {
                return new Pressed.Repeat();
            }
            QuestionRepository repo = h.attach(QuestionRepository.class);
            Optional<Question> found = repo.byId(id);
            if (found.isEmpty()) {
                return new Pressed.Missing();
            }
            Question q = found.get();
            if (!q.open()) {
                return new Pressed.Stale("This question was already marked answered"
                        + (q.answeredBy() == null ? "" : " by <@" + q.answeredBy() + ">") + "; nothing changed.");
            }
            Optional<String> refusal =
                    Permissions.refusal(press, actor, q, members.contains(actor), routing.groupMention());
            if (refusal.isPresent()) {
                if (!members.contains(actor)) {
                    members.refreshSoon();
                }
                return new Pressed.Refused(refusal.get());
            }
            return switch (press) {
                case CLAIM -> claim(h, q, actor, now);
                case ANSWERED -> answered(h, q, actor, now);
                case PASS -> pass(h, q, actor, now);
                case ESCALATE -> escalate(h, q, actor, now);
            };
        });
    }

    private Pressed claim(Handle h, Question q, String actor, Instant now) {
        if (actor.equals(q.assignee())) {
            return new Pressed.Stale("This question is already yours.");
        }
        QuestionRepository repo = h.attach(QuestionRepository.class);
        nudges.cancelAssignment(h, q);
        repo.assign(q.id(), actor, now);
        repo.took(actor);
        repo.event(q.id(), "claimed", actor, actor, now);
        Question claimed = repo.byId(q.id()).orElseThrow();
        touched(h, claimed, q.assignee());
        nudges.planAssignment(h, claimed);
        redraw(h, claimed);
        return new Pressed.Done(claimed);
    }

    private Pressed answered(Handle h, Question q, String actor, Instant now) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        // Marked answered by a CE who had not replied in the thread (they answered in a call or a DM):
        // the SDR got an answer then, so it counts as the first response. The asker's own mark does not.
        if (!q.responded() && !actor.equals(q.asker())) {
            respond(h, q, actor, now);
        }
        repo.answered(q.id(), actor, now);
        repo.event(q.id(), "answered", actor, null, now);
        nudges.cancelAll(h, q);
        h.afterCommit(() -> threads.remove(q.ts()));
        Question answered = repo.byId(q.id()).orElseThrow();
        touched(h, answered, null);
        redraw(h, answered);
        return new Pressed.Done(answered);
    }

    private Pressed pass(Handle h, Question q, String actor, Instant now) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        repo.skip(q.id(), actor);
        if (q.assignee() != null) {
            repo.skip(q.id(), q.assignee());
        }
        repo.event(q.id(), "passed", actor, q.assignee(), now);
        nudges.cancelAssignment(h, q);
        route(h, q, actor, now);
        return new Pressed.Done(repo.byId(q.id()).orElseThrow());
    }

    private Pressed escalate(Handle h, Question q, String actor, Instant now) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        if (repo.escalated(q.id(), actor, now) == 0) {
            return new Pressed.Stale("This question was already escalated; nothing changed.");
        }
        repo.event(q.id(), "escalated", actor, null, now);
        Question escalated = repo.byId(q.id()).orElseThrow();
        note(
                h,
                escalated,
                "escalated",
                routing.escalate("<@" + actor + "> escalated this question: can you" + " help?"));
        redraw(h, escalated);
        return new Pressed.Done(escalated);
    }
}
