package com.cebot.feature;

import com.cebot.config.BotConfig;
import com.cebot.inbox.Inbox;
import com.cebot.outbox.Outbox;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WorkingHours;
import com.cebot.slack.ChannelMessages;
import com.cebot.slack.Permalinks;
import com.cebot.slack.UserGroupChanges;
import com.cebot.slack.Workspace;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * What the bot offers a feature when it starts.
 *
 * @param interactions registers the feature's listeners (shortcuts, forms, buttons, type-ahead),
 *                     each acking at once, and opens modals after the ack
 * @param store        the database
 * @param inbox        submissions stored in one write before the ack, processed right after
 * @param outbox       Slack writes, made after the change that causes them commits, exactly once
 * @param scheduler    jobs that fall due later
 * @param workspace    the team's channels, resolved
 * @param team         the team's shared settings (channels, working week, roster)
 * @param workingHours the team's working week, for reminders and nudges
 * @param slack        the Web API, for calls made after an ack (lookups, group members)
 * @param messages     new messages in the team's channels, for features that watch them
 * @param groupChanges user groups' member caches to read again when Slack says the group changed
 * @param permalinks   links to the bot's posts, built without asking Slack
 * @param onStop       takes what the feature opened (a thread, a cache) to close when the bot stops
 */
public record Engine(
        Interactions interactions,
        Jdbi store,
        Inbox inbox,
        Outbox outbox,
        Scheduler scheduler,
        Workspace workspace,
        BotConfig team,
        WorkingHours workingHours,
        Clock clock,
        MethodsClient slack,
        ChannelMessages messages,
        UserGroupChanges groupChanges,
        Permalinks permalinks,
        Consumer<AutoCloseable> onStop) {}
