package com.cebot.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The non-secret settings, read from {@code config/cebot.yaml}. Keys are snake_case in the file.
 * Defaults live in {@link ConfigLoader}, so a record here is always complete.
 */
public record BotConfig(
        Channels channels,
        Support support,
        Zendesk zendesk,
        SdrCollab sdrCollab,
        Schedule schedule,
        List<RosterEntry> roster) {

    /** Channel names (with or without '#') or IDs; resolved to IDs at start. */
    public record Channels(
            String customerSupport, String ce, String ceInternal, String feedback, String askProductEng) {}

    /**
     * Who decides Support Ticket Requests. {@code headOfSupport} is a user ID ({@code U…}), a user
     * group ID ({@code S…}) or a user group handle ({@code @support-leads}).
     */
    public record Support(String headOfSupport, List<String> delegates, int requestNudgeWorkingHours) {}

    /** Bare ticket numbers such as "ZD 1234" become links on this Zendesk subdomain. */
    public record Zendesk(String subdomain) {}

    public record SdrCollab(String userGroup, int firstDays, int nudgeAfterMinutes) {}

    public record Schedule(
            ZoneId timeZone, LocalTime workdayStart, LocalTime workdayEnd, Set<DayOfWeek> workingDays,
            int reminderHour) {}

    public record RosterEntry(String user, LocalDate startDate, String manager) {}
}
