package com.cebot.app;

import com.cebot.config.Settings;
import com.cebot.db.Database;
import com.cebot.slack.SlackClients;
import com.cebot.slack.WorkspaceSetup;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cebot check}: everything a start would verify, reported line by line, changing nothing in
 * Slack. Exits non-zero when the bot could not start as configured.
 */
final class WorkspaceCheck {

    private WorkspaceCheck() {}

    static int run(Settings settings, PrintStream out) {
        List<String> problems = new ArrayList<>();
        out.println("✓ settings: " + settings.configPath().toAbsolutePath());
        var secrets = settings.secrets();
        try {
            Database.open(secrets.databaseUrl());
            out.println("✓ database: " + secrets.databaseUrl() + " (migrations applied)");
        } catch (RuntimeException e) {
            problems.add("database " + secrets.databaseUrl() + ": " + e.getMessage());
        }

        Slack slack = SlackClients.create(secrets.slackApiUrl(), Duration.ofSeconds(10));
        MethodsClient methods = slack.methods(secrets.botToken());
        try {
            var auth = methods.authTest(r -> r);
            if (!auth.isOk()) {
                problems.add("SLACK_BOT_TOKEN refused by Slack: " + auth.getError());
            } else {
                out.println("✓ SLACK_BOT_TOKEN: bot @" + auth.getUser() + " (" + auth.getUserId() + ") in " + auth.getTeam());
                var open = slack.methods().appsConnectionsOpen(r -> r.token(secrets.appToken()));
                if (open.isOk()) {
                    out.println("✓ SLACK_APP_TOKEN: Socket Mode connections can be opened");
                } else {
                    problems.add("SLACK_APP_TOKEN refused by Slack: " + open.getError());
                }
                var report = new WorkspaceSetup(methods, settings.config()).resolve(auth.getUserId(), auth.getUrl(), false);
                report.ok().forEach(line -> out.println("✓ " + line));
                report.warnings().forEach(line -> out.println("! " + line));
                problems.addAll(report.problems());
            }
        } catch (Exception e) {
            problems.add("Slack Web API at " + secrets.slackApiUrl() + " cannot be used: " + e.getMessage());
        }
        problems.forEach(p -> out.println("✗ " + p));
        out.println(problems.isEmpty() ? "All good." : problems.size() + " problem(s) to fix.");
        return problems.isEmpty() ? Main.OK : Main.FAILED;
    }
}
