package com.cebot.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The team's shared settings from {@code config/cebot.yaml}: its channels, its working week, its
 * roster, how long the bot keeps what it stored, and the operators' listener. Each feature reads its
 * own section itself (see {@link Configurable}). Keys are snake_case in the file; a record here is
 * always complete, defaults filled in.
 */
public record BotConfig(Channels channels, Schedule schedule, List<RosterEntry> roster, Retention retention, Ops ops) {

    /** Channel names (with or without '#') or IDs; resolved to IDs at start. */
    public record Channels(
            String customerSupport, String ce, String ceInternal, String feedback, String askProductEng) {}

    public record Schedule(
            ZoneId timeZone,
            LocalTime workdayStart,
            LocalTime workdayEnd,
            Set<DayOfWeek> workingDays,
            int reminderHour) {}

    public record RosterEntry(String user, LocalDate startDate, String manager) {}

    /**
     * How long stored data is kept. {@code workDays}: finished work (delivered Slack writes, jobs
     * run, submissions processed), which holds the text of every card and DM. {@code recordsDays}:
     * finished submissions, time off and SDR questions; empty keeps them.
     */
    public record Retention(int workDays, OptionalInt recordsDays) {

        public static final Retention DEFAULT = new Retention(30, OptionalInt.empty());
    }

    /** The operators' HTTP listener (health, readiness, metrics): off while {@code port} is empty. */
    public record Ops(OptionalInt port, String bindAddress) {

        public static final Ops OFF = new Ops(OptionalInt.empty(), "127.0.0.1");
    }

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    /** An IPv4 or IPv6 address or a host name; whether this machine has it is found when the listener binds. */
    private static final Pattern HOST =
            Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    static BotConfig read(ConfigSection root) {
        ConfigSection ch = root.section("channels");
        var channels = new Channels(
                channel(ch, "customer_support", "customer-support"),
                channel(ch, "ce", "ce"),
                channel(ch, "ce_internal", "ce-internal"),
                channel(ch, "feedback", "feedback"),
                channel(ch, "ask_product_eng", "ask-product-eng"));
        return new BotConfig(
                channels,
                schedule(root.section("schedule")),
                roster(root),
                retention(root.section("retention")),
                ops(root.section("ops")));
    }

    /**
     * Records are kept at least 30 days: time off that just ended still has its day-back message to
     * send, and the weekly digest counts the week's questions.
     */
    private static Retention retention(ConfigSection s) {
        int work = s.integer("work_days", Retention.DEFAULT.workDays(), 1, 3650);
        OptionalInt records = s.text("records_days").isEmpty()
                ? OptionalInt.empty()
                : OptionalInt.of(s.integer("records_days", 0, 30, 36500));
        return new Retention(work, records);
    }

    private static String channel(ConfigSection section, String key, String fallback) {
        String value = section.text(key, fallback);
        String name = value.startsWith("#") ? value.substring(1) : value;
        if (!name.matches("[A-Z0-9]{8,}|[a-z0-9][a-z0-9._-]{0,79}")) {
            section.problem(section.name(key) + " \"" + value + "\" is neither a channel name (lowercase, e.g."
                    + " customer-support) nor a channel ID (C…).");
        }
        return name;
    }

    private static Schedule schedule(ConfigSection s) {
        ZoneId zone = s.zone("time_zone", ZoneId.of("UTC"));
        LocalTime start = s.time("workday_start", LocalTime.of(9, 0));
        LocalTime end = s.time("workday_end", LocalTime.of(17, 0));
        if (!end.isAfter(start)) {
            s.problem(s.name("workday_end") + " must be after " + s.name("workday_start") + ".");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : s.texts("working_days", "[MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]")) {
            try {
                days.add(DayOfWeek.valueOf(day.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                s.problem(s.name("working_days") + " has \"" + day + "\", which is not a day of the week.");
            }
        }
        int hour = s.integer("reminder_hour", 9, 0, 23);
        return new Schedule(zone, start, end, days.isEmpty() ? WEEKDAYS : days, hour);
    }

    private static Ops ops(ConfigSection s) {
        int port = s.integer("port", 0, 1, 65_535);
        String address = s.text("bind_address", "127.0.0.1");
        if (!HOST.matcher(address).matches()) {
            s.problem(s.name("bind_address") + " \"" + address + "\" is not an address: use an IP address of this"
                    + " machine such as 127.0.0.1 (the default) or 0.0.0.0 for every interface, or a host name.");
        }
        return new Ops(port == 0 ? OptionalInt.empty() : OptionalInt.of(port), address);
    }

    private static List<RosterEntry> roster(ConfigSection root) {
        List<RosterEntry> entries = new ArrayList<>();
        for (ConfigSection e : root.sections("roster", "{user, start_date, manager}")) {
            String user = e.text("user").orElse(null);
            if (!ConfigSection.isUserId(user)) {
                e.problem(e.name("user") + " must be a Slack user ID such as U012ABCDEF.");
            }
            var date = e.date("start_date", "2026-09-01");
            String manager = e.text("manager").orElse(null);
            if (manager != null && !ConfigSection.isUserId(manager)) {
                e.problem(e.name("manager") + " must be a Slack user ID such as U012ABCDEF.");
            }
            if (ConfigSection.isUserId(user) && date.isPresent()) {
                entries.add(new RosterEntry(user, date.get(), manager));
            }
        }
        return List.copyOf(entries);
    }
}
