package com.cebot.home;

import com.cebot.feature.Interactions;
import com.slack.api.model.block.element.BlockElement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * What a workflow shows on a person's Home tab, and how it is started from there. The Home tab
 * asks every workflow for its parts whenever it renders a person's Home: when they open it, and when
 * the workflow says, through {@link HomeChanges}, that a change concerns them.
 */
public interface HomeContribution {

    /** Buttons at the top of Home that open this workflow's modal, as its shortcut does. */
    default List<Start> starts() {
        return List.of();
    }

    /** This workflow's parts of {@code person}'s Home, read on {@code handle}; empty parts are left out. */
    default List<Part> parts(Handle handle, Person person) {
        return List.of();
    }

    /** The buttons given, and parts read by {@code parts}. */
    static HomeContribution of(List<Start> starts, BiFunction<Handle, Person, List<Part>> parts) {
        List<Start> buttons = List.copyOf(starts);
        return new HomeContribution() {
            @Override
            public List<Start> starts() {
                return buttons;
            }

            @Override
            public List<Part> parts(Handle handle, Person person) {
                return parts.apply(handle, person);
            }
        };
    }

    /** Whose Home is being drawn, and the team's date today. */
    record Person(String userId, LocalDate today) {

        /** Midnight (UTC) {@code days} days before today: items a part keeps showing after they closed. */
        public Instant daysAgo(int days) {
            return today.minusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    /**
     * A button that starts a workflow, labelled with what it does for whom. {@code open} is called
     * after the ack with the click's trigger id and who clicked; it opens the modal, as the
     * workflow's shortcut does. {@code offeredTo} says whose Home shows it.
     */
    record Start(String label, String actionId, Interactions.Opener open, Predicate<String> offeredTo) {

        /** Offered to everyone. */
        public Start(String label, String actionId, Interactions.Opener open) {
            this(label, actionId, open, user -> true);
        }
    }

    /**
     * Most items a part holds. Home and "Show all" each show at most 99 (a modal or tab holds 100
     * blocks, an item takes one or two), so a part reads its newest this many with {@code LIMIT}
     * and counts the rest apart: a person with thousands of items costs one page and a count.
     */
    int MOST_ITEMS = 100;

    /**
     * A titled list. {@code key} names it for "show all" (letters, digits and underscores);
     * {@code items} holds the first, at most {@link #MOST_ITEMS}, and {@code total} how many there
     * are in all: Home shows what fits and says how many more. The count is read apart from the
     * items (Home reads outside a transaction, which would hold the writers back), so it is taken as
     * never fewer than the items read. A part that {@code needsYou} lists what waits on the person
     * (a decision, a question to answer, someone to cover): Home shows it first, under "Needs you".
     */
    record Part(String key, String title, List<Item> items, int total, boolean needsYou) {

        public Part {
            items = List.copyOf(items);
            if (items.size() > MOST_ITEMS) {
                throw new IllegalArgumentException("part " + key + " read " + items.size() + " items, more than "
                        + MOST_ITEMS + ": LIMIT its query and count the rest");
            }
            total = Math.max(total, items.size());
        }

        /** A list of the person's own items, newest first. */
        public Part(String key, String title, List<Item> items, int total) {
            this(key, title, items, total, false);
        }

        /** What waits on the person, most pressing first. */
        public static Part needsYou(String key, String title, List<Item> items, int total) {
            return new Part(key, title, items, total, true);
        }
    }

    /** One line of a part: mrkdwn the workflow has escaped, and buttons (at most five). */
    record Item(String text, List<BlockElement> buttons) {

        public static Item of(String text) {
            return new Item(text, List.of());
        }
    }

    /**
     * A workflow's contribution as its start builds it, handed to Home when the features are wired:
     * until the workflow has started (and in a command that never starts the bot) it shows nothing.
     */
    final class WhenStarted implements HomeContribution {

        private final AtomicReference<HomeContribution> started = new AtomicReference<>();

        public void started(HomeContribution contribution) {
            if (!started.compareAndSet(null, contribution)) {
                throw new IllegalStateException("a workflow's Home part was built twice");
            }
        }

        @Override
        public List<Start> starts() {
            HomeContribution c = started.get();
            return c == null ? List.of() : c.starts();
        }

        @Override
        public List<Part> parts(Handle handle, Person person) {
            HomeContribution c = started.get();
            return c == null ? List.of() : c.parts(handle, person);
        }
    }
}
