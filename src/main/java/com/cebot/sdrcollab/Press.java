package com.cebot.sdrcollab;

/** The buttons on a question's assignment reply. */
enum Press {
    CLAIM("sdr_claim", "I'll take it"),
    ANSWERED("sdr_answered", "Answered"),
    PASS("sdr_pass", "Pass"),
    ESCALATE("sdr_escalate", "Escalate");

    final String actionId;
    final String label;

    Press(String actionId, String label) {
        this.actionId = actionId;
        this.label = label;
    }
}
