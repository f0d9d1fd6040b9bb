package com.cebot.supportticket.request;

import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.TicketLink;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Builds stored requests for the pure classes' tests; starts as a fresh open request. */
final class SampleRequest {

    static final Instant RAISED = Instant.parse("2026-11-23T17:00:00Z");
    static final TicketLink ZENDESK = new TicketLink(
            TicketLink.Kind.ZENDESK, "https://acme.zendesk.com/agent/tickets/1234", "Zendesk #1234", "zendesk:1234");

    private String customerName = "Acme Corp";
    private String ask = "Prioritise the SSO bug";
    private String why = "Renewal depends on it";
    private String ifNot = "They may not renew";
    private LocalDate neededBy;
    private String timeReason;
    private String anythingElse;
    private List<TicketLink> links = List.of(ZENDESK);
    private RequestStatus status = RequestStatus.OPEN;
    private String statusBy = "UCE";
    private String statusReason;

    static SampleRequest open() {
        return new SampleRequest();
    }

    SampleRequest status(RequestStatus status, String by, String reason) {
        this.status = status;
        this.statusBy = by;
        this.statusReason = reason;
        return this;
    }

    SampleRequest ask(String ask) {
        this.ask = ask;
        return this;
    }

    /** What was said about timing, without a date. */
    SampleRequest timing(String note) {
        this.neededBy = null;
        this.timeReason = note;
        return this;
    }

    SampleRequest neededBy(LocalDate date, String reason) {
        this.neededBy = date;
        this.timeReason = reason;
        return this;
    }

    SampleRequest anythingElse(String text) {
        this.anythingElse = text;
        return this;
    }

    SampleRequest links(List<TicketLink> links) {
        this.links = links;
        return this;
    }

    /** The same text typed into every field a person fills in, the decline reason included. */
    SampleRequest everyText(String text) {
        customerName = ask = why = ifNot = text;
        statusReason = status == RequestStatus.DECLINED ? text : statusReason;
        return neededBy(LocalDate.parse("2026-12-01"), text).anythingElse(text);
    }

    SupportTicketRequest build() {
        return new SupportTicketRequest(
                7,
                3,
                customerName,
                "UCE",
                LinksJson.write(links),
                ask,
                why,
                ifNot,
                neededBy,
                timeReason,
                anythingElse,
                status,
                statusBy,
                RAISED.plusSeconds(3600),
                statusReason,
                "request-card:V1",
                "CSUPPORT",
                "1700000000.000100",
                RAISED);
    }
}
