package com.cebot.outbox;

/** What looking for an earlier attempt's message found. */
sealed interface Lookup {

    /** It landed: this is its ts. */
    record Found(String channel, String ts) implements Lookup {}

    /** It is not there: the attempt did not land, so the write can be made. */
    record NotThere() implements Lookup {}

    /**
     * Cannot tell (the lookup itself failed, e.g. missing_scope): making the write again could make
     * it twice, so the lookup is tried again later instead.
     */
    record CannotTell(String error) implements Lookup {}
}
