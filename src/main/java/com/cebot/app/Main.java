package com.cebot.app;

import com.cebot.config.ConfigException;
import com.cebot.config.ConfigLoader;
import com.cebot.config.Secrets;
import com.cebot.config.Settings;
import com.cebot.db.DatabaseException;
import com.cebot.feature.Configured;
import com.cebot.feature.Feature;
import com.cebot.feedback.FeedbackFeature;
import com.cebot.home.HomeFeature;
import com.cebot.home.StaleHomes;
import com.cebot.ooo.OooFeature;
import com.cebot.sdrcollab.SdrFeature;
import com.cebot.supportticket.context.ContextFeature;
import com.cebot.supportticket.request.RequestFeature;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar cebot.jar [run|check|status|retry-failed|sync-group|export|forget|backup|manifest|help]}. */
public final class Main {

    static final int OK = 0;
    /** The command ran and found something to fix (check, status) or could not finish (export). */
    static final int FAILED = 1;
    /** Bad settings, arguments or database: nothing was done; each line says what to fix. */
    static final int BAD_SETTINGS = 2;

    private Main() {}

    public static void main(String[] args) {
        // UTF-8 whatever the locale: with LANG unset, Java would print every ✓ and … as "?".
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, System.getenv(), out, err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * The workflows, each made once per run and started on the engine in this order. One asks
     * another through an interface handed over here: the request workflow asks the context workflow
     * where support already has a ticket's context, SDR routing asks the OOO protocol who is away
     * (both answered from the store, started or not), and the Home tab, started last, asks each
     * workflow for its parts of a person's Home (which each builds when it starts); each workflow
     * tells it, through {@link StaleHomes}, whose Home a change it stores concerns.
     */
    public static List<Feature<?>> features() {
        StaleHomes homeChanges = new StaleHomes();
        ContextFeature context = new ContextFeature(homeChanges);
        RequestFeature request = new RequestFeature(context, homeChanges);
        OooFeature ooo = new OooFeature(homeChanges);
        SdrFeature sdr = new SdrFeature(ooo.absences(), homeChanges);
        FeedbackFeature feedback = new FeedbackFeature(homeChanges);
        HomeFeature home = new HomeFeature(
                List.of(context.home(), request.home(), ooo.home(), sdr.home(), feedback.home()), homeChanges);
        return List.of(context, request, ooo, sdr, feedback, home);
    }

    /** The settings, read by a fresh set of {@link #features}: what {@code check} and a start begin from. */
    public static Settings<Configured<?>> settings(Map<String, String> env) {
        return ConfigLoader.load(
                env, features().stream().map(Configured::reading).toList());
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "run":
                    return runBot(env, err);
                case "check":
                    return CheckCommand.run(settings(env), Clock.systemUTC(), out);
                case "sync-group":
                    return SyncGroupCommand.run(rest, env, Clock.systemUTC(), out, err);
                case "status":
                    return StatusCommand.run(rest, env, Clock.systemUTC(), out, err);
                case "retry-failed":
                    return RetryFailedCommand.run(rest, env, Clock.systemUTC(), out, err);
                case "export":
                    return ExportCommand.run(rest, env, features(), out, err);
                case "forget":
                    return ForgetCommand.run(rest, env, features(), out, err);
                case "backup":
                    return BackupCommand.run(rest, env, out, err);
                case "manifest":
                    out.print(manifest());
                    return OK;
                case "help":
                case "--help":
                case "-h":
                    out.print(usage());
                    return OK;
                default:
                    err.println("Unknown command \"" + command + "\".");
                    err.print(usage());
                    return BAD_SETTINGS;
            }
        } catch (ConfigException e) {
            err.println("CE Bot cannot start; fix these settings:");
            e.problems().forEach(p -> err.println("  - " + p));
            return BAD_SETTINGS;
        } catch (StartupException e) {
            err.println("CE Bot cannot start:");
            e.problems().forEach(p -> err.println("  - " + p));
            return BAD_SETTINGS;
        } catch (DatabaseException e) {
            err.println(e.getMessage());
            return BAD_SETTINGS;
        }
    }

    private static int runBot(Map<String, String> env, PrintStream err) throws StartupException {
        CeBot.Tuning tuning = CeBot.Tuning.DEFAULT;
        // The Slack client and the store need only the environment: they are readied while the
        // settings file is read. Missing or malformed secrets are reported with the settings.
        Optional<Beginning> beginning = Secrets.fromEnvironment(env).map(s -> Beginning.of(s, tuning.slackTimeout()));
        Settings<Configured<?>> settings;
        try {
            settings = settings(env);
        } catch (ConfigException e) {
            beginning.ifPresent(Beginning::close);
            throw e;
        }
        CeBot bot = CeBot.start(settings, Clock.systemUTC(), tuning, beginning.orElseThrow());
        StopSignals.exitZeroOnStop();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            bot.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    static String manifest() {
        try (InputStream in = Main.class.getResourceAsStream("/manifest.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("The jar has no manifest.yaml; rebuild it with mvn package", e);
        }
    }

    static String usage() {
        return """
                Usage: java -jar target/cebot.jar [command]
                  run       start the bot (the default)
                  check     validate the settings and tokens, look up the configured channels and
                            user groups, and say whether the database exists and is up to date;
                            changes nothing (exit 1 if anything must be fixed)
                  status    queue depths, failed work and whom it was for, the next scheduled
                            jobs, and when each bot process last heard Slack's hello (exit 1 when
                            work has failed); reads the database only
                  retry-failed [--id N]
                            put failed work back in its queue (all of it, or row N and what
                            waited on it); a post whose fate was unknown is looked for first
                  sync-group --dry-run
                            print the change the roster asks of the SDR question group
                            (who would join, who would graduate); changes nothing
                  export --since YYYY-MM-DD [--kind context|request|feedback]
                            print Support Ticket submissions since that day (UTC) as CSV;
                            --kind feedback prints product feedback, in columns of its own
                  forget --user U012ABCDEF [--dry-run]
                            remove everything the person typed and everything naming them
                            from the database and its files, and print what changed;
                            --dry-run prints what would change and changes nothing
                  backup --to FILE
                            copy the SQLite database to a new file while the bot runs
                            (on PostgreSQL, use pg_dump)
                  manifest  print the Slack app manifest (paste it at api.slack.com/apps)
                  help      show this text
                Environment: SLACK_BOT_TOKEN, SLACK_APP_TOKEN (required for run and check);
                SLACK_API_URL, CEBOT_CONFIG, CEBOT_DB_URL, CEBOT_DB_USER, CEBOT_DB_PASSWORD
                (optional; paths are relative to the current folder). See README.md.
                """;
    }
}
