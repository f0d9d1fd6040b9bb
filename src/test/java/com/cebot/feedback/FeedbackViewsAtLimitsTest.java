package com.cebot.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Permalinks;
import com.cebot.supportticket.MaxInputs;
import com.cebot.supportticket.SlackChecks;
import com.cebot.supportticket.SlackChecks.Known;
import com.cebot.supportticket.TicketCard;
import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every modal, card, thread reply, note, DM and digest of product feedback stays within Slack's
 * limits and safe for everything the forms and settings accept: each field at its maximum, of the
 * characters that grow most when escaped, of emoji and of mentions, and seeded random mixes
 * ({@link MaxInputs}). The only mentions are those the bot adds (the person who shared, the product
 * team member who acted); the only links, the ones it was given.
 */
final class FeedbackViewsAtLimitsTest {

    private static final String CHANNEL = "C0123456789AB";
    private static final String CE = "U0CE";
    private static final String PM = "U0PM";
    private static final String TEAM_URL =
            MaxInputs.LONGEST_PERMALINK.substring(0, MaxInputs.LONGEST_PERMALINK.indexOf("/archives") + 1);
    private static final String PERMALINK = MaxInputs.LONGEST_PERMALINK;
    private static final Instant AT = Instant.parse("2026-11-23T18:00:00Z");
    private static final String LONGEST_LINK = "https://" + "x".repeat(ShareModal.LINK_MAX - 8);
    private static final String LONGEST_RECORD = "https://" + "r".repeat(GapModals.RECORD_MAX - 8);

    /** One kind of worst text in every field; the kinds of {@link MaxInputs#texts}, then random mixes. */
    record Inputs(
            String title,
            String category,
            String customer,
            String need,
            String blocks,
            String workaround,
            String note) {}

    static Stream<Named<Inputs>> inputs() {
        List<Named<Inputs>> cases = new ArrayList<>();
        List<Named<String>> names = MaxInputs.customerNames();
        for (int kind = 0; kind < MaxInputs.textKinds(); kind++) {
            cases.add(Named.of(
                    "every field " + MaxInputs.texts(10, 0).get(kind).getName().replace("10 ", ""),
                    new Inputs(
                            MaxInputs.text(GapChoice.MAX_TITLE, kind),
                            MaxInputs.text(75, kind),
                            names.get(kind % names.size()).getPayload(),
                            MaxInputs.text(ShareModal.NEED_MAX, kind),
                            MaxInputs.text(ShareModal.BLOCKS_MAX, kind),
                            MaxInputs.text(ShareModal.WORKAROUND_MAX, kind),
                            MaxInputs.text(GapModals.NOTE_MAX, kind))));
        }
        Random random = new Random(MaxInputs.SEED);
        IntStream.range(0, 10)
                .forEach(n -> cases.add(Named.of(
                        "random " + n,
                        new Inputs(
                                MaxInputs.randomText(random, GapChoice.MAX_TITLE),
                                MaxInputs.randomText(random, 75),
                                MaxInputs.randomText(random, CustomerChoice.MAX_NAME),
                                MaxInputs.randomText(random, ShareModal.NEED_MAX),
                                MaxInputs.randomText(random, ShareModal.BLOCKS_MAX),
                                MaxInputs.randomText(random, ShareModal.WORKAROUND_MAX),
                                MaxInputs.randomText(random, GapModals.NOTE_MAX)))));
        return cases.stream();
    }

    private static Gap gap(Inputs in, GapStatus status, Long mergedInto, int customers) {
        return new Gap(
                Long.MAX_VALUE,
                in.title(),
                in.category(),
                status,
                mergedInto,
                LONGEST_RECORD,
                9,
                "k",
                CHANNEL,
                "1700000000.000100",
                AT,
                customers,
                customers / 3,
                customers / 3,
                customers - 2 * (customers / 3));
    }

    private static Submission submission(Inputs in, String customer, boolean anonymous) {
        return new Submission(
                Long.MAX_VALUE,
                "V1",
                1,
                2,
                customer,
                CE,
                anonymous,
                in.need(),
                Severity.BLOCKER,
                in.blocks(),
                in.workaround(),
                LONGEST_LINK,
                AT);
    }

