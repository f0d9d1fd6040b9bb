package com.cebot.supportticket.context;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ContextCardRow.class)
@RegisterConstructorMapper(SupportContext.class)
interface ContextRepository {

    String CARD_COLUMNS = """
            c.id, c.customer_id, c.card_key, c.assignee, c.assigned_at, c.channel, c.ts, c.state, c.claims
            FROM context_card c
            """;

    @SqlQuery(
            "INSERT INTO context_card (customer_id, card_key, created_at) VALUES (:customerId, :cardKey, :now) RETURNING id")
    long insertCard(long customerId, String cardKey, Instant now);

    @SqlUpdate(
            "INSERT INTO ticket_card (ticket_key, card_id) VALUES (:ticketKey, :cardId) ON CONFLICT (ticket_key) DO NOTHING")
    void mapTicket(String ticketKey, long cardId);

    /** The oldest card that already holds any of these tickets. */
    @SqlQuery("SELECT " + CARD_COLUMNS + """
            WHERE c.id = (SELECT MIN(t.card_id) FROM ticket_card t WHERE t.ticket_key IN (<ticketKeys>))
            """)
    Optional<ContextCardRow> cardForTickets(@BindList("ticketKeys") List<String> ticketKeys);

    @SqlQuery("SELECT " + CARD_COLUMNS + " WHERE c.id = :id")
    Optional<ContextCardRow> card(long id);

    /** The card landed: where, as the outbox reported it. */
    @SqlUpdate("UPDATE context_card SET channel = :channel, ts = :ts, state = 'posted' WHERE id = :id")
    void posted(long id, String channel, String ts);

    /** Slack refused the card for good. */
    @SqlUpdate("UPDATE context_card SET state = 'refused' WHERE id = :id")
    void refused(long id);

    /** A refused card holds no ticket: the next context for them makes a new card. */
    @SqlUpdate("DELETE FROM ticket_card WHERE card_id = :cardId")
    void releaseTickets(long cardId);

    /** Only the first claim wins: the update matches nothing once someone holds the card. */
    @SqlUpdate("""
            UPDATE context_card SET assignee = :user, assigned_at = :now, claims = claims + 1
            WHERE id = :id AND assignee IS NULL
            """)
    int assign(long id, String user, Instant now);

    /** Only the taker releases, once: the update matches nothing otherwise. */
    @SqlUpdate("UPDATE context_card SET assignee = NULL, assigned_at = NULL WHERE id = :id AND assignee = :user")
    int release(long id, String user);

    @SqlQuery("""
            INSERT INTO support_context (submission_key, card_id, customer_id, submitted_by, links, background,
                                         source_channel, source_ts, created_at)
            VALUES (:submissionKey, :cardId, :customerId, :submittedBy, :links, :background,
                    :sourceChannel, :sourceTs, :now)
            RETURNING id
            """)
    long insertContext(
            String submissionKey,
            long cardId,
            long customerId,
            String submittedBy,
            String links,
            String background,
            String sourceChannel,
            String sourceTs,
            Instant now);

    String CONTEXT_COLUMNS = """
            s.id, s.card_id, s.customer_id, cu.name AS customer_name, s.submitted_by, s.links, s.background,
            s.created_at
            FROM support_context s JOIN customer cu ON cu.id = s.customer_id
            """;

    @SqlQuery("SELECT " + CONTEXT_COLUMNS + " WHERE s.id = :id")
    Optional<SupportContext> context(long id);

    /** The context that opened the card: the card shows it, the thread holds the rest. */
    @SqlQuery("SELECT " + CONTEXT_COLUMNS + " WHERE s.card_id = :cardId ORDER BY s.id LIMIT 1")
    Optional<SupportContext> firstOfCard(long cardId);

    /** Who gave context for the card: its Home part is theirs. */
    @SqlQuery("SELECT DISTINCT submitted_by FROM support_context WHERE card_id = :cardId")
    List<String> contributors(long cardId);

    /** Oldest first, read from the index on when they were shared. */
    @SqlQuery("SELECT " + CONTEXT_COLUMNS + " WHERE s.created_at >= :since ORDER BY s.created_at, s.id")
    List<SupportContext> since(Instant since);
}
