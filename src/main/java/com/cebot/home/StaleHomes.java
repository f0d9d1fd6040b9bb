package com.cebot.home;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * {@link HomeChanges} kept in the store: a change marks the Homes it concerns in its own
 * transaction, and once it commits the running Home tab is told to look. Made once per run and
 * handed to every workflow; until Home starts (and in a command that never starts it) the marks wait
 * in the store for the next start.
 */
public final class StaleHomes implements HomeChanges {

    /** What the running Home tab does when told. */
    interface Listener {
        /** Some Homes were marked: draw them. */
        void marked();

        /** Something every Home shows changed: draw the Homes of those using it now. */
        void everyone();
    }

    private final AtomicReference<Listener> listener = new AtomicReference<>();

    @Override
    public void touched(Handle handle, Collection<String> userIds) {
        Set<String> users = userIds.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        if (!users.isEmpty() && handle.attach(HomeUsers.class).mark(users) > 0) {
            afterCommit(handle, Listener::marked);
        }
    }

    @Override
    public void touchedEveryone(Handle handle) {
        afterCommit(handle, Listener::everyone);
    }

    void listen(Listener home) {
        if (!listener.compareAndSet(null, home)) {
            throw new IllegalStateException("Home was started twice");
        }
    }

    private void afterCommit(Handle handle, Consumer<Listener> tell) {
        Runnable told = () -> {
            Listener home = listener.get();
            if (home != null) {
                tell.accept(home);
            }
        };
        if (handle.isInTransaction()) {
            handle.afterCommit(told);
        } else {
            told.run();
        }
    }
}