    private static Known known() {
        return Known.of(List.of(), CE, PM)
                .channel(CHANNEL)
                .url(LONGEST_LINK)
                .url(LONGEST_RECORD)
                .url(PERMALINK)
                .url(new Permalinks(TEAM_URL).message(CHANNEL, "1700000000.000100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void card_inEveryState_fitsSlack(Inputs in) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < GapCard.NAMES_READ; i++) {
            names.add(
                    i % 2 == 0
                            ? in.customer()
                            : MaxInputs.customerNames().get(i % 4).getPayload());
        }
        for (GapStatus status : GapStatus.values()) {
            Gap gap = gap(in, status, null, 10_000);
            GapCard.View view =
                    new GapCard.View(gap, names, Optional.of(submission(in, in.customer(), false)), Optional.empty());
            assertCard(GapCard.text(view), GapCard.blocks(view));
        }
        GapCard.View merged = new GapCard.View(
                gap(in, GapStatus.OPEN, 1L, 3),
                names,
                Optional.of(submission(in, in.customer(), true)),
                Optional.of(new GapCard.MergedInto(in.title(), PERMALINK)));
        assertCard(GapCard.text(merged), GapCard.blocks(merged));
        GapCard.View empty = new GapCard.View(
                gap(in, GapStatus.OPEN, null, 0),
                List.of(),
                Optional.empty(),
                Optional.of(new GapCard.MergedInto(in.title(), null)));
        assertCard(GapCard.text(empty), GapCard.blocks(empty));
    }

    private static void assertCard(String text, List<LayoutBlock> blocks) {
        SlackChecks.assertMessage(text, blocks, known());
        assertThat(TicketCard.textLength(blocks)).isLessThanOrEqualTo(TicketCard.BLOCK_TEXT_BUDGET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void threadReply_ofTheMostCustomers_namedOrNot_fitsSlack(Inputs in) {
        for (boolean anonymous : List.of(false, true)) {
            List<Submission> share = new ArrayList<>();
            for (int i = 0; i < ShareModal.MAX_CUSTOMERS; i++) {
                share.add(submission(in, MaxInputs.customerNames().get(i % 4).getPayload() + i % 10, anonymous));
            }
            share.set(0, submission(in, in.customer(), anonymous));
            assertCard(FeedbackThread.replyText(share), FeedbackThread.reply(share));
            if (anonymous) {
                assertThat(FeedbackThread.replyText(share) + FeedbackThread.reply(share))
                        .doesNotContain(CE);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void notesAndDms_fitSlack(Inputs in) {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            customers.add(in.customer());
        }
        for (GapStatus status : GapStatus.values()) {
            SlackChecks.assertText(FeedbackThread.statusNote(status, GapStatus.OPEN, PM, in.note()), known());
            SlackChecks.assertText(
                    FeedbackNotices.statusChanged(in.title(), status, PM, in.note(), customers, PERMALINK), known());
            SlackChecks.assertText(
                    FeedbackNotices.merged(in.title(), in.title(), status, PM, in.note(), PERMALINK), known());
        }
        SlackChecks.assertText(FeedbackThread.mergedAway(in.title(), PERMALINK, PM, 10_000, in.note()), known());
        SlackChecks.assertText(FeedbackThread.mergedIn(in.title(), null, PM, 1, in.note()), known());
        SlackChecks.assertText(FeedbackNotices.postedWithoutName(in.title(), CHANNEL, PERMALINK), known());
        SlackChecks.assertText(FeedbackNotices.refused(CHANNEL, in.note()), known());
        SlackChecks.assertText(FeedbackNotices.notProductTeam("<@" + PM + ">"), known());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void modals_withTheLongestPrefills_fitSlack(Inputs in) {
        List<String> categories = new ArrayList<>(List.of(FeedbackFeature.NEUTRAL_CATEGORY));
        for (int i = 0; i < FeedbackFeature.MAX_CATEGORIES; i++) {
            categories.add(head(i + " " + in.category(), 75));
        }
        Gap gap = gap(in, GapStatus.IN_REVIEW, null, 7);
        ShareModal.PickedGap picked = new ShareModal.PickedGap(GapSuggestions.optionText(gap), "gap:" + Long.MAX_VALUE);
        for (String quote :
                MaxInputs.shortcutQuotes().stream().map(Named::getPayload).toList()) {
            for (boolean newGap : List.of(false, true)) {
                SlackChecks.assertView(
                        ShareModal.build(
                                CHANNEL,
                                categories,
                                new ShareModal.Prefill(quote, PERMALINK, CHANNEL, "1700000000.000100", picked),
                                newGap),
                        known());
            }
        }
        SlackChecks.assertView(GapModals.status(gap), known());
        SlackChecks.assertView(GapModals.merge(gap), known());
        SlackChecks.assertView(GapModals.record(gap), known());
    }

    /** The first {@code max} characters, never half of an emoji, as the settings would hold them. */
    private static String head(String text, int max) {
        return text.length() <= max
                ? text
                : text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void typeaheadOption_fitsSlack_andShowsNoAngleBrackets(Inputs in) {
        for (GapStatus status : GapStatus.values()) {
            String text = GapSuggestions.optionText(gap(in, status, null, 1_000_000));
            assertThat(text.codePointCount(0, text.length())).isBetween(1, 75);
            assertThat(text).doesNotContain("<", ">").endsWith(status.label() + " · 1000000 customers");
        }
        assertThat(GapChoice.value(new GapChoice.New(in.title())).length()).isLessThanOrEqualTo(150);
    }

    @Test
    void digest_ofABusyWeek_fitsSlack_andSaysHowManyMoreThereWere() {
        Inputs in = inputs().toList().get(4).getPayload();
        List<Gap> many = new ArrayList<>();
        List<DigestFigures.Change> changes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(gap(in, GapStatus.OPEN, null, i));
            changes.add(new DigestFigures.Change(
                    i,
                    in.title(),
                    CHANNEL,
                    "1700000000.000100",
                    i % 2 == 0 ? "status" : "merged",
                    GapStatus.RESOLVED,
                    GapStatus.OPEN,
                    in.title(),
                    AT));
        }
        FeedbackDigest digest = new FeedbackDigest(
                null,
                null,
                new Permalinks(TEAM_URL),
                CHANNEL,
                java.time.DayOfWeek.MONDAY,
                9,
                java.time.ZoneId.of("America/Los_Angeles"));
        DigestFigures figures = new DigestFigures(1_000_000, 1_000_000, many, many.subList(0, 10), changes);

        String text = digest.text(figures, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30));

        SlackChecks.assertText(text, known());
        assertThat(text.length()).isLessThanOrEqualTo(FeedbackDigest.TEXT_MAX);
        assertThat(text)
                .contains("*New gaps*", "*Most wanted*", "*Status changes*")
                .containsPattern("… and \\d+ more");
    }
}
