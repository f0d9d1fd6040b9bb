package com.cebot.ooo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Who is out of office, as the OOO protocol knows it, for other workflows (SDR routing skips people
 * who are away or about to be). Days are calendar dates in the team's time zone. The answers come
 * from the store, read on the caller's handle so they fit the caller's transaction; they hold across
 * a restart and for every process on the database, whether or not the OOO protocol has started here.
 */
public interface Absences {

    /** People out on {@code day}. */
    Set<String> awayOn(Handle handle, LocalDate day);

    /**
     * Of {@code people}, those out on {@code day} or whose time off starts within {@code days} days
     * after it: with {@code days} = 2 and {@code day} a Monday, someone leaving on Wednesday is
     * included. Only their time off is read, however many others are out.
     */
    Set<String> awayOrLeavingWithin(Handle handle, Collection<String> people, LocalDate day, int days);

    /**
     * Notes something the bot did for {@code user} while they were out (a question passed on to
     * someone else), in the caller's transaction; it is listed in the DM they get on their day
     * back. {@code what} is mrkdwn the caller has escaped. Ignored when {@code user} is not out on
     * {@code today}, the team's date at {@code now}.
     */
    void noteWhileAway(Handle handle, LocalDate today, Instant now, String user, String what);
}
