package com.cebot.app;

import com.cebot.config.ConfigException;
import com.cebot.config.ConfigLoader;
import com.cebot.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar cebot.jar [run|check|manifest|help]}. */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_SETTINGS = 2;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "run" : args[0];
        try {
            switch (command) {
                case "run":
                    return runBot(env, err);
                case "check":
                    return WorkspaceCheck.run(ConfigLoader.load(env), out);
                case "export":
                    return ExportCommand.run(Arrays.copyOfRange(args, 1, args.length), env, out, err);
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
            return FAILED;
        }
    }

    private static int runBot(Map<String, String> env, PrintStream err) throws StartupException {
        Settings settings = ConfigLoader.load(env);
        CeBot bot = CeBot.start(settings, Clock.systemUTC(), CeBot.Tuning.DEFAULT);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bot.close();
            stopped.countDown();
        }, "shutdown"));
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
                  check     validate the settings, migrate the database, test the tokens and
                            resolve the configured channels and user groups, then report
                  export --since YYYY-MM-DD [--kind context|request]
                            print Support Ticket submissions since that day as CSV
                  manifest  print the Slack app manifest (paste it at api.slack.com/apps)
                  help      show this text
                Environment: SLACK_BOT_TOKEN, SLACK_APP_TOKEN (required); SLACK_API_URL, CEBOT_CONFIG,
                CEBOT_DB_URL (optional). See README.md.
                """;
    }
}
