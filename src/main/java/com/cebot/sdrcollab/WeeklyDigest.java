package com.cebot.sdrcollab;

import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.schedule.Job;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WeeklyJob;
import com.cebot.slack.Permalinks;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The weekly digest in #ce-internal, at {@code digest_day} {@code digest_hour} in the team's zone,
 * for the seven days before: questions asked and answered, time to first response, per-CE counts,
 * and the questions still open with links. One job per week, keyed by its date, so it posts once;
 * a digest that fell due while the bot was down is posted on start, for the week it was due.
 */
final class WeeklyDigest {

    static final String KIND = "sdr.digest";
    /** Slack shows at most 50 blocks; a plain message keeps the list of open questions short instead. */
    private static final int OPEN_LISTED = 20;

    private final WeeklyJob week;
    private final Outbox outbox;
    private final Permalinks permalinks;
    private final String ceInternal;
    private final ZoneId zone;

    WeeklyDigest(
            Scheduler scheduler,
            Outbox outbox,
            Permalinks permalinks,
            String ceInternal,
            DayOfWeek day,
            int hour,
            ZoneId zone) {
        this.week = new WeeklyJob(scheduler, KIND, "sdr-digest", day, hour, zone);
        this.outbox = outbox;
        this.permalinks = permalinks;
        this.ceInternal = ceInternal;
        this.zone = zone;
    }

    void start(Handle h, Instant now) {
        week.start(h, now, this::post);
    }

    private void post(Handle h, Job job, Instant start, Instant end) {
        QuestionRepository repo = h.attach(QuestionRepository.class);
        DigestFigures figures = DigestFigures.of(repo.askedBetween(start, end), repo.open());
        outbox.enqueue(
                h,
                OutboxMessage.of(
                        job.key() + ":post",
                        new SlackWrite.Post(
                                ceInternal,
                                text(
                                        figures,
                                        start.atZone(zone).toLocalDate(),
                                        end.atZone(zone).toLocalDate()),
                                null)));
    }

    String text(DigestFigures f, LocalDate from, LocalDate to) {
        List<String> lines = new ArrayList<>();
        lines.add("*SDR questions, " + from + " to " + to + "*");
        lines.add("Asked: " + f.asked() + " · answered: " + f.answered());
        lines.add("Time to first response (working time): median "
                + f.medianSecs().map(AssignmentReply::workingTime).orElse("–") + " · 90th percentile "
                + f.p90Secs().map(AssignmentReply::workingTime).orElse("–"));
        if (!f.perCe().isEmpty()) {
            lines.add("Per CE (assigned / answered / first responses):");
            f.perCe()
                    .forEach((ce, c) -> lines.add(
                            "• <@" + ce + ">: " + c.assigned() + " / " + c.answered() + " / " + c.firstResponses()));
        }
        if (f.open().isEmpty()) {
            lines.add("No question is still open.");
        } else {
            lines.add("Still open: " + f.open().size());
            f.open().stream()
                    .limit(OPEN_LISTED)
                    .forEach(q -> lines.add(
                            "• " + (q.ts() == null ? "(not posted yet)" : permalinks.message(q.channel(), q.ts()))
                                    + (q.assignee() == null ? " (nobody holds it)" : " (<@" + q.assignee() + ">)")));
            if (f.open().size() > OPEN_LISTED) {
                lines.add("… and " + (f.open().size() - OPEN_LISTED) + " more");
            }
        }
        return String.join("\n", lines);
    }
}
