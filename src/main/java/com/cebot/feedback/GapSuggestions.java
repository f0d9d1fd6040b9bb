package com.cebot.feedback;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.cebot.slack.Mrkdwn;
import com.cebot.slack.TypedText;
import com.slack.api.app_backend.interactive_components.response.Option;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * The gap typeahead. Gaps whose title holds every word typed are offered, best match first (the
 * whole title, then a title that starts with what was typed, holds it, or holds each word), then
 * the gaps more customers want; each option shows the gap's status and how many customers want it.
 * In the share form, "New gap: …" with what was typed comes last, unless a gap has that very title.
 */
final class GapSuggestions {

    /** Slack shows up to 100; a short list reads better, and a word more narrows it. */
    static final int SHOWN = 20;
    /** Rows read for ranking: gaps holding the longest word typed, most wanted first. */
    private static final int CANDIDATES = 500;

    private static final int OPTION_TEXT = 75;

    private final Jdbi jdbi;

    GapSuggestions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** For the share form: gaps that take feedback, and a new one. */
    List<Option> forShare(String typed) {
        String text = clean(typed);
        if (text.isEmpty()) {
            return List.of();
        }
        List<Gap> ranked = ranked(text, -1, false);
        boolean exact = ranked.stream().anyMatch(g -> key(g.title()).equals(key(text)));
        List<Option> options = new java.util.ArrayList<>(ranked.stream()
                .limit(exact ? SHOWN : SHOWN - 1)
                .map(GapSuggestions::option)
                .toList());
        if (!exact) {
            String title = head(text, GapChoice.MAX_TITLE);
            options.add(new Option(
                    plainText(Mrkdwn.truncate("New gap: " + Mrkdwn.plain(title), OPTION_TEXT)),
                    GapChoice.value(new GapChoice.New(title))));
        }
        return options;
    }

    /** For a merge: any gap not merged itself, closed ones too, but not the gap being merged. */
    List<Option> forMerge(String typed, long merging) {
        String text = clean(typed);
        if (text.isEmpty()) {
            return List.of();
        }
        return ranked(text, merging, true).stream()
                .limit(SHOWN)
                .map(GapSuggestions::option)
                .toList();
    }

    /** "SSO with Okta groups · In review · 3 customers", within Slack's 75 characters. */
    static String optionText(Gap g) {
        String suffix = " · " + g.status().label() + " · " + GapCard.customers(g.customers());
        return Mrkdwn.truncate(Mrkdwn.plain(g.title()), OPTION_TEXT - suffix.length()) + suffix;
    }

    private static Option option(Gap g) {
        return new Option(plainText(optionText(g)), GapChoice.value(new GapChoice.Existing(g.id())));
    }

    private List<Gap> ranked(String text, long excluding, boolean closedToo) {
        String phrase = key(text);
        List<String> words = Arrays.stream(phrase.split(" ")).distinct().toList();
        String longest =
                words.stream().max(Comparator.comparingInt(String::length)).orElse(phrase);
        String escaped = longest.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        List<Gap> candidates = jdbi.withExtension(
                FeedbackRepository.class, r -> r.titled("%" + escaped + "%", excluding, closedToo, CANDIDATES));
        return candidates.stream()
                .filter(g -> words.stream().allMatch(w -> key(g.title()).contains(w)))
                .sorted(Comparator.comparingInt((Gap g) -> match(key(g.title()), phrase, words))
                        .thenComparing(Comparator.comparingInt(Gap::customers).reversed())
                        .thenComparing(Comparator.comparingLong(Gap::id).reversed()))
                .toList();
    }

    /** 0 the whole title, 1 starts with the phrase, 2 holds it, 3 each word starts a word, 4 holds each word. */
    static int match(String title, String phrase, List<String> words) {
        if (title.equals(phrase)) {
            return 0;
        }
        if (title.startsWith(phrase)) {
            return 1;
        }
        if (title.contains(phrase)) {
            return 2;
        }
        String spaced = " " + title;
        return words.stream().allMatch(w -> spaced.contains(" " + w)) ? 3 : 4;
    }

    /** Case and spacing folded, as titles are stored for search. */
    static String key(String title) {
        return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String clean(String typed) {
        return TypedText.clean(typed).replaceAll("\\s+", " ");
    }

    /** The first {@code max} characters, never half of an emoji. */
    private static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
}
