package com.cebot.ooo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * A stored period of time off. Days are the person's calendar days, {@code zone} their Slack time
 * zone; {@code version} grows with each edit and names the reminders and DMs planned for it.
 */
record OooPeriod(
        long id,
        String person,
        String zone,
        LocalDate firstDay,
        LocalDate lastDay,
        String coverers,
        String plan,
        String customers,
        int version,
        Instant cancelledAt,
        Instant createdAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    List<String> covererIds() {
        return coverers.isEmpty() ? List.of() : Arrays.asList(coverers.split(","));
    }

    List<String> customerNames() {
        try {
            return JSON.readValue(customers, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable customers of period " + id, e);
        }
    }

    boolean covers(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    boolean overlaps(LocalDate first, LocalDate last) {
        return !first.isAfter(lastDay) && !last.isBefore(firstDay);
    }

    /** What reminders and writes of this version are keyed under. */
    String key(String what) {
        return "ooo:" + id + ":v" + version + ":" + what;
    }

    /** What {@link #key} gave for the version a job was planned for, named by the job's {@link #ref}. */
    static String key(String ref, String what) {
        String[] idAndVersion = ref.split(":");
        return "ooo:" + idAndVersion[0] + ":v" + idAndVersion[1] + ":" + what;
    }

    /** The job ref: the period and its version, so a job planned before an edit knows it is stale. */
    String ref() {
        return id + ":" + version;
    }

    static String customersJson(List<String> names) {
        try {
            return JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
