package com.cebot.feature;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * A workflow's stored records as a CSV file of their own columns, for {@code export --kind}; reads
 * the store only. For records that do not share the ticket workflows' columns.
 */
public interface CsvExport {

    /** The value of {@code --kind} that selects these records: "feedback". */
    String exportKind();

    /** Writes a header and one row per record created since then; returns how many rows. */
    int writeCsv(Jdbi store, Instant since, Writer out) throws IOException;
}
