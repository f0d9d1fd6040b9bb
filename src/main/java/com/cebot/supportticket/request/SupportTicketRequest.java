package com.cebot.supportticket.request;

import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.TicketLink;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One stored Support Ticket Request with its latest move. {@code links} is the JSON of the parsed
 * links; {@code timeReason} (what was said about timing), {@code neededBy} and {@code anythingElse}
 * are null when not given, and a {@code neededBy} date always has its {@code timeReason};
 * {@code statusBy}/{@code statusAt}/{@code statusReason} say who made the current status, when and
 * (for a decline) why; {@code cardChannel}/{@code cardTs} are null until the card has landed.
 */
record SupportTicketRequest(
        long id,
        long customerId,
        String customerName,
        String submittedBy,
        String links,
        String ask,
        String why,
        String ifNot,
        LocalDate neededBy,
        String timeReason,
        String anythingElse,
        RequestStatus status,
        String statusBy,
        Instant statusAt,
        String statusReason,
        String cardKey,
        String cardChannel,
        String cardTs,
        Instant createdAt) {

    public List<TicketLink> ticketLinks() {
        return LinksJson.read(links);
    }

    public boolean cardLanded() {
        return cardChannel != null && cardTs != null;
    }
}
