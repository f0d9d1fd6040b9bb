package com.cebot.supportticket.request;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.TicketLink;
import com.fasterxml.jackson.annotation.JsonAlias;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A Support Ticket Request as the CE submitted it, checked and ready to store. A draft waits in the
 * inbox as JSON; one written before timing could come without a date named it {@code neededBy}.
 */
record RequestDraft(
        CustomerChoice customer,
        List<TicketLink> links,
        String ask,
        String why,
        String ifNot,
        @JsonAlias("neededBy") Optional<Timing> timing,
        Optional<String> anythingElse,
        Optional<SourceMessage> source) {

    /**
     * The handbook's "time consideration": what the CE said about timing, and the date it is needed
     * by when they picked one ({@code null} otherwise). A date always comes with its why.
     */
    record Timing(LocalDate date, String why) {}
}
