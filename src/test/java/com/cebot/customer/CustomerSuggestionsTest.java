package com.cebot.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.db.Database;
import com.cebot.db.Store;
import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import com.slack.api.app_backend.interactive_components.response.Option;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
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
        assertThat(suggestions.options("acme  CORP"))
                .extracting(Option::getValue)
                .containsExactly("id:1");
    }

    /** What was typed is compared as it is: % and _ are no wildcards. */
    @Test
    void wildcards_areLiteral() {
        assertThat(suggestions.options("100%_")).extracting(Option::getValue).containsExactly("new:100%_", "id:4");
        assertThat(suggestions.options("%")).extracting(Option::getValue).containsExactly("new:%");
        assertThat(suggestions.options("_")).extracting(Option::getValue).containsExactly("new:_", "id:4");
    }

    @Test
    void typedAcrossWords_findsTheNameFromThatWordOn() {
        jdbi.useExtension(Customers.class, c -> c.named("Initech (EU) - Widgets & Co", Instant.EPOCH));

        assertThat(suggestions.options("acme c")).extracting(Option::getValue).containsExactly("new:acme c", "id:1");
        assertThat(suggestions.options("eu")).extracting(Option::getValue).containsExactly("new:eu", "id:5");
        assertThat(suggestions.options("widgets & c"))
                .extracting(Option::getValue)
                .containsExactly("new:widgets & c", "id:5");
        assertThat(suggestions.options("cme"))
                .as("inside a word")
                .extracting(Option::getValue)
                .containsExactly("new:cme");
    }

    @Test
    void aNameWithTheSameWordTwice_isOfferedOnce() {
        jdbi.useExtension(Customers.class, c -> c.named("Echo Echo", Instant.EPOCH));

        assertThat(suggestions.options("ech")).extracting(Option::getValue).containsExactly("new:ech", "id:5");
    }

    @Test
    void manyMatches_offerAtMostTwenty_namesStartingWithItFirst() {
        jdbi.useExtension(Customers.class, c -> {
            for (int i = 0; i < 30; i++) {
                c.named("Zeta " + i, Instant.EPOCH);
                c.named("Old Zeta " + i, Instant.EPOCH);
            }
        });

        List<String> shown = suggestions.options("zeta").stream()
                .map(o -> o.getText().getText())
                .toList();

        assertThat(shown).hasSize(21).first().asString().startsWith("New customer");
        assertThat(shown.subList(1, 21)).allMatch(name -> name.startsWith("Zeta "));
    }

    /** A keystroke reads only the rows it shows, however many customers there are. */
    @Test
    void typeahead_readsIndexes_neverTheWholeTable() {
        QueryPlans.assertIndexedAndBounded(jdbi, Customers.class);
    }

    @Test
    void laterWords_startAfterAnythingButALetterOrDigit_exceptAtASpace() {
        assertThat(Customer.laterWords("big acme corp")).containsExactly("acme corp", "corp");
        assertThat(Customer.laterWords("initech (eu) - x")).containsExactly("(eu) - x", "eu) - x", "- x", "x");
        assertThat(Customer.laterWords("é🙂b")).containsExactly("🙂b", "b");
        assertThat(Customer.laterWords("acme")).isEmpty();
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
                .as("no half of an emoji")
                .isEmpty();
    }

    /** Customers on record before the word index existed get the rows a new customer would. */
    @Test
    void customersOnRecordBeforeTheWordIndex_getTheirLaterWordsByTheSameRule(@TempDir Path older) {
        Store store = TestDatabase.unmigrated(older);
        javax.sql.DataSource file = TestDatabase.dataSource(store);
        Flyway.configure()
                .dataSource(file)
                .locations(Database.migrations(store.kind()))
                .target("13")
                .load()
                .migrate();
        List<String> names = List.of("big acme corp", "initech (eu) - widgets & co", "é🙂b", "100%_real", "a", "x-");
        Jdbi before = Jdbi.create(file);
        for (int i = 0; i < names.size(); i++) {
            int id = i + 1;
            String name = names.get(i);
            before.useHandle(h -> h.execute(
                    "INSERT INTO customer (id, name, name_key, created_at) VALUES (?, ?, ?, ?)",
                    id,
                    name,
                    name,
                    "2026-11-20T10:00:00.000Z"));
        }

        Jdbi after = Database.open(store);

        for (int i = 0; i < names.size(); i++) {
            int id = i + 1;
            List<String> tails = after.withHandle(h -> h.createQuery(
                            "SELECT tail FROM customer_word WHERE customer_id = ? ORDER BY length(tail) DESC")
                    .bind(0, id)
                    .mapTo(String.class)
                    .list());
            assertThat(tails).as(names.get(i)).containsExactlyElementsOf(Customer.laterWords(names.get(i)));
        }
    }
}
