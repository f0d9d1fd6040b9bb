package com.cebot.sdrcollab;

/** The buttons on a question's assignment reply; {@link AssignmentReply} words them. */
enum Press {
    CLAIM("sdr_claim"),
    ANSWERED("sdr_answered"),
    PASS("sdr_pass"),
    ESCALATE("sdr_escalate");

    final String actionId;

    Press(String actionId) {
        this.actionId = actionId;
    }
}
