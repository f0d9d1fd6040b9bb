package com.cebot.supportticket;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes stored submissions as CSV for reporting. Each kind of submission contributes its rows
 * through a source, so a workflow adds itself without this class knowing its tables.
 */
public final class SubmissionExport {

    // The caller owns the output stream (standard output, usually): never close it.
    private static final CsvMapper CSV =
            CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    private final Jdbi store;
    private final List<TicketExport> sources;

    public SubmissionExport(Jdbi store, List<TicketExport> sources) {
        this.store = store;
        this.sources = List.copyOf(sources);
    }

    /** @return how many rows were written */
    public int write(Instant since, String kind, Writer out) throws IOException {
        List<ExportRow> rows = sources.stream()
                .filter(source -> kind == null || source.exportKind().equals(kind))
                .flatMap(source -> source.exportSince(store, since).stream())
                .sorted(Comparator.comparing(ExportRow::createdAt).thenComparing(ExportRow::kind))
                .toList();
        CsvSchema schema = CSV.schemaFor(ExportRow.class).withHeader();
        try (SequenceWriter writer = CSV.writer(schema).writeValues(out)) {
            writer.writeAll(rows);
        }
        return rows.size();
    }
}
