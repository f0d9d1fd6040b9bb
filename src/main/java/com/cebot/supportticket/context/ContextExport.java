package com.cebot.supportticket.context;

import com.cebot.supportticket.ExportRow;
import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.TicketLink;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Support Ticket Context submissions as export rows. */
final class ContextExport {

    /** A context as the export shows it, with whoever has its card now. */
    record Exported(
            long id,
            String customerName,
            String submittedBy,
            String links,
            String background,
            Instant createdAt,
            String assignee) {}

    @RegisterConstructorMapper(Exported.class)
    interface Queries {
        /** Oldest first, with each card's taker in the same read rather than a read per context. */
        @SqlQuery("""
                SELECT s.id, cu.name AS customer_name, s.submitted_by, s.links, s.background, s.created_at, c.assignee
                FROM support_context s
                JOIN customer cu ON cu.id = s.customer_id
                JOIN context_card c ON c.id = s.card_id
                WHERE s.created_at >= :since
                ORDER BY s.created_at, s.id
                """)
        List<Exported> since(Instant since);
    }

    private final Jdbi jdbi;

    ContextExport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<ExportRow> since(Instant since) {
        return jdbi.withExtension(Queries.class, q -> q.since(since)).stream()
                .map(ContextExport::row)
                .toList();
    }

    private static ExportRow row(Exported c) {
        String links = LinksJson.read(c.links()).stream().map(TicketLink::url).collect(Collectors.joining(" "));
        String assignee = c.assignee();
        return new ExportRow(
                "context",
                c.id(),
                ExportRow.time(c.createdAt()),
                c.submittedBy(),
                ExportRow.typed(c.customerName()),
                links,
                assignee == null ? "unassigned" : "assigned",
                assignee,
                null,
                ExportRow.typed(c.background()),
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
