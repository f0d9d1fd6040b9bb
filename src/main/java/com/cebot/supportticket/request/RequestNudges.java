package com.cebot.supportticket.request;

import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.schedule.Job;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WorkingHours;
import com.cebot.slack.Permalinks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminds the head of support, in the card's thread with a mention (which works for a person and
 * for a user group alike): once when a request is still unacknowledged after the configured
 * working hours, and once on the working day before its needed-by date while it is undecided.
 * The jobs are durable rows; a reminder that fell due while the bot was down goes out on start
 * if the request still waits, and never twice.
 */
final class RequestNudges {

    private static final Logger log = LoggerFactory.getLogger(RequestNudges.class);

    static final String UNACKNOWLEDGED = "request.unacknowledged";
    static final String NEEDED_BY = "request.needed_by";

    private final Scheduler scheduler;
    private final WorkingHours hours;
    private final ZoneId zone;
    private final Duration ackAfter;
    private final Outbox outbox;
    private final Permalinks permalinks;
    private final String headOfSupportMention;

    RequestNudges(
            Scheduler scheduler,
            WorkingHours hours,
            ZoneId zone,
            int ackAfterWorkingHours,
            Outbox outbox,
            Permalinks permalinks,
            String headOfSupportMention) {
        this.scheduler = scheduler;
        this.hours = hours;
        this.zone = zone;
        this.ackAfter = Duration.ofHours(ackAfterWorkingHours);
        this.outbox = outbox;
        this.permalinks = permalinks;
        this.headOfSupportMention = headOfSupportMention;
        scheduler.register(UNACKNOWLEDGED, this::unacknowledged);
        scheduler.register(NEEDED_BY, this::neededBy);
    }

    /** Called in the transaction that stores the request. */
    void schedule(Handle handle, SupportTicketRequest r) {
        String ref = Long.toString(r.id());
        scheduler.schedule(
                handle,
                "request:" + r.id() + ":nudge-ack",
                UNACKNOWLEDGED,
                ref,
                hours.plusWorkingHours(r.createdAt(), ackAfter, zone));
        if (r.neededBy() != null) {
            Instant due = hours.startOfPreviousWorkingDay(r.neededBy(), zone);
            // Asked for at the last minute: the card itself already says how soon, no reminder on top.
            if (due.isAfter(r.createdAt())) {
                scheduler.schedule(handle, "request:" + r.id() + ":nudge-needed-by", NEEDED_BY, ref, due);
            }
        }
    }

    private void unacknowledged(Handle h, Job job, Instant now) {
        SupportTicketRequest r = request(h, job).orElse(null);
        if (r == null || r.status() != RequestStatus.OPEN) {
            return;
        }
        remind(h, r, "nudge-ack", RequestNotices.nudgeUnacknowledged(r, permalink(r)));
    }

    private void neededBy(Handle h, Job job, Instant now) {
        SupportTicketRequest r = request(h, job).orElse(null);
        if (r == null) {
            return;
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        boolean undecided = r.status() == RequestStatus.OPEN || r.status() == RequestStatus.ACKNOWLEDGED;
        // Down past the date itself: a reminder for a day already gone helps nobody.
        if (!undecided || today.isAfter(r.neededBy())) {
            return;
        }
        remind(h, r, "nudge-needed-by", RequestNotices.nudgeNeededBy(r, permalink(r), today));
    }

    private void remind(Handle h, SupportTicketRequest r, String what, String notice) {
        outbox.enqueue(
                h,
                OutboxMessage.anchored(
                        "request:" + r.id() + ":" + what,
                        r.cardKey(),
                        new SlackWrite.ThreadReply(headOfSupportMention + " " + notice, null)));
    }

    /** Empty once the request was forgotten or purged: its reminders drop themselves. */
    private static Optional<SupportTicketRequest> request(Handle h, Job job) {
        Optional<SupportTicketRequest> r = h.attach(RequestRepository.class).request(Long.parseLong(job.ref()));
        if (r.isEmpty()) {
            log.info("{} {} dropped: the request is no longer stored", job.kind(), job.ref());
        }
        return r;
    }

    /**
     * The reminder links to the card. A card Slack has not taken yet has no link: failing makes
     * the scheduler try again later, by when the outbox will usually have posted it.
     */
    private String permalink(SupportTicketRequest r) {
        if (!r.cardLanded()) {
            throw new IllegalStateException("request " + r.id() + ": card not posted yet; reminding later");
        }
        return permalinks.message(r.cardChannel(), r.cardTs());
    }
}
