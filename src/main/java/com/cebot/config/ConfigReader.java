package com.cebot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Walks the YAML tree; each getter records a problem naming the key instead of throwing. */
final class ConfigReader {
    private static final Set<String> TOP_LEVEL =
            Set.of("channels", "support", "zendesk", "sdr_collab", "schedule", "roster");

    private final JsonNode root;
    private final List<String> problems;

    ConfigReader(JsonNode root, List<String> problems) {
        this.root = root;
        this.problems = problems;
    }

    BotConfig read() {
        root.fieldNames().forEachRemaining(name -> {
            if (!TOP_LEVEL.contains(name)) {
                problems.add("Unknown setting \"" + name + "\"; known sections are " + TOP_LEVEL + ".");
            }
        });
        JsonNode ch = section("channels");
        var channels = new BotConfig.Channels(
                channel(ch, "customer_support", "customer-support"),
                channel(ch, "ce", "ce"),
                channel(ch, "ce_internal", "ce-internal"),
                channel(ch, "feedback", "feedback"),
                channel(ch, "ask_product_eng", "ask-product-eng"));

        JsonNode sup = section("support");
        String head = text(sup, "support.head_of_support", null);
        if (head == null) {
            problems.add("support.head_of_support is missing: set it to the head of support's user ID"
                    + " (U…) or a user group (@handle or S…).");
        } else if (!head.matches("[UW][A-Z0-9]{2,}|S[A-Z0-9]{2,}|@?[a-z0-9][a-z0-9._-]*")) {
            problems.add("support.head_of_support \"" + head + "\" is neither a user ID (U…) nor a user group"
                    + " (@handle or S…).");
        }
        List<String> delegates = userIds(sup.path("delegates"), "support.delegates");
        int nudgeHours = integer(sup, "support.request_nudge_working_hours", 4, 1, 80);
        var support = new BotConfig.Support(head, delegates, nudgeHours);

        String sub = text(section("zendesk"), "zendesk.subdomain", null);
        if (sub != null && !sub.matches("[a-z0-9][a-z0-9-]*")) {
            problems.add("zendesk.subdomain \"" + sub + "\" must be only the subdomain, e.g. \"acme\" for"
                    + " acme.zendesk.com.");
        }
        var zendesk = new BotConfig.Zendesk(sub);

        JsonNode sdr = section("sdr_collab");
        String group = text(sdr, "sdr_collab.user_group", "ce-sdr-collab");
        var sdrCollab = new BotConfig.SdrCollab(group.startsWith("@") ? group.substring(1) : group,
                integer(sdr, "sdr_collab.first_days", 120, 1, 3650),
                integer(sdr, "sdr_collab.nudge_after_minutes", 60, 1, 10_080));

        return new BotConfig(channels, support, zendesk, sdrCollab, schedule(), roster());
    }

    private BotConfig.Schedule schedule() {
        JsonNode s = section("schedule");
        ZoneId zone = ZoneId.of("UTC");
        String zoneText = text(s, "schedule.time_zone", "UTC");
        try {
            zone = ZoneId.of(zoneText);
        } catch (RuntimeException e) {
            problems.add("schedule.time_zone \"" + zoneText + "\" is not a time zone; use an IANA name such as"
                    + " America/New_York.");
        }
        LocalTime start = time(s, "schedule.workday_start", LocalTime.of(9, 0));
        LocalTime end = time(s, "schedule.workday_end", LocalTime.of(17, 0));
        if (!end.isAfter(start)) {
            problems.add("schedule.workday_end must be after schedule.workday_start.");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        JsonNode daysNode = s.path("working_days");
        if (daysNode.isMissingNode() || daysNode.isNull()) {
            days = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        } else if (!daysNode.isArray() || daysNode.isEmpty()) {
            problems.add("schedule.working_days must be a list such as [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY].");
        } else {
            for (JsonNode d : daysNode) {
                try {
                    days.add(DayOfWeek.valueOf(d.asText().strip().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    problems.add("schedule.working_days has \"" + d.asText() + "\", which is not a day of the week.");
                }
            }
        }
        int hour = integer(s, "schedule.reminder_hour", 9, 0, 23);
        return new BotConfig.Schedule(zone, start, end, days.isEmpty() ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : days, hour);
    }

    private List<BotConfig.RosterEntry> roster() {
        JsonNode list = root.path("roster");
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            problems.add("roster must be a list of {user, start_date, manager} entries.");
            return List.of();
        }
        List<BotConfig.RosterEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String where = "roster[" + i + "]";
            String user = text(e, where + ".user", null);
            if (user == null || !user.matches("[UW][A-Z0-9]{2,}")) {
                problems.add(where + ".user must be a Slack user ID such as U012ABCDEF.");
                continue;
            }
            String dateText = text(e, where + ".start_date", null);
            LocalDate date = null;
            try {
                date = dateText == null ? null : LocalDate.parse(dateText);
            } catch (DateTimeParseException ex) {
                // reported below
            }
            if (date == null) {
                problems.add(where + ".start_date must be a date such as 2026-09-01.");
                continue;
            }
            String manager = text(e, where + ".manager", null);
            if (manager != null && !manager.matches("[UW][A-Z0-9]{2,}")) {
                problems.add(where + ".manager must be a Slack user ID such as U012ABCDEF.");
            }
            entries.add(new BotConfig.RosterEntry(user, date, manager));
        }
        return List.copyOf(entries);
    }

    private JsonNode section(String name) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return MissingNode.getInstance();
        }
        if (!node.isObject()) {
            problems.add("\"" + name + "\" must be a section of settings, not a single value.");
            return MissingNode.getInstance();
        }
        return node;
    }

    private String channel(JsonNode section, String key, String fallback) {
        String value = text(section, "channels." + key, fallback);
        String name = value.startsWith("#") ? value.substring(1) : value;
        if (!name.matches("[A-Z0-9]{8,}|[a-z0-9][a-z0-9._-]{0,79}")) {
            problems.add("channels." + key + " \"" + value + "\" is neither a channel name (lowercase, e.g."
                    + " customer-support) nor a channel ID (C…).");
        }
        return name;
    }

    private String text(JsonNode section, String key, String fallback) {
        JsonNode node = section.path(key.substring(key.lastIndexOf('.') + 1));
        if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            problems.add(key + " must be a single value.");
            return fallback;
        }
        return node.asText().strip();
    }

    private int integer(JsonNode section, String key, int fallback, int min, int max) {
        JsonNode node = section.path(key.substring(key.lastIndexOf('.') + 1));
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
            problems.add(key + " must be a whole number from " + min + " to " + max + " (it is \"" + node.asText() + "\").");
            return fallback;
        }
        return node.asInt();
    }

    private LocalTime time(JsonNode section, String key, LocalTime fallback) {
        String value = text(section, key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return LocalTime.parse(value.length() == 4 ? "0" + value : value);
        } catch (DateTimeParseException e) {
            problems.add(key + " \"" + value + "\" must be a time such as 09:00.");
            return fallback;
        }
    }

    private List<String> userIds(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(key + " must be a list of user IDs such as [U012ABCDEF].");
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode n : node) {
            String id = n.asText().strip();
            if (!id.matches("[UW][A-Z0-9]{2,}")) {
                problems.add(key + " has \"" + id + "\", which is not a Slack user ID (U…).");
            } else {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }
}
