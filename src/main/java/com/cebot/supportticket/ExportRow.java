package com.cebot.supportticket;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One submission as a CSV row. Both kinds share one header so a single file can hold them; the
 * columns a kind does not have stay empty.
 */
@JsonPropertyOrder({
    "kind",
    "id",
    "created_at",
    "submitted_by",
    "customer",
    "links",
    "status",
    "handled_by",
    "reason",
    "background",
    "ask",
    "why",
    "if_not",
    "needed_by",
    "time_reason",
    "anything_else"
})
public record ExportRow(
        @JsonProperty("kind") String kind,
        @JsonProperty("id") long id,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("submitted_by") String submittedBy,
        @JsonProperty("customer") String customer,
        @JsonProperty("links") String links,
        @JsonProperty("status") String status,
        @JsonProperty("handled_by") String handledBy,
        @JsonProperty("reason") String reason,
        @JsonProperty("background") String background,
        @JsonProperty("ask") String ask,
        @JsonProperty("why") String why,
        @JsonProperty("if_not") String ifNot,
        @JsonProperty("needed_by") String neededBy,
        @JsonProperty("time_reason") String timeReason,
        @JsonProperty("anything_else") String anythingElse) {

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /** UTC, always the same width, so rows sort by time as text too. */
    public static String time(java.time.Instant at) {
        return TIME.format(at);
    }

    /**
     * What people typed, made safe to open in a spreadsheet: a cell starting with =, +, - or @
     * would run as a formula, so it gets a leading apostrophe, as spreadsheets themselves do.
     */
    public static String typed(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }
}
