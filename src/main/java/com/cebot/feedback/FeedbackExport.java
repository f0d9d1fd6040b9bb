package com.cebot.feedback;

import com.cebot.supportticket.ExportRow;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Product feedback as CSV, one row per submission, ready to import where the team keeps its records:
 * the gap it is on now, the customer, the impact, and who shared it (blank when they asked not to
 * be named). What people typed is made safe to open in a spreadsheet.
 */
final class FeedbackExport {

    // The caller owns the output stream (standard output, usually): never close it.
    private static final CsvMapper CSV =
            CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    @JsonPropertyOrder({
        "submission_id",
        "created_at",
        "gap_id",
        "gap",
        "category",
        "status",
        "salesforce_record",
        "customer",
        "severity",
        "blocks",
        "need",
        "workaround",
        "link",
        "shared_by"
    })
    record Row(
            @JsonProperty("submission_id") long submissionId,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("gap_id") long gapId,
            @JsonProperty("gap") String gap,
            @JsonProperty("category") String category,
            @JsonProperty("status") String status,
            @JsonProperty("salesforce_record") String salesforceRecord,
            @JsonProperty("customer") String customer,
            @JsonProperty("severity") String severity,
            @JsonProperty("blocks") String blocks,
            @JsonProperty("need") String need,
            @JsonProperty("workaround") String workaround,
            @JsonProperty("link") String link,
            @JsonProperty("shared_by") String sharedBy) {}

    private FeedbackExport() {}

    static int write(Jdbi store, Instant since, Writer out) throws IOException {
        List<Row> rows = store.withExtension(FeedbackRepository.class, repo -> {
            List<Submission> submissions = repo.since(since);
            List<Long> gapIds =
                    submissions.stream().map(Submission::gapId).distinct().toList();
            Map<Long, Gap> gaps = gapIds.isEmpty()
                    ? Map.of()
                    : repo.gaps(gapIds).stream().collect(Collectors.toMap(Gap::id, Function.identity()));
            return submissions.stream().map(s -> row(s, gaps.get(s.gapId()))).toList();
        });
        CsvSchema schema = CSV.schemaFor(Row.class).withHeader();
        try (SequenceWriter writer = CSV.writer(schema).writeValues(out)) {
            writer.writeAll(rows);
        }
        return rows.size();
    }

    static Row row(Submission s, Gap g) {
        return new Row(
                s.id(),
                ExportRow.time(s.createdAt()),
                g.id(),
                ExportRow.typed(g.title()),
                ExportRow.typed(g.category()),
                g.status().label(),
                ExportRow.typed(g.recordLink()),
                ExportRow.typed(s.customerName()),
                s.severity().label(),
                ExportRow.typed(s.blocks()),
                ExportRow.typed(s.need()),
                ExportRow.typed(s.workaround()),
                ExportRow.typed(s.link()),
                s.shownSharer());
    }
}
