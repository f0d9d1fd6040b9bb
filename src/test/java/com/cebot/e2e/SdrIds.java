package com.cebot.e2e;

/** The ids Slack sees from SDR routing: the shortcut, its modal's blocks, the reply's buttons. */
final class SdrIds {

    static final String CALLBACK_ID = "sdr_question";
    static final String QUESTION = "question";
    static final String ACCOUNT = "account";
    static final String ACCOUNT_SELECT = "sdr_account";
    static final String LINK = "link";
    static final String URGENCY = "urgency";
    static final String VALUE = "value";
    static final String CLAIM = "sdr_claim";
    static final String ANSWERED = "sdr_answered";
    static final String PASS = "sdr_pass";
    static final String ESCALATE = "sdr_escalate";
    static final String GROUP = "S0SDR";

    private SdrIds() {}
}
