package com.cebot.app;

import com.cebot.config.ConfigLoader;
import com.cebot.db.Database;
import com.cebot.supportticket.SubmissionExport;
import com.cebot.supportticket.context.ContextExport;
import com.cebot.supportticket.request.RequestExport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code cebot export --since 2026-01-01 [--kind context|request]}: submissions as CSV on standard
 * output, for reporting. Reads the store only; needs no Slack token.
 */
final class ExportCommand {

    private ExportCommand() {}

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        LocalDate since = null;
        String kind = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if ("--since".equals(args[i]) && value != null) {
                try {
                    since = LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    err.println("--since takes a date such as 2026-01-01, not \"" + value + "\".");
                    return Main.BAD_SETTINGS;
                }
                i++;
            } else if ("--kind".equals(args[i]) && value != null) {
                kind = value;
                i++;
            } else {
                err.println("Usage: java -jar target/cebot.jar export --since YYYY-MM-DD [--kind context|request]");
                return Main.BAD_SETTINGS;
            }
        }
        if (since == null) {
            err.println("export needs --since, e.g. export --since 2026-01-01");
            return Main.BAD_SETTINGS;
        }
        Jdbi jdbi = Database.open(ConfigLoader.databaseUrl(env));
        SubmissionExport export = new SubmissionExport(Map.of(
                "context", new ContextExport(jdbi)::since,
                "request", new RequestExport(jdbi)::since));
        if (kind != null && !export.knows(kind)) {
            err.println("--kind is context or request, not \"" + kind + "\".");
            return Main.BAD_SETTINGS;
        }
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            int rows = export.write(since.atStartOfDay(ZoneOffset.UTC).toInstant(), kind, writer);
            writer.flush();
            err.println(rows + " submission(s) since " + since + " (UTC).");
            return Main.OK;
        } catch (IOException e) {
            err.println("Cannot write the export: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
