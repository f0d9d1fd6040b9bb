package com.cebot.ooo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a person's Slack status shows their time off, and the status to suggest when it does
 * not. A bot token cannot set anyone's status: the bot reads it ({@code users.info}) and suggests.
 *
 * <p>The rule: the status shows the absence when its emoji is one people use for time off
 * ({@link #AWAY_EMOJI}), or its text says so (OOO, out of office, vacation, holiday, PTO, away,
 * leave, off until, back on), or it is set and expires no earlier than the last day out.
 */
final class OooStatus {

    static final Set<String> AWAY_EMOJI = Set.of(
            ":palm_tree:",
            ":airplane:",
            ":airplane_departure:",
            ":beach_with_umbrella:",
            ":desert_island:",
            ":no_entry:",
            ":luggage:",
            ":away:");
    static final String SUGGESTED_EMOJI = ":palm_tree:";
    /** Slack refuses a longer status text. */
    static final int MAX_TEXT = 100;

    private static final Pattern AWAY_TEXT =
            Pattern.compile("\\b(ooo|out of (the )?office|vacation|holidays?|pto|away|on leave|off until|back on)\\b");

    /** What Slack says the status is; {@code expiration} is Unix seconds, 0 for never. */
    record Current(String text, String emoji, long expiration) {}

    /** The status to set: text, emoji, and when Slack should clear it. */
    record Suggested(String text, String emoji, Instant expires) {}

    private OooStatus() {}

    static boolean showsAbsence(Current status, LocalDate lastDay, ZoneId zone) {
        String text = status.text() == null ? "" : status.text().toLowerCase(Locale.ROOT);
        String emoji = status.emoji() == null ? "" : status.emoji();
        if (AWAY_EMOJI.contains(emoji) || AWAY_TEXT.matcher(text).find()) {
            return true;
        }
        boolean set = !text.isBlank() || !emoji.isBlank();
        return set
                && status.expiration() > 0
                && !Instant.ofEpochSecond(status.expiration())
                        .isBefore(lastDay.atStartOfDay(zone).toInstant());
    }

    /** "OOO Mon 1 Dec – Fri 5 Dec, back Mon 8 Dec", cleared at the end of the last day, in the person's zone. */
    static Suggested suggest(LocalDate firstDay, LocalDate lastDay, LocalDate back, ZoneId zone) {
        String dates = firstDay.equals(lastDay)
                ? OooDates.shortDay(firstDay)
                : OooDates.shortDay(firstDay) + " – " + OooDates.shortDay(lastDay);
        String text = "OOO " + dates + ", back " + OooDates.shortDay(back);
        return new Suggested(
                text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text,
                SUGGESTED_EMOJI,
                lastDay.plusDays(1).atStartOfDay(zone).toInstant());
    }
}
