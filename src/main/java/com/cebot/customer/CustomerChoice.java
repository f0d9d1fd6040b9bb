package com.cebot.customer;

import com.cebot.slack.TypedText;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;

/**
 * What the Customer Name select carries: a customer on record, or a name typed for the first time.
 * The option value encodes which, within Slack's 150-character limit for option values.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CustomerChoice.Known.class, name = "known"),
    @JsonSubTypes.Type(value = CustomerChoice.New.class, name = "new")
})
public sealed interface CustomerChoice {

    int MAX_NAME = 70;

    record Known(long id) implements CustomerChoice {}

    record New(String name) implements CustomerChoice {}

    /** Whether a name typed for the first time is short enough to keep; a customer on record always is. */
    static boolean fits(CustomerChoice choice) {
        return !(choice instanceof New n && n.name().length() > MAX_NAME);
    }

    static String value(CustomerChoice choice) {
        return choice instanceof Known k ? "id:" + k.id() : "new:" + ((New) choice).name();
    }

    static Optional<CustomerChoice> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.startsWith("id:")) {
            try {
                return Optional.of(new Known(Long.parseLong(value.substring(3))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (value.startsWith("new:")) {
            String name = TypedText.clean(value.substring(4));
            return name.isEmpty() ? Optional.empty() : Optional.of(new New(name));
        }
        return Optional.empty();
    }
}
