package com.cebot.supportticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.TestDatabase;
import com.slack.api.app_backend.interactive_components.response.Option;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CustomerSuggestionsTest {

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private CustomerSuggestions suggestions;

    @BeforeEach
    void seed() {
        jdbi = TestDatabase.open(dir);
        jdbi.useExtension(Customers.class, c -> {
            c.named("Acme Corp", Instant.EPOCH);
            c.named("Big Acme", Instant.EPOCH);
            c.named("Globex", Instant.EPOCH);
            c.named("100%_Real", Instant.EPOCH);
        });
        suggestions = new CustomerSuggestions(jdbi);
    }

    private static List<String> texts(List<Option> options) {
        return options.stream().map(o -> o.getText().toString()).toList();
    }

    @Test
    void typed_offersNewNameFirst_thenMatches_prefixFirst() {
        List<Option> options = suggestions.options("acm");

        assertThat(options).extracting(Option::getValue).containsExactly("new:acm", "id:1", "id:2");
    }

    @Test
    void exactName_isNotOfferedAsNew() {
        assertThat(suggestions.options("acme  CORP")).extracting(Option::getValue).containsExactly("id:1");
    }

    @Test
    void likeWildcards_areLiteral() {
        assertThat(suggestions.options("%_")).extracting(Option::getValue).containsExactly("new:%_", "id:4");
    }

    @Test
    void sameNameDifferentCase_isOneCustomer() {
        Customer again = jdbi.withExtension(Customers.class, c -> c.named("  ACME   corp ", Instant.EPOCH));

        assertThat(again.id()).isEqualTo(1);
        assertThat(texts(suggestions.options(""))).isEmpty();
    }

    @Test
    void aLongNameOfEmoji_isCutBetweenCharacters_neverInsideOne() {
        String typed = "a" + "🙂".repeat(60);

        var options = suggestions.options(typed);

        String value = options.get(0).getValue();
        String shown = options.get(0).getText().getText();
        assertThat(value).startsWith("new:");
        assertThat(Character.isHighSurrogate(value.charAt(value.length() - 1))).isFalse();
        assertThat(value.length() - "new:".length()).isLessThanOrEqualTo(CustomerChoice.MAX_NAME);
        assertThat(shown.length()).isLessThanOrEqualTo(75);
        assertThat(shown.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
                .as("no half of an emoji").isEmpty();
    }
}
