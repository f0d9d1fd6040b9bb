package com.cebot.e2e;

/**
 * The ids of the Support Ticket Request workflow as Slack sees them (manifest callback ids, the
 * modals' block and action ids, written out here so the tests speak to the
 * bot the way a workspace does, without reaching into the feature's package.
 */
final class RequestIds {
    static final String CALLBACK_ID = "support_ticket_request";
    static final String MESSAGE_CALLBACK_ID = "support_ticket_request_message";
    static final String DECLINE_CALLBACK_ID = "support_ticket_request_decline";
    static final String CUSTOMER = "customer";
    static final String CUSTOMER_SELECT = "request_customer";
    static final String LINK = "link";
    static final String ASK = "ask";
    static final String WHY = "why";
    static final String IF_NOT = "if_not";
    static final String TIME_REASON = "time_reason";
    static final String NEEDED_BY = "needed_by";
    static final String DECLINE_REASON = "decline_reason";
    static final String VALUE = "value";

    private RequestIds() {}
}
