package com.cebot.feedback;

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
 * Product feedback, forgotten per person and purged once a gap is settled. A gap is the product
 * team's record of what customers need, as its title and category say, and stays, like customer
 * names; what a person shared about a customer goes. A submission is finished once its gap was
 * resolved or will not be done, and older means the gap's last change was before the cut-off; the
 * submissions of a gap still in the works are kept.
 */
interface FeedbackRecords extends StoredRecords.Tables {

    String WORKFLOW = "Product feedback: ";

    @SqlUpdate("DELETE FROM feedback_submission WHERE shared_by = :person")
    int deleteSharedBy(String person);

    /** The status stays; who set it, and the note they wrote, go. */
    @SqlUpdate("UPDATE feedback_gap_event SET actor = NULL, note = NULL WHERE actor = :person")
    int unnameActor(String person);

    @SqlQuery("""
            SELECT s.id FROM feedback_submission s JOIN feedback_gap g ON g.id = s.gap_id
            WHERE g.status IN ('resolved', 'wont_do')
              AND COALESCE((SELECT MAX(e.at) FROM feedback_gap_event e WHERE e.gap_id = g.id), g.created_at) < :before
            ORDER BY s.id LIMIT :limit
            """)
    List<Long> settledBefore(Instant before, int limit);

    @SqlUpdate("DELETE FROM feedback_submission WHERE id IN (<ids>)")
    int deleteSubmissions(@BindList("ids") Collection<Long> ids);

    /**
     * A gap's card shows the latest need shared, and each share is a reply in its thread, named or
     * not: the writes that carry what the person shared without naming them.
     */
    @Override
    @SqlQuery("""
            SELECT g.card_key FROM feedback_gap g WHERE g.id IN (SELECT gap_id FROM feedback_submission
                                                                 WHERE shared_by = :person)
            UNION SELECT 'feedback-share:' || share_key FROM feedback_submission WHERE shared_by = :person
            """)
    Set<String> writesWithWordsOf(String person);

    /** Gaps still stored: their card is updated and each share goes in its thread. */
    @Override
    @SqlQuery("SELECT card_key FROM feedback_gap WHERE card_key IN (<keys>)")
    Set<String> anchorsInUse(@BindList("keys") Collection<String> keys);

    @Override
    default List<Count> forget(String person) {
        return List.of(
                new Count(WORKFLOW + "customers' needs they shared", deleteSharedBy(person)),
                new Count(WORKFLOW + "changes they made to gaps, without their name and note", unnameActor(person)));
    }

    @Override
    default List<Count> purge(Instant before, int limit) {
        List<Long> ids = settledBefore(before, limit);
        return ids.isEmpty()
                ? List.of()
                : List.of(new Count(
                        WORKFLOW + "needs shared to gaps resolved or not to be" + " done", deleteSubmissions(ids)));
    }
}
