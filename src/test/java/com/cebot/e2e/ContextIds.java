package com.cebot.e2e;

/**
 * The ids of the Support Ticket Context workflow as Slack sees them (manifest callback ids, the
 * modal's block and action ids), written out here so the tests speak to the bot the way a
 * workspace does, without reaching into the feature's package.
 */
final class ContextIds {
    static final String CALLBACK_ID = "support_ticket_context";
    static final String MESSAGE_CALLBACK_ID = "support_ticket_context_message";
    static final String CUSTOMER = "customer";
    static final String CUSTOMER_SELECT = "context_customer";
    static final String LINK = "link";
    static final String BACKGROUND = "background";
    static final String VALUE = "value";

    private ContextIds() {}
}
