package com.cebot.app;

import com.cebot.config.Secrets;
import com.cebot.db.Database;
import com.cebot.work.WorkReport;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code cebot retry-failed [--id N]}: puts work that failed for good back in its queue, all of it
 * or row N (with what waited on it). A running bot picks it up within seconds; a stopped one at its
 * next start. A write whose fate was unknown keeps that mark, so it is looked for before it is made
 * again: nothing is posted twice. Changes failed rows and nothing else.
 */
final class RetryFailedCommand {

    private RetryFailedCommand() {}

    static int run(String[] args, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
        CommandArgs parsed = CommandArgs.parse(args, List.of("--id"));
        if (parsed.problem().isPresent()) {
            err.println(parsed.problem().get());
            err.println("Usage: java -jar target/cebot.jar retry-failed [--id N] (N from status)");
            return Main.BAD_SETTINGS;
        }
        OptionalLong id = OptionalLong.empty();
        if (parsed.value("--id").isPresent()) {
            try {
                id = OptionalLong.of(Long.parseLong(parsed.value("--id").get().replace("#", "")));
            } catch (NumberFormatException e) {
                err.println("--id takes a row number from status, such as 42.");
                return Main.BAD_SETTINGS;
            }
        }
        WorkReport report = new WorkReport(Database.current(Secrets.store(env), true));
        WorkReport.Retried retried = report.retryFailed(id, clock.instant());
        if (retried instanceof WorkReport.Retried.Requeued r) {
            out.println(r.rows() + " failed row(s) put back in their queues.");
            return Main.OK;
        }
        if (retried instanceof WorkReport.Retried.NoSuchRow n) {
            err.println("There is no row #" + n.id() + "; status lists the failed ones.");
        } else {
            WorkReport.Retried.NotFailed n = (WorkReport.Retried.NotFailed) retried;
            err.println("Row #" + n.id() + " has not failed (it is " + n.status() + "); nothing changed.");
        }
        return Main.FAILED;
    }
}
