package com.cebot.supportticket.context;

import com.cebot.supportticket.ExportRow;
import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.TicketLink;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Support Ticket Context submissions as export rows. */
final class ContextExport {

    private final Jdbi jdbi;

    ContextExport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<ExportRow> since(Instant since) {
        return jdbi.withExtension(ContextRepository.class, repo -> repo.since(since).stream()
                .map(c -> row(c, repo.card(c.cardId()).map(ContextCardRow::assignee).orElse(null)))
                .toList());
    }

    private static ExportRow row(SupportContext c, String assignee) {
        String links = LinksJson.read(c.links()).stream().map(TicketLink::url).collect(Collectors.joining(" "));
        return new ExportRow("context", c.id(), ExportRow.time(c.createdAt()), c.submittedBy(),
                ExportRow.typed(c.customerName()), links, assignee == null ? "unassigned" : "assigned", assignee, null,
                ExportRow.typed(c.background()), null, null, null, null, null, null);
    }
}
