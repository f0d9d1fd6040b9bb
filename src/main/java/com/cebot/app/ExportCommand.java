package com.cebot.app;

import com.cebot.config.Secrets;
import com.cebot.db.Database;
import com.cebot.feature.CsvExport;
import com.cebot.feature.Feature;
import com.cebot.supportticket.SubmissionExport;
import com.cebot.supportticket.TicketExport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code cebot export --since 2026-01-01 [--kind context|request|feedback]}: submissions as CSV on
 * standard output, for reporting. The ticket kinds share one set of columns, and without
 * {@code --kind} one file holds them all; a kind with columns of its own ({@link CsvExport}, product
 * feedback) is written alone when asked for. Checks its arguments before opening anything, and reads
 * an existing database only; needs no Slack token.
 */
final class ExportCommand {

    private static final String USAGE = "Usage: java -jar target/cebot.jar export --since YYYY-MM-DD [--kind KIND]";

    private ExportCommand() {}

    static int run(
            String[] args, Map<String, String> env, List<Feature<?>> features, PrintStream out, PrintStream err) {
        List<TicketExport> sources = features.stream()
                .filter(TicketExport.class::isInstance)
                .map(TicketExport.class::cast)
                .toList();
        List<CsvExport> own = features.stream()
                .filter(CsvExport.class::isInstance)
                .map(CsvExport.class::cast)
                .toList();
        List<String> names = Stream.concat(
                        sources.stream().map(TicketExport::exportKind),
                        own.stream().map(CsvExport::exportKind))
                .toList();
        String kinds = String.join(" or ", names);
        CommandArgs parsed = CommandArgs.parse(args, List.of("--since", "--kind"));
        if (parsed.problem().isPresent()) {
            err.println(parsed.problem().get());
            err.println(USAGE + " (KIND is " + kinds + ")");
            return Main.BAD_SETTINGS;
        }
        String sinceText = parsed.value("--since").orElse(null);
        if (sinceText == null) {
            err.println("export needs --since, e.g. export --since 2026-01-01");
            return Main.BAD_SETTINGS;
        }
        LocalDate since;
        try {
            since = LocalDate.parse(sinceText);
        } catch (DateTimeParseException e) {
            err.println("--since takes a date such as 2026-01-01, not \"" + sinceText + "\".");
            return Main.BAD_SETTINGS;
        }
        String kind = parsed.value("--kind").orElse(null);
        if (kind != null && !names.contains(kind)) {
            err.println("--kind is " + kinds + ", not \"" + kind + "\".");
            return Main.BAD_SETTINGS;
        }
        var store = Database.existing(Secrets.store(env));
        var from = since.atStartOfDay(ZoneOffset.UTC).toInstant();
        var alone = own.stream().filter(o -> o.exportKind().equals(kind)).findFirst();
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            int rows = alone.isPresent()
                    ? alone.get().writeCsv(store, from, writer)
                    : new SubmissionExport(store, sources).write(from, kind, writer);
            writer.flush();
            err.println(rows + " submission(s) since " + since + " (UTC).");
            return Main.OK;
        } catch (IOException e) {
            err.println("Cannot write the export: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
