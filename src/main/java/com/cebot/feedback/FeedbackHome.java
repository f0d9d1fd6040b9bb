package com.cebot.feedback;

import static com.cebot.home.HomeContribution.MOST_ITEMS;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.slack.Mrkdwn;
import com.cebot.slack.Permalinks;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Product feedback's parts of a Home tab: what the person shared, with where each gap stands; for
 * the product team, the gaps still Open, most customers first, with the card's buttons. Each part
 * reads a page of rows and counts the rest, however much the store holds.
 */
final class FeedbackHome {

    private static final int TITLE_ROOM = 300;

    /** One of a person's submissions and the gap it is on now (a merge moves it). */
    record Mine(
            long id,
            String customerName,
            Severity severity,
            boolean anonymous,
            long gapId,
            String title,
            GapStatus status,
            String cardChannel,
            String cardTs) {}

    @RegisterConstructorMapper(Mine.class)
    @RegisterConstructorMapper(Gap.class)
    interface Queries {

        @SqlQuery("""
                SELECT s.id, c.name AS customer_name, s.severity, s.anonymous, g.id AS gap_id, g.title, g.status,
                       g.card_channel, g.card_ts
                FROM feedback_submission s
                JOIN customer c ON c.id = s.customer_id
                JOIN feedback_gap g ON g.id = s.gap_id
                WHERE s.shared_by = :userId
                ORDER BY s.created_at DESC, s.id DESC
                LIMIT :limit
                """)
        List<Mine> mine(String userId, int limit);

        @SqlQuery("SELECT COUNT(*) FROM feedback_submission WHERE shared_by = :userId")
        int countMine(String userId);

        @SqlQuery(FeedbackRepository.GAP + """
                 WHERE g.merged_into IS NULL AND g.status = 'open'
                GROUP BY g.id
                ORDER BY customers DESC, g.created_at, g.id
                LIMIT :limit
                """)
        List<Gap> open(int limit);

        @SqlQuery("SELECT COUNT(*) FROM feedback_gap WHERE merged_into IS NULL AND status = 'open'")
        int countOpen();
    }

    private final Permalinks permalinks;
    private final ProductTeam team;

    FeedbackHome(Permalinks permalinks, ProductTeam team) {
        this.permalinks = permalinks;
        this.team = team;
    }

    List<Part> parts(Handle handle, Person person) {
        Queries q = handle.attach(Queries.class);
        String user = person.userId();
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(
                "feedback_mine",
                "Your product feedback",
                q.mine(user, MOST_ITEMS).stream().map(m -> Item.of(line(m))).toList(),
                q.countMine(user)));
        if (team.isMember(user)) {
            parts.add(new Part(
                    "feedback_open",
                    "Product gaps still Open",
                    q.open(MOST_ITEMS).stream()
                            .map(g -> new Item(line(g), GapCard.teamButtons(g)))
                            .toList(),
                    q.countOpen()));
        }
        return parts;
    }

    private String line(Mine m) {
        return title(m.title(), m.cardChannel(), m.cardTs()) + " · "
                + m.status().label() + "\n"
                + Mrkdwn.escape(m.customerName()) + " · " + m.severity().label()
                + (m.anonymous() ? " · shared without your name" : "");
    }

    private String line(Gap g) {
        return title(g.title(), g.cardChannel(), g.cardTs()) + " · " + GapCard.customers(g.customers()) + "\n"
                + GapCard.severityMix(g) + " · " + Mrkdwn.escape(g.category());
    }

    private String title(String title, String cardChannel, String cardTs) {
        String shown = "*" + Mrkdwn.truncate(Mrkdwn.escape(title), TITLE_ROOM) + "*";
        return cardTs == null
                ? shown
                : shown + " (" + Mrkdwn.link(permalinks.message(cardChannel, cardTs), "open the card") + ")";
    }
}
