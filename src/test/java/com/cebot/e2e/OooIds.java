package com.cebot.e2e;

/** The ids of the OOO protocol as Slack sees them, written out so the tests speak as a workspace does. */
final class OooIds {
    static final String COMMAND = "/ooo";
    static final String CALLBACK_ID = "ooo_plan";
    static final String FIRST_DAY = "first_day";
    static final String LAST_DAY = "last_day";
    static final String COVERERS = "coverers";
    static final String PLAN = "plan";
    static final String CUSTOMERS = "customers";
    static final String CUSTOMER_SELECT = "ooo_customers";
    static final String STEPS = "steps";
    static final String VALUE = "value";
    static final String TICK_PREFIX = "ooo_tick_";
    static final String EDIT = "ooo_edit";
    static final String CANCEL = "ooo_cancel";
    static final String CANNOT_COVER = "ooo_cannot_cover";

    private OooIds() {}
}
