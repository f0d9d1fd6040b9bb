package com.cebot.feature;

import com.cebot.config.Configurable;
import com.cebot.slack.WorkspaceLookup;

/**
 * A workflow of the bot (Support Ticket Context, Support Ticket Request, the OOO protocol, SDR
 * routing). The bot makes each feature once and takes it through three steps; everything else about
 * it stays inside its package.
 * <ol>
 *   <li>{@link #configure}: reads its own section of the settings when they are loaded;</li>
 *   <li>{@link #check}: looks up in the workspace what its settings name (people, user groups), for
 *       {@code check} and before a start; problems stop the start;</li>
 *   <li>{@link #start}: registers its listeners, jobs and delivery hooks with what the
 *       {@link Engine} offers.</li>
 * </ol>
 * A feature that needs to ask another one something does so through a small interface handed to it
 * when the bot wires the features, never through the other's tables.
 */
public interface Feature extends Configurable {

    default void check(WorkspaceLookup lookup) {}

    void start(Engine engine);
}
