package com.cebot.app;

import com.cebot.config.ConfigSection;
import com.cebot.config.Secrets;
import com.cebot.db.Database;
import com.cebot.db.Erasure;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.feature.StoredRecords.Count;
import com.cebot.logging.SafeErrors;
import com.cebot.retention.Forgetting;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.JdbiException;

/**
 * {@code cebot forget --user U… [--dry-run]}: removes from the database everything the person typed
 * and everything naming them, each workflow in its own tables, and rewrites the database's files so
 * the old bytes are gone too. Prints what it changed, by kind. With {@code --dry-run} it prints what
 * it would change and changes nothing. Needs no token; the database must exist and be current.
 */
final class ForgetCommand {

    private static final String USAGE = "Usage: java -jar target/cebot.jar forget --user U012ABCDEF [--dry-run]";

    private ForgetCommand() {}

    static int run(
            String[] args, Map<String, String> env, List<Feature<?>> features, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean dryRun = rest.remove("--dry-run");
        CommandArgs parsed = CommandArgs.parse(rest.toArray(String[]::new), List.of("--user"));
        if (rest.contains("--dry-run") || parsed.problem().isPresent()) {
            err.println(
                    rest.contains("--dry-run")
                            ? "--dry-run is given twice."
                            : parsed.problem().get());
            err.println(USAGE);
            return Main.BAD_SETTINGS;
        }
        String person = parsed.value("--user").orElse(null);
        if (person == null) {
            err.println("forget needs --user, the Slack user ID of the person to forget.");
            err.println(USAGE);
            return Main.BAD_SETTINGS;
        }
        if (!ConfigSection.isUserId(person)) {
            err.println("--user takes a Slack user ID such as U012ABCDEF (from their Slack profile: ⋮ → Copy member"
                    + " ID), not \"" + person + "\".");
            return Main.BAD_SETTINGS;
        }
        List<StoredRecords> workflows = features.stream().map(Feature::records).toList();
        Forgetting forgetting = new Forgetting(Database.current(Secrets.store(env), true), workflows);
        Forgetting.Result result;
        try {
            result = forgetting.forget(person, dryRun);
        } catch (JdbiException e) {
            err.println("Nothing was changed: the database could not be changed (" + SafeErrors.describe(e) + ")."
                    + " Another process may hold it for longer than 10 s, or the file may be read-only.");
            return Main.FAILED;
        }

        out.println(
                dryRun
                        ? "Dry run: nothing was changed. Forgetting " + person + " would change:"
                        : "Forgot " + person + ":");
        for (Count count : result.changed()) {
            out.printf("  %5d  %s%n", count.rows(), count.what());
        }
        if (!result.stillNamed().isEmpty()) {
            out.println((dryRun ? "Would still name " : "Still naming ") + person + ": "
                    + String.join(", ", result.stillNamed()));
        }
        if (result.wiped().isPresent()) {
            Erasure.Wiped wiped = result.wiped().get();
            if (wiped instanceof Erasure.Wiped.Done) {
                out.println("The database files were rewritten: the removed rows are gone from disk, and the"
                        + " write-ahead log is empty.");
            } else if (wiped instanceof Erasure.Wiped.TablesRewritten) {
                out.println("The database's tables were rewritten (VACUUM FULL): the removed rows are gone from"
                        + " them. PostgreSQL's write-ahead log, replicas and backups hold them until they age out.");
            } else if (wiped instanceof Erasure.Wiped.LogBusy) {
                out.println("The rows are removed and the file rewritten, but the write-ahead log could not be"
                        + " emptied while another process kept reading: it may still hold old copies. Stop the bot"
                        + " and run forget again.");
            } else {
                out.println("The rows are removed, but the file could not be rewritten ("
                        + ((Erasure.Wiped.Failed) wiped).why() + "): old copies may remain on disk. Run forget"
                        + " again once that is fixed.");
            }
        }
        out.println("Not reached from here: messages already in Slack, backups of the database, and the settings"
                + " file (roster, support.delegates).");
        boolean clean = result.stillNamed().isEmpty()
                && result.wiped()
                        .map(w -> w instanceof Erasure.Wiped.Done || w instanceof Erasure.Wiped.TablesRewritten)
                        .orElse(true);
        return clean ? Main.OK : Main.FAILED;
    }
}
