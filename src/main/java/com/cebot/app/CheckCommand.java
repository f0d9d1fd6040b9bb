package com.cebot.app;

import com.cebot.config.Settings;
import com.cebot.db.Database;
import com.cebot.db.PrivateFiles;
import com.cebot.db.Store;
import com.cebot.feature.Configured;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.SlackClients;
import com.cebot.slack.WorkspaceLookup;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cebot check}: everything a start would verify, reported line by line, changing nothing:
 * it joins no channel and neither creates nor migrates the database. Exits 1 when the bot could not
 * start as configured.
 */
final class CheckCommand {

    private CheckCommand() {}

    static int run(Settings<Configured<?>> settings, Clock clock, PrintStream out) {
        List<String> problems = new ArrayList<>();
        out.println("✓ settings: " + settings.configPath().toAbsolutePath());
        var secrets = settings.secrets();
        database(secrets.store(), out, problems);

        Slack slack = SlackClients.create(secrets.slackApiUrl(), Duration.ofSeconds(10));
        try {
            MethodsClient methods = slack.methods(secrets.botToken());
            var auth = methods.authTest(r -> r);
            if (!auth.isOk()) {
                problems.add("SLACK_BOT_TOKEN refused by Slack: " + auth.getError());
            } else {
                out.println("✓ SLACK_BOT_TOKEN: bot @" + auth.getUser() + " (" + auth.getUserId() + ") in "
                        + auth.getTeam());
                var open = slack.methods().appsConnectionsOpen(r -> r.token(secrets.appToken()));
                if (open.isOk()) {
                    out.println("✓ SLACK_APP_TOKEN: Socket Mode connections can be opened");
                } else {
                    problems.add("SLACK_APP_TOKEN refused by Slack: " + open.getError());
                }
                WorkspaceLookup lookup = new WorkspaceLookup(methods, false);
                lookup.workspace(settings.config().channels(), auth.getUserId(), auth.getUrl());
                List<Configured<?>> checked = new ArrayList<>();
                for (Configured<?> feature : settings.features()) {
                    checked.add(feature.check(lookup));
                }
                lookup.ok().forEach(line -> out.println("✓ " + line));
                lookup.warnings().forEach(line -> out.println("! " + line));
                problems.addAll(lookup.problems());
                for (Configured<?> feature : checked) {
                    feature.preview(settings.config(), methods, clock).forEach(line -> out.println("~ " + line));
                }
            }
        } catch (Exception e) {
            problems.add("Slack Web API at " + secrets.slackApiUrl() + " cannot be used: " + SafeErrors.describe(e));
        } finally {
            close(slack);
        }
        problems.forEach(p -> out.println("✗ " + p));
        out.println(problems.isEmpty() ? "All good." : problems.size() + " problem(s) to fix.");
        return problems.isEmpty() ? Main.OK : Main.FAILED;
    }

    private static void close(Slack slack) {
        try {
            slack.close();
        } catch (Exception e) {
            // Its HTTP threads are daemons; nothing to tell the admin.
        }
    }

    private static void database(Store store, PrintStream out, List<String> problems) {
        Database.State state = Database.inspect(store);
        String kind = store.isPostgresql() ? "" : "SQLite ";
        if (state instanceof Database.State.Current c) {
            out.println("✓ database: " + kind + c.where() + " (schema version " + c.version() + ", up to date)");
            store.file().ifPresent(f -> PrivateFiles.exposed(f).forEach(w -> out.println("! database: " + w)));
        } else if (state instanceof Database.State.Behind b) {
            out.println("✓ database: " + kind + b.where() + " (schema version " + b.version() + "; the bot applies "
                    + b.pending() + " migration(s) at its next start)");
            store.file().ifPresent(f -> PrivateFiles.exposed(f).forEach(w -> out.println("! database: " + w)));
        } else if (state instanceof Database.State.Missing m) {
            if (m.problem().isEmpty()) {
                out.println("✓ database: " + kind + m.where()
                        + (store.isPostgresql()
                                ? " has none of the bot's tables yet; the bot creates them at start"
                                : " does not exist yet; the bot creates it at start"));
            } else {
                problems.add("CEBOT_DB_URL: " + m.where() + " does not exist and cannot be created ("
                        + m.problem().get() + ").");
            }
        } else {
            problems.add(((Database.State.Unusable) state).problem());
        }
    }
}
