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
import java.util.Map;
import java.util.function.Function;

/**
 * Writes stored submissions as CSV for reporting. Each kind of submission contributes its rows
 * through a source, so a workflow adds itself without this class knowing its tables.
 */
public final class SubmissionExport {

    // The caller owns the output stream (standard output, usually): never close it.
    private static final CsvMapper CSV = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    private final Map<String, Function<Instant, List<ExportRow>>> sources;

    /** @param sources rows created since an instant, by kind ("context", "request") */
    public SubmissionExport(Map<String, Function<Instant, List<ExportRow>>> sources) {
        this.sources = Map.copyOf(sources);
    }

    public boolean knows(String kind) {
        return sources.containsKey(kind);
    }

    /** @return how many rows were written */
    public int write(Instant since, String kind, Writer out) throws IOException {
        List<ExportRow> rows = sources.entrySet().stream()
                .filter(e -> kind == null || e.getKey().equals(kind))
                .flatMap(e -> e.getValue().apply(since).stream())
                .sorted(Comparator.comparing(ExportRow::createdAt).thenComparing(ExportRow::kind))
                .toList();
        CsvSchema schema = CSV.schemaFor(ExportRow.class).withHeader();
        try (SequenceWriter writer = CSV.writer(schema).writeValues(out)) {
            writer.writeAll(rows);
        }
        return rows.size();
    }
}
