package com.cebot.ooo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Days as people read them in DMs, the list and status texts: "Mon 1 Dec 2026". */
final class OooDates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private OooDates() {}

    static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** Without the year, for status texts and lists where space is short. */
    static String shortDay(LocalDate date) {
        return SHORT.format(date);
    }

    /** "Mon 1 Dec – Fri 5 Dec 2026", or one day alone. */
    static String range(LocalDate first, LocalDate last) {
        if (first.equals(last)) {
            return day(first);
        }
        return (first.getYear() == last.getYear() ? shortDay(first) : day(first)) + " – " + day(last);
    }
}
