package com.cebot.ooo;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * How often one person's time off has messaged each person covering in the last day. Saving,
 * editing and cancelling each DM the people covering; someone editing again and again would flood
 * them, so past {@code perDay} DMs to one person in a day the bot stays quiet and tells the person
 * going out instead. The first-day DM is not counted: it comes once per period, whatever was edited.
 */
final class CovererDms {

    private static final Duration DAY = Duration.ofDays(1);

    interface Repository {
        @SqlQuery("""
                SELECT COUNT(*) FROM ooo_coverer_dm
                WHERE person = :person AND coverer = :coverer AND sent_at > :since
                """)
        int sentSince(String person, String coverer, Instant since);

        @SqlUpdate("INSERT INTO ooo_coverer_dm (person, coverer, sent_at) VALUES (:person, :coverer, :now)")
        void sent(String person, String coverer, Instant now);

        /** Rows older than a day count for nothing. */
        @SqlUpdate("DELETE FROM ooo_coverer_dm WHERE person = :person AND sent_at <= :before")
        void forget(String person, Instant before);
    }

    private final int perDay;

    CovererDms(int perDay) {
        this.perDay = perDay;
    }

    int perDay() {
        return perDay;
    }

    /**
     * Whether {@code person}'s time off may DM {@code coverer} now; if so, the DM is counted, in the
     * transaction that queues it.
     */
    boolean mayTell(Handle h, String person, String coverer, Instant now) {
        Repository repo = h.attach(Repository.class);
        repo.forget(person, now.minus(DAY));
        if (repo.sentSince(person, coverer, now.minus(DAY)) >= perDay) {
            return false;
        }
        repo.sent(person, coverer, now);
        return true;
    }
}
