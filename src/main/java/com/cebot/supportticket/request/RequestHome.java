package com.cebot.supportticket.request;

import static com.cebot.home.HomeContribution.MOST_ITEMS;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.slack.Mrkdwn;
import com.cebot.slack.Permalinks;
import com.cebot.supportticket.TicketCard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The request workflow's parts of a Home tab: the person's own requests while undecided and for a
 * week after, and, for the head of support and delegates, under "Needs you", the requests waiting
 * on their decision, soonest needed first, with the deadline, the reason and the card's buttons.
 */
final class RequestHome {

    private static final int RECENT_DAYS = 7;
    private static final int ASK_SHOWN = 200;

    @RegisterConstructorMapper(SupportTicketRequest.class)
    interface Queries {

        String RAISED_BY = """
                WHERE r.submitted_by = :userId
                  AND (r.status IN ('open', 'acknowledged', 'approved') OR e.at >= :since)
                """;
        String UNDECIDED = "WHERE r.status IN ('open', 'acknowledged', 'approved')\n";

        @SqlQuery("SELECT " + RequestRepository.COLUMNS + RAISED_BY + """
                ORDER BY r.created_at DESC, r.id DESC
                LIMIT :limit
                """)
        List<SupportTicketRequest> raisedBy(String userId, Instant since, int limit);

        @SqlQuery("""
                SELECT COUNT(*) FROM support_request r
                LEFT JOIN request_event e ON e.request_id = r.id AND e.status = r.status
                """ + RAISED_BY)
        int raisedByCount(String userId, Instant since);

        /** Soonest needed first, then those waiting longest. */
        @SqlQuery("SELECT " + RequestRepository.COLUMNS + UNDECIDED + """
                ORDER BY r.needed_by IS NULL, r.needed_by, r.created_at, r.id
                LIMIT :limit
                """)
        List<SupportTicketRequest> undecided(int limit);

        @SqlQuery("SELECT COUNT(*) FROM support_request r " + UNDECIDED)
        int undecidedCount();
    }

    private final Permalinks permalinks;
    private final Approvers approvers;

    RequestHome(Permalinks permalinks, Approvers approvers) {
        this.permalinks = permalinks;
        this.approvers = approvers;
    }

    List<Part> parts(Handle handle, Person person) {
        Instant since = person.daysAgo(RECENT_DAYS);
        Queries q = handle.attach(Queries.class);
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(
                "request_mine",
                "Your Support Ticket Requests",
                q.raisedBy(person.userId(), since, MOST_ITEMS).stream()
                        .map(r -> Item.of(line(r)))
                        .toList(),
                q.raisedByCount(person.userId(), since)));
        if (approvers.isDecider(person.userId())) {
            parts.add(Part.needsYou(
                    "request_decide",
                    "Requests waiting on your decision",
                    q.undecided(MOST_ITEMS).stream()
                            .map(r -> new Item(decision(r), RequestCard.buttons(r)))
                            .toList(),
                    q.undecidedCount()));
        }
        return parts;
    }

    /** What a decider needs at a glance: the customer and the ask, the deadline, the reason, the state. */
    private String decision(SupportTicketRequest r) {
        Optional<String> timing =
                TicketCard.said(r.timeReason()).map(t -> Mrkdwn.truncate(Mrkdwn.escape(t), ASK_SHOWN));
        String deadline = r.neededBy() != null
                ? "*Needed by " + RequestCard.day(r.neededBy()) + "*"
                        + timing.map(t -> " (" + t + ")").orElse("")
                : timing.map(t -> "Timing: " + t).orElse("No date given");
        String card = r.cardLanded()
                ? " · " + Mrkdwn.link(permalinks.message(r.cardChannel(), r.cardTs()), "Open the card")
                : "";
        return "*" + Mrkdwn.escape(r.customerName()) + "*: " + Mrkdwn.truncate(Mrkdwn.escape(r.ask()), ASK_SHOWN)
                + "\n" + deadline + " · Why: " + Mrkdwn.truncate(Mrkdwn.escape(r.why()), ASK_SHOWN)
                + "\nRaised by <@" + r.submittedBy() + "> · " + RequestCard.status(r, true) + card;
    }

    private String line(SupportTicketRequest r) {
        String card = r.cardLanded()
                ? " · " + Mrkdwn.link(permalinks.message(r.cardChannel(), r.cardTs()), "Open the card")
                : "";
        return "*" + Mrkdwn.escape(r.customerName()) + "*: " + Mrkdwn.truncate(Mrkdwn.escape(r.ask()), ASK_SHOWN) + "\n"
                + RequestCard.status(r, true) + card;
    }
}
