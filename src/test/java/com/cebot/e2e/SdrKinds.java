package com.cebot.e2e;

/** The inbox kinds SDR routing stores before its ack: a question, and a CE's reply in its thread. */
final class SdrKinds {

    static final String QUESTION = "sdr.question";
    static final String REPLY = "sdr.reply";

    private SdrKinds() {}
}
