package com.cebot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A part of the settings file, read by whoever owns it: the team's shared settings by the loader,
 * each feature's section by that feature. Every read names the key it asked for, so once everyone
 * has read, any key nobody asked for is reported as unknown (a typo must not silently fall back to
 * a default). Mistakes are recorded as problems naming the key and the fix, never thrown, so one
 * start lists them all. A key that is missing or empty takes its default; a list or a section where
 * a single value belongs is a mistake.
 */
public final class ConfigSection {

    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    /** A user group as the settings name it: its ID, or its handle with or without "@". */
    private static final Pattern USER_GROUP = Pattern.compile("S[A-Z0-9]{2,}|@?[a-z0-9][a-z0-9._-]*");

    /** What every section of one file shares: the problems found and the keys asked for. */
    static final class Reading {
        final Set<String> problems = new LinkedHashSet<>();
        final Set<String> known = new LinkedHashSet<>();
    }

    private final JsonNode node;
    private final String path;
    private final Reading reading;

    private ConfigSection(JsonNode node, String path, Reading reading) {
        this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
        this.path = path;
        this.reading = reading;
    }

    static ConfigSection root(JsonNode node, Reading reading) {
        return new ConfigSection(node, "", reading);
    }

    /** The full name of a key here, as messages show it: {@code support.delegates}. */
    public String name(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Records a mistake found by the reader's own checks. */
    public void problem(String message) {
        reading.problems.add(message);
    }

    /** A nested section; missing reads as empty. */
    public ConfigSection section(String key) {
        JsonNode child = child(key);
        if (!child.isMissingNode() && !child.isObject()) {
            problem("\"" + name(key) + "\" must be a section of settings, not a single value or a list.");
            child = MissingNode.getInstance();
        }
        return new ConfigSection(child, name(key), reading);
    }

    /** A list of sections, such as the roster's entries; missing reads as empty. */
    public List<ConfigSection> sections(String key, String example) {
        JsonNode child = list(key, "a list of " + example + " entries");
        List<ConfigSection> entries = new ArrayList<>();
        for (int i = 0; i < child.size(); i++) {
            String at = name(key) + "[" + i + "]";
            if (!child.get(i).isObject()) {
                problem(at + " must be a " + example + " entry.");
            } else {
                entries.add(new ConfigSection(child.get(i), at, reading));
            }
        }
        return entries;
    }

    /** A single value as text; empty when missing or blank. */
    public Optional<String> text(String key) {
        JsonNode child = child(key);
        if (child.isMissingNode()) {
            return Optional.empty();
        }
        if (!child.isValueNode()) {
            problem(name(key) + " must be a single value, not " + (child.isArray() ? "a list." : "a section."));
            return Optional.empty();
        }
        String text = child.asText().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    public String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        JsonNode child = child(key);
        if (child.isMissingNode()) {
            return fallback;
        }
        if (!child.isIntegralNumber() || !child.canConvertToInt() || child.asInt() < min || child.asInt() > max) {
            String shown = child.isValueNode() ? child.asText() : child.isArray() ? "a list" : "a section";
            problem(name(key) + " must be a whole number from " + min + " to " + max + " (it is \"" + shown + "\").");
            return fallback;
        }
        return child.asInt();
    }

    public ZoneId zone(String key, ZoneId fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return ZoneId.of(text.get());
        } catch (RuntimeException e) {
            problem(name(key) + " \"" + text.get()
                    + "\" is not a time zone; use an IANA name such as America/New_York.");
            return fallback;
        }
    }

    /** A day of the week in full, in any case: {@code MONDAY}, {@code friday}. */
    public DayOfWeek day(String key, DayOfWeek fallback) {
        String text = text(key, fallback.name());
        try {
            return DayOfWeek.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(name(key) + " \"" + text + "\" is not a day of the week (MONDAY … SUNDAY).");
            return fallback;
        }
    }

    public LocalTime time(String key, LocalTime fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return LocalTime.parse(text.get().length() == 4 ? "0" + text.get() : text.get());
        } catch (DateTimeParseException e) {
            problem(name(key) + " \"" + text.get() + "\" must be a time such as 09:00.");
            return fallback;
        }
    }

    /** A required date; empty (with a problem) when missing or not a date. */
    public Optional<LocalDate> date(String key, String example) {
        Optional<String> text = text(key);
        try {
            if (text.isPresent()) {
                return Optional.of(LocalDate.parse(text.get()));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem(name(key) + " must be a date such as " + example + ".");
        return Optional.empty();
    }

    /** A list of single values; missing reads as empty. */
    public List<String> texts(String key, String example) {
        JsonNode child = list(key, "a list such as " + example);
        List<String> values = new ArrayList<>();
        for (JsonNode item : child) {
            if (!item.isValueNode()) {
                problem(name(key) + " must be a list of single values such as " + example + ".");
                return List.of();
            }
            values.add(item.asText().strip());
        }
        return values;
    }

    /** A list of Slack user IDs; anything else in it is a mistake. */
    public List<String> userIds(String key) {
        List<String> ids = new ArrayList<>();
        for (String id : texts(key, "[U012ABCDEF]")) {
            if (isUserId(id)) {
                ids.add(id);
            } else {
                problem(name(key) + " has \"" + id + "\", which is not a Slack user ID (U…).");
            }
        }
        return List.copyOf(ids);
    }

    public static boolean isUserId(String text) {
        return text != null && USER_ID.matcher(text).matches();
    }

    public static boolean isUserGroup(String text) {
        return text != null && USER_GROUP.matcher(text).matches();
    }

    /**
     * A person (U…) or a user group (S…, or its handle with or without "@"), as the workspace lookup
     * turns it into a mention; empty when missing, or, with a problem, when it is neither.
     */
    public Optional<String> userOrGroup(String key) {
        Optional<String> text = text(key);
        if (text.isPresent() && !isUserOrGroup(text.get())) {
            problem(name(key) + " \"" + text.get() + "\" is neither a user ID (U…) nor a user group (@handle or S…).");
            return Optional.empty();
        }
        return text;
    }

    /** A list of people and user groups, as {@link #userOrGroup} reads one; anything else in it is a mistake. */
    public List<String> usersOrGroups(String key, String example) {
        List<String> entries = new ArrayList<>();
        for (String entry : texts(key, example)) {
            if (isUserOrGroup(entry)) {
                entries.add(entry);
            } else {
                problem(name(key) + " has \"" + entry + "\", which is neither a user ID (U…) nor a user group"
                        + " (@handle or S…).");
            }
        }
        return List.copyOf(entries);
    }

    private static boolean isUserOrGroup(String text) {
        return isUserId(text) || isUserGroup(text);
    }

    /** A list's node; an empty one (with a problem if something else is there) when it is not a list. */
    private JsonNode list(String key, String expected) {
        JsonNode child = child(key);
        reading.known.add(pattern(name(key)) + "[]");
        if (!child.isMissingNode() && !child.isArray()) {
            problem(name(key) + " must be " + expected + ".");
        }
        return child.isArray() ? child : JsonNodeFactory.instance.arrayNode();
    }

    private JsonNode child(String key) {
        reading.known.add(pattern(name(key)));
        JsonNode child = node.path(key);
        return child.isNull() ? MissingNode.getInstance() : child;
    }

    /** Keys inside lists are known whatever the entry: {@code roster[3].user} is {@code roster[].user}. */
    static String pattern(String name) {
        return name.replaceAll("\\[\\d+]", "[]");
    }
}
