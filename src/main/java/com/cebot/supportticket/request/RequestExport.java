package com.cebot.supportticket.request;

import com.cebot.supportticket.ExportRow;
import com.cebot.supportticket.TicketLink;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Support Ticket Requests as export rows. */
final class RequestExport {

    private final Jdbi jdbi;

    RequestExport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<ExportRow> since(Instant since) {
        return jdbi.withExtension(RequestRepository.class, repo -> repo.since(since)).stream()
                .map(RequestExport::row)
                .toList();
    }

    private static ExportRow row(SupportTicketRequest r) {
        String links = r.ticketLinks().stream().map(TicketLink::url).collect(Collectors.joining(" "));
        return new ExportRow(
                "request",
                r.id(),
                ExportRow.time(r.createdAt()),
                r.submittedBy(),
                ExportRow.typed(r.customerName()),
                links,
                r.status().label().toLowerCase(Locale.ROOT),
                r.statusBy(),
                ExportRow.typed(r.statusReason()),
                null,
                ExportRow.typed(r.ask()),
                ExportRow.typed(r.why()),
                ExportRow.typed(r.ifNot()),
                r.neededBy() == null ? null : r.neededBy().toString(),
                ExportRow.typed(r.timeReason()),
                ExportRow.typed(r.anythingElse()));
    }
}
