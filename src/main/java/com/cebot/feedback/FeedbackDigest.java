package com.cebot.feedback;

import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.schedule.Job;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WeeklyJob;
import com.cebot.slack.Mrkdwn;
import com.cebot.slack.Permalinks;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The weekly digest in #feedback at {@code feedback.digest_day} {@code digest_hour} in the team's
 * zone, for the seven days before: submissions and customers, the new gaps, the gaps most customers
 * want, and the week's status changes and merges. One job per week, keyed by its date, so it posts
 * once; a digest that fell due while the bot was down is posted on start, for the week it was due.
 */
final class FeedbackDigest {

    static final String KIND = "feedback.digest";
    /** Gaps the "most wanted" list reads; it shows as many as fit. */
    static final int MOST_WANTED = 10;
    /** Slack cuts a message's text past 4,000 characters; the digest stays well inside. */
    static final int TEXT_MAX = 3_900;

    private static final int TITLE_ROOM = 60;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    @RegisterConstructorMapper(Gap.class)
    @RegisterConstructorMapper(DigestFigures.Change.class)
    interface Queries {

        @SqlQuery("SELECT COUNT(*) FROM feedback_submission WHERE created_at >= :start AND created_at < :end")
        int submissions(Instant start, Instant end);

        @SqlQuery("""
                SELECT COUNT(DISTINCT customer_id) FROM feedback_submission
                WHERE created_at >= :start AND created_at < :end
                """)
        int customers(Instant start, Instant end);

        @SqlQuery(FeedbackRepository.GAP + """
                 WHERE g.created_at >= :start AND g.created_at < :end AND g.merged_into IS NULL
                GROUP BY g.id
                ORDER BY customers DESC, g.id
                """)
        List<Gap> created(Instant start, Instant end);

        @SqlQuery(FeedbackRepository.GAP + """
                 WHERE g.merged_into IS NULL AND g.status NOT IN ('resolved', 'wont_do')
                   AND EXISTS (SELECT 1 FROM feedback_submission s WHERE s.gap_id = g.id)
                GROUP BY g.id
                ORDER BY customers DESC, g.id
                LIMIT :limit
                """)
        List<Gap> mostWanted(int limit);

        @SqlQuery("""
                SELECT e.gap_id, g.title, g.card_channel, g.card_ts, e.action, e.status, e.previous,
                       t.title AS into_title, e.at
                FROM feedback_gap_event e
                JOIN feedback_gap g ON g.id = e.gap_id
                LEFT JOIN feedback_gap t ON t.id = e.other_gap
                WHERE e.action IN ('status', 'merged') AND e.at >= :start AND e.at < :end
                ORDER BY e.at, e.id
                """)
        List<DigestFigures.Change> changes(Instant start, Instant end);
    }

    private final WeeklyJob week;
    private final Outbox outbox;
    private final Permalinks permalinks;
    private final String channel;
    private final ZoneId zone;

    FeedbackDigest(
            Scheduler scheduler,
            Outbox outbox,
            Permalinks permalinks,
            String channel,
            DayOfWeek day,
            int hour,
            ZoneId zone) {
        this.week = new WeeklyJob(scheduler, KIND, "feedback-digest", day, hour, zone);
        this.outbox = outbox;
        this.permalinks = permalinks;
        this.channel = channel;
        this.zone = zone;
    }

    void start(Handle h, Instant now) {
        week.start(h, now, this::post);
    }

    private void post(Handle h, Job job, Instant start, Instant end) {
        outbox.enqueue(
                h,
                OutboxMessage.of(
                        job.key() + ":post",
                        new SlackWrite.Post(
                                channel,
                                text(
                                        figures(h, start, end),
                                        start.atZone(zone).toLocalDate(),
                                        end.atZone(zone).toLocalDate()),
                                null)));
    }

    static DigestFigures figures(Handle h, Instant start, Instant end) {
        Queries q = h.attach(Queries.class);
        return new DigestFigures(
                q.submissions(start, end),
                q.customers(start, end),
                q.created(start, end),
                q.mostWanted(MOST_WANTED),
                q.changes(start, end));
    }

    /** The digest's text, every list cut to what fits, saying how many more there were. */
    String text(DigestFigures f, LocalDate from, LocalDate to) {
        List<String> head = new ArrayList<>();
        head.add("*Product feedback, " + DAY.format(from) + " to " + DAY.format(to) + "*");
        head.add(
                "This week: " + FeedbackThread.submissions(f.submissions()) + " for " + GapCard.customers(f.customers())
                        + " · " + f.newGaps().size() + (f.newGaps().size() == 1 ? " new gap" : " new gaps") + " · "
                        + f.changes().size() + (f.changes().size() == 1 ? " change" : " changes") + " of status");
        List<Section> sections = List.of(
                new Section(
                        "*New gaps*",
                        "No new gaps this week.",
                        f.newGaps().stream()
                                .map(g -> "• "
                                        + link(g.title(), g.cardChannel(), g.cardTs()) + " · "
                                        + Mrkdwn.truncate(Mrkdwn.escape(g.category()), TITLE_ROOM) + " · "
                                        + GapCard.customers(g.customers()))
                                .toList()),
                new Section(
                        "*Most wanted* (gaps still open to work, by customers)",
                        "No gap is waiting.",
                        f.mostWanted().stream()
                                .map(g -> "• " + link(g.title(), g.cardChannel(), g.cardTs()) + " · "
                                        + g.status().label() + " · " + GapCard.customers(g.customers()))
                                .toList()),
                new Section(
                        "*Status changes*",
                        "No status changed this week.",
                        f.changes().stream().map(this::change).toList()));
        int room = TEXT_MAX - String.join("\n", head).length();
        List<String> lines = new ArrayList<>(head);
        for (int i = 0; i < sections.size(); i++) {
            int share = room / (sections.size() - i);
            List<String> drawn = sections.get(i).lines(share);
            room -= String.join("\n", drawn).length() + 1;
            lines.addAll(drawn);
        }
        return String.join("\n", lines);
    }

    private String change(DigestFigures.Change c) {
        String gap = link(c.title(), c.cardChannel(), c.cardTs());
        if (c.merge()) {
            return "• " + gap + " merged into *" + Mrkdwn.truncate(Mrkdwn.escape(c.intoTitle()), TITLE_ROOM) + "*";
        }
        return "• " + gap + ": " + (c.previous() == null ? "" : c.previous().label() + " → ")
                + c.status().label();
    }

    private String link(String title, String channelId, String ts) {
        String shown = Mrkdwn.truncate(title, TITLE_ROOM);
        return ts == null ? "*" + Mrkdwn.escape(shown) + "*" : Mrkdwn.link(permalinks.message(channelId, ts), shown);
    }

    /** A titled list drawn within some room: as many lines as fit, then how many more. */
    private record Section(String title, String none, List<String> items) {

        List<String> lines(int room) {
            List<String> out = new ArrayList<>();
            out.add(title);
            if (items.isEmpty()) {
                out.add(none);
                return out;
            }
            int used = title.length();
            for (int i = 0; i < items.size(); i++) {
                String next = items.get(i);
                int more = items.size() - i;
                String rest = "… and " + more + " more";
                boolean last = i == items.size() - 1;
                if (used + 1 + next.length() + (last ? 0 : rest.length() + 1) > room) {
                    out.add(rest);
                    return out;
                }
                out.add(next);
                used += 1 + next.length();
            }
            return out;
        }
    }
}
