package com.cebot.home;

import java.util.Collection;
import org.jdbi.v3.core.Handle;

/**
 * How a workflow tells Home that something it shows changed, in the transaction that stores the
 * change. Home then draws again the Homes of the people named, and nobody else's; a change every
 * Home shows reaches whoever opens Home next, and those who opened it in the last minutes soon after.
 */
public interface HomeChanges {

    /**
     * The Homes of {@code userIds} show what the caller is changing on {@code handle}: each is drawn
     * again once that commits, also after a restart if the bot stops first. Someone who never opened
     * Home is left alone (their Home is drawn when they do), and so is anyone named twice.
     */
    void touched(Handle handle, Collection<String> userIds);

    /** Something every Home shows (who is out this week) changes on {@code handle}. */
    void touchedEveryone(Handle handle);
}
