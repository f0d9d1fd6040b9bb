package com.cebot.sdrcollab;

import com.cebot.customer.CustomerChoice;
import java.util.Optional;

/** A checked "Ask the CE team" form, as it waits in the inbox. */
record AskDraft(String question, Optional<CustomerChoice> account, Optional<String> link, Urgency urgency) {

    /** How soon the SDR needs the answer, in the handbook's three words. */
    enum Urgency {
        TODAY("today"),
        WEEK("this week"),
        WHENEVER("whenever");

        final String words;

        Urgency(String words) {
            this.words = words;
        }
    }
}
