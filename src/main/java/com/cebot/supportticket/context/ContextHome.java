package com.cebot.supportticket.context;

import static com.cebot.home.HomeContribution.MOST_ITEMS;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.slack.Mrkdwn;
import com.cebot.slack.Permalinks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The context workflow's parts of a Home tab: cards the person gave support context for, and cards
 * they took, while open and for a week after someone took them.
 */
final class ContextHome {

    private static final int RECENT_DAYS = 7;

    /** A card as Home lists it, with when the person last touched it. */
    record HomeCard(
            long id,
            String customerName,
            String assignee,
            Instant assignedAt,
            String channel,
            String ts,
            String state,
            Instant lastAt) {}

    @RegisterConstructorMapper(HomeCard.class)
    interface Queries {

        String COLUMNS = """
                c.id, cu.name AS customer_name, c.assignee, c.assigned_at, c.channel, c.ts, c.state
                """;

        @SqlQuery("SELECT " + COLUMNS + """
                , MAX(s.created_at) AS last_at
                FROM support_context s
                JOIN context_card c ON c.id = s.card_id
                JOIN customer cu ON cu.id = c.customer_id
                WHERE s.submitted_by = :userId AND (c.assignee IS NULL OR c.assigned_at >= :since)
                GROUP BY c.id, cu.name, c.assignee, c.assigned_at, c.channel, c.ts, c.state
                ORDER BY last_at DESC, c.id DESC
                LIMIT :limit
                """)
        List<HomeCard> shared(String userId, Instant since, int limit);

        @SqlQuery("""
                SELECT COUNT(DISTINCT c.id)
                FROM support_context s
                JOIN context_card c ON c.id = s.card_id
                WHERE s.submitted_by = :userId AND (c.assignee IS NULL OR c.assigned_at >= :since)
                """)
        int sharedCount(String userId, Instant since);

        @SqlQuery("SELECT " + COLUMNS + """
                , c.assigned_at AS last_at
                FROM context_card c
                JOIN customer cu ON cu.id = c.customer_id
                WHERE c.assignee = :userId AND c.assigned_at >= :since
                ORDER BY c.assigned_at DESC, c.id DESC
                LIMIT :limit
                """)
        List<HomeCard> taken(String userId, Instant since, int limit);

        @SqlQuery("SELECT COUNT(*) FROM context_card c WHERE c.assignee = :userId AND c.assigned_at >= :since")
        int takenCount(String userId, Instant since);
    }

    private final Permalinks permalinks;

    ContextHome(Permalinks permalinks) {
        this.permalinks = permalinks;
    }

    List<Part> parts(Handle handle, Person person) {
        Instant since = person.daysAgo(RECENT_DAYS);
        Queries q = handle.attach(Queries.class);
        List<Part> parts = new ArrayList<>();
        String user = person.userId();
        parts.add(new Part(
                "context_shared",
                "Context you gave support",
                q.shared(user, since, MOST_ITEMS).stream()
                        .map(c -> item(c, user))
                        .toList(),
                q.sharedCount(user, since)));
        parts.add(new Part(
                "context_taken",
                "Tickets you took",
                q.taken(user, since, MOST_ITEMS).stream()
                        .map(c -> item(c, user))
                        .toList(),
                q.takenCount(user, since)));
        return parts;
    }

    private Item item(HomeCard c, String userId) {
        String status;
        if ("refused".equals(c.state())) {
            status = "Slack refused this card; the CE Bot admins can see why with `status`";
        } else if (c.assignee() == null) {
            status = "waiting for someone in support to take it";
        } else {
            status = c.assignee().equals(userId) ? "taken by you" : "taken by <@" + c.assignee() + ">";
        }
        String card =
                c.ts() == null ? "" : " · " + Mrkdwn.link(permalinks.message(c.channel(), c.ts()), "Open the card");
        return Item.of("*" + Mrkdwn.escape(c.customerName()) + "* · " + status + card);
    }
}
