package com.cebot.app;

import com.cebot.config.Secrets;
import com.cebot.db.Backup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code cebot backup --to FILE}: an online copy of the SQLite store, safe while the bot runs (see
 * {@link Backup}); needs no Slack token. On PostgreSQL it says to use {@code pg_dump}.
 */
final class BackupCommand {

    private static final String USAGE = "Usage: java -jar target/cebot.jar backup --to FILE";

    private BackupCommand() {}

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandArgs parsed = CommandArgs.parse(args, List.of("--to"));
        if (parsed.problem().isPresent() || parsed.value("--to").isEmpty()) {
            err.println(parsed.problem().orElse("backup needs --to, the new file to write the copy to."));
            err.println(USAGE);
            return Main.BAD_SETTINGS;
        }
        Backup.Outcome outcome =
                Backup.copy(Secrets.store(env), Path.of(parsed.value("--to").get()));
        if (outcome instanceof Backup.Outcome.Copied copied) {
            out.println("Backed up to " + copied.to() + " (" + copied.bytes() + " bytes, readable by its owner only).");
            return Main.OK;
        }
        Backup.Outcome.Refused refused = (Backup.Outcome.Refused) outcome;
        err.println(refused.why());
        return refused.badRequest() ? Main.BAD_SETTINGS : Main.FAILED;
    }
}
