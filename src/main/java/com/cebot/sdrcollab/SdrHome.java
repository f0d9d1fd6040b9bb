package com.cebot.sdrcollab;

import static com.cebot.home.HomeContribution.MOST_ITEMS;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.slack.Mrkdwn;
import com.cebot.slack.Permalinks;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * SDR routing's parts of a Home tab: the open questions waiting on a CE (under "Needs you", oldest
 * first), and the questions an SDR asked, while open and for a week after they were answered. Each
 * is named by what it asks. The buttons stay in the thread, where the question and its answers
 * are: Home links to it.
 */
final class SdrHome {

    private static final int RECENT_DAYS = 7;

    @RegisterConstructorMapper(Question.class)
    interface Queries {

        String HELD = "WHERE assignee = :userId AND status = 'open'\n";
        String ASKED = "WHERE asker = :userId AND (status = 'open' OR answered_at >= :since)\n";

        @SqlQuery("SELECT " + QuestionRepository.COLUMNS + HELD + """
                ORDER BY asked_at, id
                LIMIT :limit
                """)
        List<Question> held(String userId, int limit);

        @SqlQuery("SELECT COUNT(*) FROM sdr_question " + HELD)
        int heldCount(String userId);

        @SqlQuery("SELECT " + QuestionRepository.COLUMNS + ASKED + """
                ORDER BY asked_at DESC, id DESC
                LIMIT :limit
                """)
        List<Question> asked(String userId, Instant since, int limit);

        @SqlQuery("SELECT COUNT(*) FROM sdr_question " + ASKED)
        int askedCount(String userId, Instant since);
    }

    private final Permalinks permalinks;

    SdrHome(Permalinks permalinks) {
        this.permalinks = permalinks;
    }

    List<Part> parts(Handle handle, Person person) {
        Instant since = person.daysAgo(RECENT_DAYS);
        Queries q = handle.attach(Queries.class);
        String user = person.userId();
        return List.of(
                Part.needsYou(
                        "sdr_held",
                        "SDR questions waiting on you",
                        q.held(user, MOST_ITEMS).stream()
                                .map(x -> Item.of(asked(x) + "\nAsked by <@" + x.asker() + "> " + when(x) + " · "
                                        + link(x)
                                        + (x.responded() ? " · answered in the thread, not yet marked answered" : "")))
                                .toList(),
                        q.heldCount(user)),
                new Part(
                        "sdr_asked",
                        "Questions you asked the CE team",
                        q.asked(user, since, MOST_ITEMS).stream()
                                .map(x -> Item.of(asked(x) + "\nAsked " + when(x) + " · " + state(x) + " · " + link(x)))
                                .toList(),
                        q.askedCount(user, since)));
    }

    /** What the question asks, quoted; one asked before its words were kept is just "A question". */
    private static String asked(Question q) {
        return q.questionText() == null ? "*A question*" : "> " + q.questionText();
    }

    /** In the reader's zone, as Slack shows dates, like the cards; the fallback is UTC. */
    private static String when(Question q) {
        return "<!date^" + q.askedAt().getEpochSecond() + "^{date_short_pretty} at {time}|"
                + q.askedAt().toString().substring(0, 16).replace('T', ' ') + " UTC>";
    }

    private String link(Question q) {
        return q.ts() == null
                ? "not posted yet"
                : Mrkdwn.link(permalinks.message(q.channel(), q.ts()), "Open the thread");
    }

    private static String state(Question q) {
        if (!q.open()) {
            return "answered" + (q.answeredBy() == null ? "" : " by <@" + q.answeredBy() + ">");
        }
        return q.assignee() == null ? "waiting for someone free" : "with <@" + q.assignee() + ">";
    }
}
