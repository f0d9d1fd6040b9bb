package com.cebot.ooo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The all-day event for the team calendar, as an iCalendar file (RFC 5545): DTEND is the day after
 * the last day out (the end of an all-day event is exclusive), the UID stays the same for the
 * period so a calendar updates the event when an edit sends it again with a higher SEQUENCE, text
 * is escaped, lines end in CRLF and are folded at 75 octets without splitting a character.
 */
final class OooCalendar {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int OCTETS = 75;

    private OooCalendar() {}

    static String filename(OooPeriod p) {
        return "time-off-" + p.id() + "-" + p.version() + ".ics";
    }

    static String event(OooNotices.Shown s, Instant stamp) {
        OooPeriod p = s.period();
        StringBuilder description = new StringBuilder("Back " + OooDates.day(s.back()) + ".");
        if (!p.customerNames().isEmpty()) {
            description.append("\nCustomers: ").append(String.join(", ", p.customerNames()));
        }
        if (p.plan() != null) {
            description.append("\nCoverage plan: ").append(p.plan());
        }
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//CE Bot//OOO protocol//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "BEGIN:VEVENT");
        line(out, "UID:ooo-" + p.id() + "@cebot");
        line(out, "DTSTAMP:" + STAMP.format(stamp.truncatedTo(ChronoUnit.SECONDS)));
        line(out, "SEQUENCE:" + (p.version() - 1));
        line(out, "DTSTART;VALUE=DATE:" + DATE.format(p.firstDay()));
        line(out, "DTEND;VALUE=DATE:" + DATE.format(p.lastDay().plusDays(1)));
        line(out, "SUMMARY:" + text("Out of office (back " + OooDates.day(s.back()) + ")"));
        line(out, "DESCRIPTION:" + text(description.toString()));
        line(out, "TRANSP:TRANSPARENT");
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks escaped. */
    static String text(String value) {
        return value.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\r", "\\n")
                .replace("\n", "\\n");
    }

    /** RFC 5545 §3.1: lines longer than 75 octets continue on the next line after CRLF and a space. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = OCTETS;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = OCTETS - 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
