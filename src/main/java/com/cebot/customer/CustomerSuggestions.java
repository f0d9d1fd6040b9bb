package com.cebot.customer;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.cebot.slack.Mrkdwn;
import com.cebot.slack.TypedText;
import com.slack.api.app_backend.interactive_components.response.Option;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Options for the Customer Name select: customers on record that match what was typed, and what
 * was typed itself as a new customer unless it is already one of them.
 */
public final class CustomerSuggestions {

    private static final int LIMIT = 20;

    private final Jdbi jdbi;

    public CustomerSuggestions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Option> options(String typed) {
        String text = TypedText.clean(typed).replaceAll("\\s+", " ");
        List<Option> options = new ArrayList<>();
        if (text.isEmpty()) {
            return options;
        }
        List<Customer> known = jdbi.withExtension(Customers.class, c -> c.matching(text, LIMIT));
        boolean exact = known.stream().anyMatch(c -> Customer.key(c.name()).equals(Customer.key(text)));
        if (!exact) {
            String name = head(text, CustomerChoice.MAX_NAME);
            options.add(option("New customer: " + name, CustomerChoice.value(new CustomerChoice.New(name))));
        }
        known.forEach(c -> options.add(option(c.name(), CustomerChoice.value(new CustomerChoice.Known(c.id())))));
        return options;
    }

    private static Option option(String text, String value) {
        return new Option(plainText(Mrkdwn.truncate(text, 75)), value);
    }

    /** The first {@code max} characters, never half of an emoji. */
    private static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
}
