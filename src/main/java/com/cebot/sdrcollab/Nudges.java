package com.cebot.sdrcollab;

import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.schedule.Job;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WorkingHours;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chases a question nobody has responded to, on the durable scheduler: the assignee is DMed after
 * {@code nudge_after_minutes} of working time, the question passes to the next eligible member after
 * as long again, and a question without a response a working day after it was asked is escalated.
 * The first two are keyed per assignment, so a question that changes hands gets fresh ones; each
 * job checks when it runs (perhaps late, after a restart) that its question still waits.
 */
final class Nudges {

    private static final Logger log = LoggerFactory.getLogger(Nudges.class);

    static final String NUDGE = "sdr.nudge";
    static final String PASS_ON = "sdr.pass_on";
    static final String ESCALATE = "sdr.escalate";
    private static final Pattern ASSIGNMENT = Pattern.compile("sdr:q:\\d+:a(\\d+):.*");

    private final Scheduler scheduler;
    private final WorkingHours hours;
    private final Routing routing;
    private final Outbox outbox;
    private QuestionService questions;

    Nudges(Scheduler scheduler, WorkingHours hours, Routing routing, Outbox outbox) {
        this.scheduler = scheduler;
        this.hours = hours;
        this.routing = routing;
        this.outbox = outbox;
    }

    /** Registers the job handlers, which hand re-routing and notes to {@code questions}. */
    void start(QuestionService questions) {
        this.questions = questions;
        scheduler.register(NUDGE, this::nudge);
        scheduler.register(PASS_ON, this::passOn);
        scheduler.register(ESCALATE, this::escalate);
    }

    long workingSecondsSinceAsked(Question q, Instant at) {
        return hours.between(q.askedAt(), at, routing.zone()).getSeconds();
    }

    void planEscalation(Handle h, Question q) {
        scheduler.schedule(
                h,
                "sdr:q:" + q.id() + ":escalate",
                ESCALATE,
                ref(q),
                hours.plusWorkingHours(q.askedAt(), hours.workday(), routing.zone()));
    }

    /** After an assignment: the nudge and the pass-on for this one. */
    void planAssignment(Handle h, Question q) {
        if (q.assignee() == null || q.settled()) {
            return;
        }
        String prefix = "sdr:q:" + q.id() + ":a" + q.assignment() + ":";
        Instant nudge = hours.plusWorkingHours(q.assignedAt(), routing.nudgeAfter(), routing.zone());
        scheduler.schedule(h, prefix + "nudge", NUDGE, ref(q), nudge);
        scheduler.schedule(
                h,
                prefix + "pass-on",
                PASS_ON,
                ref(q),
                hours.plusWorkingHours(nudge, routing.nudgeAfter(), routing.zone()));
    }

    /** The question changes hands (claimed, passed): the nudges planned for this assignment go. */
    void cancelAssignment(Handle h, Question q) {
        scheduler.cancelAll(h, NUDGE, ref(q));
        scheduler.cancelAll(h, PASS_ON, ref(q));
    }

    /** Someone responded, or it was answered: nothing is chased any more. */
    void cancelAll(Handle h, Question q) {
        cancelAssignment(h, q);
        scheduler.cancelAll(h, ESCALATE, ref(q));
    }

    private void nudge(Handle h, Job job, Instant now) {
        Question q = question(h, job).orElse(null);
        if (q == null || !stillWaitingOn(q, job)) {
            return;
        }
        outbox.enqueue(
                h,
                OutboxMessage.of(
                        job.key() + ":dm",
                        new SlackWrite.Post(
                                q.assignee(),
                                "<@" + q.asker() + ">'s question in <#" + q.channel() + "> has waited "
                                        + AssignmentReply.workingTime(
                                                routing.nudgeAfter().getSeconds()) + " of working time for you: "
                                        + questions.link(q)
                                        + (q.questionText() == null ? "" : "\n> " + q.questionText())
                                        + "\nReply in its thread, or press *Pass to the next CE* there if you can't take it.",
                                null)));
    }

    private void passOn(Handle h, Job job, Instant now) {
        Question q = question(h, job).orElse(null);
        if (q == null || !stillWaitingOn(q, job)) {
            return;
        }
        QuestionRepository repo = h.attach(QuestionRepository.class);
        repo.skip(q.id(), q.assignee());
        repo.event(q.id(), "timed-out", null, q.assignee(), now);
        questions.note(
                h,
                q,
                "timed-out:" + q.assignment(),
                "No response from <@" + q.assignee() + "> after "
                        + AssignmentReply.workingTime(
                                routing.nudgeAfter().multipliedBy(2).getSeconds())
                        + " of working time: passing this question on.");
        questions.route(h, q, null, now);
    }

    private void escalate(Handle h, Job job, Instant now) {
        Question q = question(h, job).orElse(null);
        if (q == null || q.settled() || q.escalatedAt() != null) {
            return;
        }
        QuestionRepository repo = h.attach(QuestionRepository.class);
        repo.escalated(q.id(), null, now);
        repo.event(q.id(), "escalated", null, null, now);
        questions.note(
                h,
                q,
                "escalated",
                routing.escalate("this question has waited a working day" + " without a response: can you help?"));
        questions.redraw(h, repo.byId(q.id()).orElseThrow());
    }

    /** Open, nobody has responded, and still with the assignment the job was planned for. */
    private static boolean stillWaitingOn(Question q, Job job) {
        Matcher m = ASSIGNMENT.matcher(job.key());
        return !q.settled() && q.assignee() != null && m.matches() && Integer.parseInt(m.group(1)) == q.assignment();
    }

    /** Empty once the question was forgotten: its jobs drop themselves. */
    private static Optional<Question> question(Handle h, Job job) {
        Optional<Question> q = h.attach(QuestionRepository.class).byId(Long.parseLong(job.ref()));
        if (q.isEmpty()) {
            log.info("{} {} dropped: the question is no longer stored", job.kind(), job.ref());
        }
        return q;
    }

    private static String ref(Question q) {
        return Long.toString(q.id());
    }
}
