package com.cebot.supportticket;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** A ticket workflow's stored submissions, for {@code export}; reads the store only. */
public interface TicketExport {

    /** The value of {@code --kind} that selects these rows: "context", "request". */
    String exportKind();

    List<ExportRow> exportSince(Jdbi store, Instant since);
}
