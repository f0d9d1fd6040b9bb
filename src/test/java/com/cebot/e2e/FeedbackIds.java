package com.cebot.e2e;

/**
 * The ids of product feedback as Slack sees them (manifest callback ids, the modals' block and
 * action ids, the card's buttons), written out here so the tests speak to the bot the way a
 * workspace does, without reaching into the feature's package.
 */
final class FeedbackIds {
    static final String CALLBACK_ID = "feedback_share";
    static final String MESSAGE_CALLBACK_ID = "feedback_share_message";
    static final String STATUS_CALLBACK_ID = "feedback_status";
    static final String MERGE_CALLBACK_ID = "feedback_merge";
    static final String RECORD_CALLBACK_ID = "feedback_record";
    static final String CUSTOMERS = "customers";
    static final String CUSTOMER_SELECT = "feedback_customers";
    static final String GAP = "gap";
    static final String GAP_SELECT = "feedback_gap";
    static final String CATEGORY = "category";
    static final String TITLE = "title";
    static final String NEED = "need";
    static final String SEVERITY = "severity";
    static final String BLOCKS = "blocks";
    static final String WORKAROUND = "workaround";
    static final String LINK = "link";
    static final String ANONYMOUS = "anonymous";
    static final String STATUS = "status";
    static final String NOTE = "note";
    static final String TARGET = "target";
    static final String MERGE_SELECT = "feedback_merge_target";
    static final String RECORD = "record";
    static final String VALUE = "value";
    static final String ADD_CUSTOMER = "feedback_add_customer";
    static final String SET_STATUS = "feedback_set_status";
    static final String MERGE = "feedback_merge_open";
    static final String RECORD_BUTTON = "feedback_record_open";

    private FeedbackIds() {}
}
