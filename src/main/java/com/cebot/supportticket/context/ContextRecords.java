package com.cebot.supportticket.context;

import com.cebot.feature.StoredRecords;
import com.cebot.feature.StoredRecords.Count;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Context cards and the contexts shared on them, forgotten per person and purged once finished. A
 * card is finished once someone took it (or Slack refused it for good) and nothing was added to it
 * for the retention period; a card nobody has taken is still open, and kept. Customer names are the
 * team's list of companies, not anyone's personal data: they stay.
 */
interface ContextRecords extends StoredRecords.Tables {

    String WORKFLOW = "Support Ticket Context: ";

    @SqlQuery("SELECT DISTINCT card_id FROM support_context WHERE submitted_by = :person")
    List<Long> cardsWithContextOf(String person);

    @SqlUpdate("DELETE FROM support_context WHERE submitted_by = :person")
    int deleteContextsOf(String person);

    /** Of these cards, those left without any context. */
    @SqlQuery("""
            SELECT c.id FROM context_card c
            WHERE c.id IN (<ids>) AND NOT EXISTS (SELECT 1 FROM support_context s WHERE s.card_id = c.id)
            """)
    List<Long> emptyCards(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("UPDATE context_card SET assignee = NULL, assigned_at = NULL WHERE assignee = :person")
    int releaseCardsOf(String person);

    /**
     * Cards taken or refused, to which nothing was added since {@code before}, and not taken since
     * either: the oldest first.
     */
    @SqlQuery("""
            SELECT c.id FROM context_card c
            WHERE (c.assignee IS NOT NULL OR c.state = 'refused')
              AND COALESCE(c.assigned_at, c.created_at) < :before
              AND NOT EXISTS (SELECT 1 FROM support_context s WHERE s.card_id = c.id AND s.created_at >= :before)
            ORDER BY c.id LIMIT :limit
            """)
    List<Long> finishedBefore(Instant before, int limit);

    @SqlUpdate("DELETE FROM support_context WHERE card_id IN (<ids>)")
    int deleteContextsOn(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("DELETE FROM ticket_card WHERE card_id IN (<ids>)")
    int deleteTicketsOf(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("DELETE FROM context_card WHERE id IN (<ids>)")
    int deleteCards(@BindList("ids") Collection<Long> ids);

    /** Cards still stored: their post is replied under (more context) and updated (taken). */
    @Override
    @SqlQuery("SELECT card_key FROM context_card WHERE card_key IN (<keys>)")
    Set<String> anchorsInUse(@BindList("keys") Collection<String> keys);

    /**
     * Their contexts go; a card left with none goes with its tickets (the next context for them makes
     * a new card); a card they took shows as not taken, so support can take it again.
     */
    @Override
    default List<Count> forget(String person) {
        List<Long> cards = cardsWithContextOf(person);
        int contexts = deleteContextsOf(person);
        List<Long> empty = cards.isEmpty() ? List.of() : emptyCards(cards);
        int removed = 0;
        if (!empty.isEmpty()) {
            deleteTicketsOf(empty);
            removed = deleteCards(empty);
        }
        return List.of(
                new Count(WORKFLOW + "contexts they shared", contexts),
                new Count(WORKFLOW + "cards that held only their context", removed),
                new Count(WORKFLOW + "cards they took, shown as not taken", releaseCardsOf(person)));
    }

    @Override
    default List<Count> purge(Instant before, int limit) {
        List<Long> cards = finishedBefore(before, limit);
        if (cards.isEmpty()) {
            return List.of();
        }
        int contexts = deleteContextsOn(cards);
        deleteTicketsOf(cards);
        return List.of(new Count(WORKFLOW + "cards", deleteCards(cards)), new Count(WORKFLOW + "contexts", contexts));
    }
}
