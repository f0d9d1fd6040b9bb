package com.cebot.feedback;

import com.cebot.slack.TypedText;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;

/**
 * What the gap select carries: a gap on record, or the words typed for a new one. The option value
 * encodes which, within Slack's 150 characters for option values.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GapChoice.Existing.class, name = "existing"),
    @JsonSubTypes.Type(value = GapChoice.New.class, name = "new")
})
sealed interface GapChoice {

    /** What a new gap's title may hold; a header shows it whole, with room to spare. */
    int MAX_TITLE = 120;

    record Existing(long id) implements GapChoice {}

    record New(String typed) implements GapChoice {}

    static String value(GapChoice choice) {
        return choice instanceof Existing e ? "gap:" + e.id() : "new:" + ((New) choice).typed();
    }

    static Optional<GapChoice> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.startsWith("gap:") && value.substring(4).matches("[0-9]{1,18}")) {
            return Optional.of(new Existing(Long.parseLong(value.substring(4))));
        }
        if (value.startsWith("new:")) {
            String typed = TypedText.clean(value.substring(4)).replaceAll("\\s+", " ");
            return typed.isEmpty() ? Optional.empty() : Optional.of(new New(typed));
        }
        return Optional.empty();
    }
}
