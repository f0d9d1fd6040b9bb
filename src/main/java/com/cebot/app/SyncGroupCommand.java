package com.cebot.app;

import com.cebot.config.Settings;
import com.cebot.feature.Configured;
import com.cebot.logging.SafeErrors;
import com.cebot.sdrcollab.SdrFeature;
import com.cebot.slack.SlackClients;
import com.cebot.slack.WorkspaceLookup;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code cebot sync-group --dry-run}: the change the roster asks of the SDR question group today, as
 * the running bot would make it, printed and not made. Without {@code --dry-run} it refuses: the
 * group is changed by the running bot only (at start and every working day), which also tells
 * #ce-internal, so a change is never made without the team hearing of it.
 */
final class SyncGroupCommand {

    private SyncGroupCommand() {}

    static int run(String[] args, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
        if (args.length != 1 || !"--dry-run".equals(args[0])) {
            err.println("sync-group only previews: run it as `sync-group --dry-run`. The running bot makes the change"
                    + " itself, at start and every working day, and says so in #ce-internal.");
            return Main.BAD_SETTINGS;
        }
        Settings<Configured<?>> settings = Main.settings(env);
        Slack slack = SlackClients.create(settings.secrets().slackApiUrl(), Duration.ofSeconds(10));
        try {
            MethodsClient methods = slack.methods(settings.secrets().botToken());
            var auth = methods.authTest(r -> r);
            if (!auth.isOk()) {
                err.println("SLACK_BOT_TOKEN refused by Slack: " + auth.getError());
                return Main.FAILED;
            }
            WorkspaceLookup lookup = new WorkspaceLookup(methods, false);
            for (Configured<?> feature : settings.features()) {
                if (feature.feature() instanceof SdrFeature) {
                    feature.check(lookup)
                            .preview(settings.config(), methods, clock)
                            .forEach(out::println);
                }
            }
            lookup.problems().forEach(p -> err.println("✗ " + p));
            return lookup.problems().isEmpty() ? Main.OK : Main.FAILED;
        } catch (Exception e) {
            err.println("Slack Web API at " + settings.secrets().slackApiUrl() + " cannot be used: "
                    + SafeErrors.describe(e));
            return Main.FAILED;
        } finally {
            try {
                slack.close();
            } catch (Exception e) {
                // Its HTTP threads are daemons.
            }
        }
    }
}
