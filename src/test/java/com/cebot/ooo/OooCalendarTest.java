package com.cebot.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The team-calendar event is a valid RFC 5545 all-day VEVENT whatever was typed. */
final class OooCalendarTest {

    private static final Instant SAVED = Instant.parse("2026-10-26T17:03:04.567Z");

    private static OooNotices.Shown shown(int version, String plan, List<String> customers) {
        OooPeriod p = new OooPeriod(
                42,
                "U0ME",
                "Europe/Berlin",
                LocalDate.parse("2026-12-28"),
                LocalDate.parse("2026-12-31"),
                "U0COV",
                plan,
                OooPeriod.customersJson(customers),
                version,
                null,
                SAVED);
        return new OooNotices.Shown(p, Set.of(), LocalDate.parse("2027-01-04"));
    }

    private static List<String> lines(String ics) {
        assertThat(ics).endsWith("\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\r", "\n");
        return Arrays.asList(ics.split("\r\n"));
    }

    /** Unfolded content lines: a line starting with a space continues the one before. */
    private static String unfolded(String ics) {
        return ics.replace("\r\n ", "");
    }

    @Test
    void anAllDayEvent_endingTheDayAfterTheLastDay_withAStableUid() {
        String ics = OooCalendar.event(shown(1, null, List.of()), SAVED);

        assertThat(lines(ics))
                .startsWith("BEGIN:VCALENDAR", "VERSION:2.0")
                .endsWith("END:VEVENT", "END:VCALENDAR")
                .contains(
                        "BEGIN:VEVENT",
                        "UID:ooo-42@cebot",
                        "DTSTAMP:20261026T170304Z",
                        "SEQUENCE:0",
                        "DTSTART;VALUE=DATE:20261228",
                        "DTEND;VALUE=DATE:20270101",
                        "TRANSP:TRANSPARENT",
                        "SUMMARY:Out of office (back Mon 4 Jan 2027)");
    }

    @Test
    void anEdit_keepsTheUid_andRaisesTheSequence() {
        String ics = OooCalendar.event(shown(3, null, List.of()), SAVED);

        assertThat(lines(ics)).contains("UID:ooo-42@cebot", "SEQUENCE:2");
        assertThat(OooCalendar.filename(shown(3, null, List.of()).period())).isEqualTo("time-off-42-3.ics");
    }

    @Test
    void typedText_isEscaped_andEveryLineFoldedWithin75Octets_neverInsideACharacter() {
        String plan = "Cora; Bo, and \\ Di\nsecond line 🙂🙂🙂 " + "é".repeat(200) + "🙂".repeat(50);

        String ics = OooCalendar.event(shown(1, plan, List.of("Acme, Inc.", "Globex; EU")), SAVED);

        for (String line : lines(ics)) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            assertThat(Character.isLowSurrogate(line.isEmpty() ? 'x' : line.charAt(line.startsWith(" ") ? 1 : 0)))
                    .as("a folded line starting inside an emoji: " + line)
                    .isFalse();
        }
        assertThat(unfolded(ics))
                .contains("DESCRIPTION:Back Mon 4 Jan 2027.\\nCustomers: Acme\\, Inc.\\, Globex\\; EU"
                        + "\\nCoverage plan: Cora\\; Bo\\, and \\\\ Di\\nsecond line 🙂🙂🙂 " + "é".repeat(200)
                        + "🙂".repeat(50)
                        + "\r\n");
    }
}
