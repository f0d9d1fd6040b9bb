package com.cebot.supportticket.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(SupportTicketRequest.class)
interface RequestRepository {

    /** The request, its customer, the event that made its current status, and where its card landed. */
    String COLUMNS = """
            r.id, r.customer_id, cu.name AS customer_name, r.submitted_by, r.links, r.ask, r.why, r.if_not,
            r.needed_by, r.time_reason, r.anything_else, r.status,
            e.actor AS status_by, e.at AS status_at, e.reason AS status_reason,
            r.card_key, r.card_channel, r.card_ts, r.created_at
            FROM support_request r
            JOIN customer cu ON cu.id = r.customer_id
            LEFT JOIN request_event e ON e.request_id = r.id AND e.status = r.status
            """;

    @SqlQuery("""
            INSERT INTO support_request (submission_key, customer_id, submitted_by, links, ask, why, if_not,
                                         needed_by, time_reason, anything_else, card_key,
                                         source_channel, source_ts, created_at)
            VALUES (:submissionKey, :customerId, :submittedBy, :links, :ask, :why, :ifNot,
                    :neededBy, :timeReason, :anythingElse, :cardKey, :sourceChannel, :sourceTs, :now)
            RETURNING id
            """)
    long insert(
            String submissionKey,
            long customerId,
            String submittedBy,
            String links,
            String ask,
            String why,
            String ifNot,
            LocalDate neededBy,
            String timeReason,
            String anythingElse,
            String cardKey,
            String sourceChannel,
            String sourceTs,
            Instant now);

    @SqlUpdate("""
            INSERT INTO request_event (request_id, status, actor, reason, at)
            VALUES (:requestId, :status, :actor, :reason, :now)
            """)
    void insertEvent(long requestId, String status, String actor, String reason, Instant now);

    /** The card landed: where, as the outbox reported it. */
    @SqlUpdate("UPDATE support_request SET card_channel = :channel, card_ts = :ts WHERE id = :id")
    void cardPosted(long id, String channel, String ts);

    /** Only the first of two concurrent moves from one status wins: the second matches nothing. */
    @SqlUpdate("UPDATE support_request SET status = :to WHERE id = :id AND status = :expectedFrom")
    int move(long id, String expectedFrom, String to);

    @SqlQuery("SELECT " + COLUMNS + " WHERE r.id = :id")
    Optional<SupportTicketRequest> request(long id);

    /** Open requests nobody has acknowledged yet, oldest first: what the head of support is nudged about. */
    @SqlQuery("SELECT " + COLUMNS + " WHERE r.status = 'open' ORDER BY r.created_at, r.id")
    List<SupportTicketRequest> unacknowledged();

    /** Undecided requests needed by {@code until} or earlier, soonest first: nudged as the date nears. */
    @SqlQuery("SELECT " + COLUMNS + """
            WHERE r.status IN ('open', 'acknowledged') AND r.needed_by IS NOT NULL AND r.needed_by <= :until
            ORDER BY r.needed_by, r.id
            """)
    List<SupportTicketRequest> neededBy(LocalDate until);

    /** Oldest first, read from the index on when they were raised. */
    @SqlQuery("SELECT " + COLUMNS + " WHERE r.created_at >= :since ORDER BY r.created_at, r.id")
    List<SupportTicketRequest> since(Instant since);
}
