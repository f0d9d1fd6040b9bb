package com.cebot.app;

import com.cebot.config.Secrets;
import com.cebot.db.Database;
import com.cebot.feature.StoredRecords.Count;
import com.cebot.retention.PurgeRuns;
import com.cebot.work.Processes;
import com.cebot.work.WorkReport;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code cebot status}: what the durable work looks like, for an operator: queue depths, work that
 * failed for good (with its error and whom it was for), the next scheduled jobs, every running bot
 * process on any host (with when Slack last said hello to it and when it was last heard from), the
 * last few that stopped, and what the last retention purge removed. Opens the database read-only.
 */
final class StatusCommand {

    private static final int FAILED_SHOWN = 20;
    private static final int JOBS_SHOWN = 10;
    private static final int STOPPED_SHOWN = 5;
    /** Four missed heartbeats: killed, frozen, or cut off from the store. */
    private static final Duration SILENT = CeBot.HEARTBEAT.multipliedBy(4);

    private StatusCommand() {}

    static int run(String[] args, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            err.println("status takes no arguments (it has \"" + args[0] + "\").");
            return Main.BAD_SETTINGS;
        }
        Jdbi jdbi = Database.current(Secrets.store(env), false);
        Instant now = clock.instant();
        WorkReport report = new WorkReport(jdbi);

        out.println("Bot processes (running, then the last stopped; newest first):");
        List<Processes.Process> processes = Processes.listed(jdbi, STOPPED_SHOWN);
        if (processes.isEmpty()) {
            out.println("  none has run on this database");
        }
        for (Processes.Process p : processes) {
            out.printf(
                    "  %s  host %s, pid %d, %s, started %s, last hello from Slack %s, heard from %s%n",
                    p.owner(),
                    p.host(),
                    p.pid(),
                    state(p, now),
                    ago(p.startedAt(), now),
                    p.lastHelloAt() == null ? "never" : ago(p.lastHelloAt(), now),
                    ago(p.heardFrom(), now));
        }

        out.println("Queues:");
        var depths = report.depths(now);
        if (depths.isEmpty()) {
            out.println("  empty: nothing waiting, nothing failed");
        }
        for (WorkReport.Depth d : depths) {
            String next = d.nextDue() == null
                    ? ""
                    : ", next due "
                            + (d.nextDue().isAfter(now)
                                    ? "in " + span(now, d.nextDue())
                                    : "now (" + ago(d.nextDue(), now) + ")");
            String claimed = d.claimed() > 0 ? ", " + d.claimed() + " being worked on" : "";
            out.printf("  %-6s %-8s %d%s%s%n", d.queue(), d.status(), d.rows(), claimed, next);
        }

        List<WorkReport.FailedRow> failed = report.failed(FAILED_SHOWN);
        out.println("Failed for good (retry with: retry-failed [--id N]):");
        if (failed.isEmpty()) {
            out.println("  none");
        }
        for (WorkReport.FailedRow f : failed) {
            out.printf(
                    "  #%d %s %s (%s) for %s, %d attempt(s), %s: %s%n",
                    f.id(),
                    f.queue(),
                    f.workKey(),
                    f.kind(),
                    f.forUser() == null ? "nobody in particular" : f.forUser(),
                    f.attempts(),
                    f.doneAt() == null ? "" : ago(f.doneAt(), now),
                    f.lastError());
        }

        out.println("Next scheduled jobs:");
        var upcoming = report.upcoming(JOBS_SHOWN);
        if (upcoming.isEmpty()) {
            out.println("  none");
        }
        for (WorkReport.Upcoming u : upcoming) {
            out.printf(
                    "  %s (%s) %s%n",
                    u.workKey(),
                    u.kind(),
                    u.dueAt().isAfter(now) ? "in " + span(now, u.dueAt()) : "due " + ago(u.dueAt(), now));
        }
        retention(jdbi, now, out);
        return failed.isEmpty() ? Main.OK : Main.FAILED;
    }

    /** What the last daily retention purge removed, so an operator sees that it runs and what it keeps. */
    private static void retention(Jdbi jdbi, Instant now, PrintStream out) {
        out.println("Last retention purge:");
        Optional<PurgeRuns.LastPurge> last = PurgeRuns.last(jdbi);
        if (last.isEmpty()) {
            out.println("  none has run on this database yet");
            return;
        }
        PurgeRuns.LastPurge p = last.get();
        out.printf(
                "  %s, finished %s%s: finished work from before %s, %s%n",
                p.day(),
                ago(p.finishedAt(), now),
                p.complete() ? "" : " (not through yet: it goes on in a further part)",
                p.workBefore(),
                p.recordsBefore() == null ? "records kept" : "finished records from before " + p.recordsBefore());
        List<Count> removed = p.removed().stream().filter(c -> c.rows() > 0).toList();
        if (removed.isEmpty()) {
            out.println("  nothing was old enough to remove");
        }
        for (Count c : removed) {
            out.printf("  %7d %s%n", c.rows(), c.what());
        }
    }

    private static String state(Processes.Process p, Instant now) {
        if (p.stoppedAt() != null) {
            return ("stopped".equals(p.stopReason()) ? "stopped " : "gone, found ") + ago(p.stoppedAt(), now);
        }
        Instant heard = p.heardFrom();
        return heard.plus(SILENT).isBefore(now)
                ? "running? silent for " + span(heard, now) + " (killed or cut off?)"
                : "running";
    }

    private static String ago(Instant at, Instant now) {
        return at.isAfter(now) ? "just now" : span(at, now) + " ago (" + at + ")";
    }

    private static String span(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toSeconds() + " s";
    }
}
