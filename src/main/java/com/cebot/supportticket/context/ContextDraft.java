package com.cebot.supportticket.context;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.TicketLink;
import java.util.List;
import java.util.Optional;

/** A Support Ticket Context as the CE submitted it, checked and ready to store. */
record ContextDraft(
        CustomerChoice customer, List<TicketLink> links, String background, Optional<SourceMessage> source) {}
