package com.cebot.feature;

import com.cebot.config.BotConfig;
import com.cebot.config.ConfigSection;
import com.cebot.slack.WorkspaceLookup;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.util.List;

/**
 * A workflow of the bot (Support Ticket Context, Support Ticket Request, the OOO protocol, SDR
 * routing, product feedback, Home). The bot makes each feature once per run, handing it what it asks
 * of other features, and takes it through these steps; everything else about it stays inside its
 * package.
 * <ol>
 *   <li>{@link #configure}: reads its own section of the settings into an immutable record;</li>
 *   <li>{@link #check}: looks up in the workspace what those settings name (people, user groups),
 *       for {@code check} and before a start, and returns the settings with what it found; problems
 *       stop the start;</li>
 *   <li>{@link #start}: builds the workflow from its settings, every object with final fields, and
 *       registers its listeners, jobs and delivery hooks with what the {@link Engine} offers.</li>
 * </ol>
 * A feature object keeps neither its settings nor the running bot: what other features and the
 * commands ask of it (its stored records, its export, where a ticket's card is, who is away) is
 * answered from the store on the caller's handle, so it holds before a start and in the commands
 * that never start the bot ({@code export}, {@code forget}). Only its part of Home is built at start;
 * until then it shows nothing. {@link Configured} keeps each feature with its settings between the
 * steps.
 *
 * @param <S> the feature's settings: an immutable record, read from the file and completed by the
 *            workspace lookup
 */
public interface Feature<S> {

    /** Reads the settings; mistakes are recorded with {@link ConfigSection#problem}, never thrown. */
    S configure(ConfigSection root);

    /** The settings with what the workspace made of them (a person's mention, a group's ID). */
    default S check(S settings, WorkspaceLookup lookup) {
        return settings;
    }

    /**
     * What the feature would change in the workspace if it started now (after {@link #check}), for
     * {@code check} and dry runs to print; it changes nothing.
     */
    default List<String> preview(S settings, BotConfig team, MethodsClient slack, Clock clock) {
        return List.of();
    }

    void start(S settings, Engine engine);

    /** What the workflow keeps in its own tables, for {@code forget} and the retention purge. */
    default StoredRecords records() {
        return StoredRecords.NONE;
    }
}
