package com.cebot.supportticket.request;

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
 * Support Ticket Requests and their moves, forgotten per person and purged once finished. A request
 * is finished once declined or marked done, and older means its last move was before the cut-off;
 * an open, acknowledged or approved request still has buttons to press, and is kept.
 */
interface RequestRecords extends StoredRecords.Tables {

    String WORKFLOW = "Support Ticket Request: ";

    @SqlUpdate("""
            DELETE FROM request_event WHERE request_id IN (SELECT id FROM support_request WHERE submitted_by = :person)
            """)
    int deleteEventsOfRequestsBy(String person);

    @SqlUpdate("DELETE FROM support_request WHERE submitted_by = :person")
    int deleteRequestsBy(String person);

    /** Who moved others' requests: the status stays, the card and Home no longer say by whom. */
    @SqlUpdate("DELETE FROM request_event WHERE actor = :person")
    int deleteMovesBy(String person);

    @SqlQuery("""
            SELECT r.id FROM support_request r
            WHERE r.status IN ('declined', 'done')
              AND COALESCE((SELECT MAX(e.at) FROM request_event e WHERE e.request_id = r.id), r.created_at) < :before
            ORDER BY r.id LIMIT :limit
            """)
    List<Long> finishedBefore(Instant before, int limit);

    @SqlUpdate("DELETE FROM request_event WHERE request_id IN (<ids>)")
    int deleteEventsOf(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("DELETE FROM support_request WHERE id IN (<ids>)")
    int deleteRequests(@BindList("ids") Collection<Long> ids);

    /** Requests still stored: each move updates their card and notes it in its thread. */
    @Override
    @SqlQuery("SELECT card_key FROM support_request WHERE card_key IN (<keys>)")
    Set<String> anchorsInUse(@BindList("keys") Collection<String> keys);

    @Override
    default List<Count> forget(String person) {
        deleteEventsOfRequestsBy(person);
        return List.of(
                new Count(WORKFLOW + "requests they raised", deleteRequestsBy(person)),
                new Count(WORKFLOW + "moves they made on others' requests", deleteMovesBy(person)));
    }

    @Override
    default List<Count> purge(Instant before, int limit) {
        List<Long> ids = finishedBefore(before, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        int moves = deleteEventsOf(ids);
        return List.of(new Count(WORKFLOW + "requests", deleteRequests(ids)), new Count(WORKFLOW + "moves", moves));
    }
}
