package com.cebot.feature;

import com.cebot.config.BotConfig;
import com.cebot.config.Configurable;
import com.cebot.slack.WorkspaceLookup;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.util.List;

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

    /**
     * What the feature would change in the workspace if it started now (after {@link #check}), for
     * {@code check} and dry runs to print; it changes nothing.
     */
    default List<String> preview(BotConfig team, MethodsClient slack, Clock clock) {
        return List.of();
    }

    void start(Engine engine);
}
