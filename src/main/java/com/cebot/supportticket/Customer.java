package com.cebot.supportticket;

/** A customer named in a Support Ticket form. */
public record Customer(long id, String name) {

    /** Case and spacing folded, so "ACME  Corp" and "Acme Corp" are one customer. */
    public static String key(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }
}
