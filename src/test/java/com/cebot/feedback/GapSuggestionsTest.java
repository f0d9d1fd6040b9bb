package com.cebot.feedback;

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

/** The gap typeahead over a real store: what it offers, in which order, and "New gap" last. */
final class GapSuggestionsTest {

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private GapSuggestions suggestions;

    @BeforeEach
    void open() {
        jdbi = TestDatabase.open(dir);
        suggestions = new GapSuggestions(jdbi);
    }

    /** A gap with {@code customers} customers wanting it; returns its id. */
    private long gap(String title, String status, Long mergedInto, int customers) {
        return jdbi.inTransaction(h -> {
            long id = h.attach(FeedbackRepository.class)
                    .insertGap(title, GapSuggestions.key(title), "Search", "card:" + title, Instant.EPOCH);
            h.createUpdate("UPDATE feedback_gap SET status = :s, merged_into = :m WHERE id = :id")
                    .bind("s", status)
                    .bind("m", mergedInto)
                    .bind("id", id)
                    .execute();
            for (int i = 0; i < customers; i++) {
                long customer = h.createQuery("INSERT INTO customer (name, name_key, created_at) VALUES (:n, :n,"
                                + " '2026-01-01T00:00:00.000Z') RETURNING id")
                        .bind("n", title + i)
                        .mapTo(Long.class)
                        .one();
                h.attach(FeedbackRepository.class)
                        .insertSubmission(
                                "V" + id + "-" + i,
                                id,
                                customer,
                                "U0CE",
                                false,
                                "need",
                                "minor",
                                null,
                                null,
                                null,
                                null,
                                null,
                                Instant.EPOCH);
            }
            return id;
        });
    }

    private static List<String> texts(List<Option> options) {
        return options.stream().map(o -> o.getText().getText()).toList();
    }

    @Test
    void bestMatchFirst_thenMostCustomers_andNewGapLast() {
        gap("SSO with Okta groups", "open", null, 1);
        gap("Single sign-on via Okta for SSO admins", "in_review", null, 2);
        gap("Okta SSO", "open", null, 3);
        gap("Okta", "scheduled", null, 9);
        gap("Okta SSO, the old ask", "resolved", null, 4);
        long target = gap("Okta SSO again", "open", null, 0);
        gap("Okta SSO twice", "open", target, 0);

        List<Option> exact = suggestions.forShare("  OKTA   sso ");
        List<Option> words = suggestions.forShare("sso okta");

        assertThat(texts(exact))
                .containsExactly(
                        "Okta SSO · Open · 3 customers",
                        "Okta SSO again · Open · 0 customers",
                        "Single sign-on via Okta for SSO admins · In review · 2 customers",
                        "SSO with Okta groups · Open · 1 customer");
        assertThat(texts(words))
                .containsExactly(
                        "Okta SSO · Open · 3 customers",
                        "Single sign-on via Okta for SSO admins · In review · 2 customers",
                        "SSO with Okta groups · Open · 1 customer",
                        "Okta SSO again · Open · 0 customers",
                        "New gap: sso okta");
        assertThat(words.get(words.size() - 1).getValue()).isEqualTo("new:sso okta");
        assertThat(words.get(0).getValue()).startsWith("gap:");
    }

    @Test
    void aGapWithThatVeryTitle_takesThePlaceOfNewGap() {
        gap("Dark mode", "open", null, 1);

        assertThat(texts(suggestions.forShare("dark MODE"))).containsExactly("Dark mode · Open · 1 customer");
        assertThat(suggestions.forShare(" \u200B ")).isEmpty();
    }

    @Test
    void mergeTargets_includeClosedGaps_butNeitherTheGapMergedNorMergedOnes() {
        long merging = gap("Dark mode", "open", null, 1);
        gap("Dark mode, done", "resolved", null, 2);
        long target = gap("Dark mode for admins", "open", null, 0);
        gap("Dark mode twice", "open", target, 0);

        assertThat(texts(suggestions.forMerge("dark", merging)))
                .containsExactly(
                        "Dark mode, done · Resolved · 2 customers", "Dark mode for admins · Open · 0 customers");
    }

    @Test
    void wildcardsTyped_matchThemselves() {
        gap("100% uptime", "open", null, 0);
        gap("1000 uptime", "open", null, 0);

        assertThat(texts(suggestions.forShare("100%")))
                .containsExactly("100% uptime · Open · 0 customers", "New gap: 100%");
    }
}
