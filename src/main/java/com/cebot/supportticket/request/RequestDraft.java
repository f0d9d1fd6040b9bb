package com.cebot.supportticket.request;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.TicketLink;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A Support Ticket Request as the CE submitted it, checked and ready to store. */
record RequestDraft(
        CustomerChoice customer,
        List<TicketLink> links,
        String ask,
        String why,
        String ifNot,
        Optional<NeededBy> neededBy,
        Optional<String> anythingElse,
        Optional<SourceMessage> source) {

    /** The handbook's "time consideration": a date and why it matters; one without the other is refused. */
    record NeededBy(LocalDate date, String why) {}
}
