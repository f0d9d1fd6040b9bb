package com.cebot.supportticket;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TicketCardTest {

    @Test
    void shortenLongest_cutsOnlyTheLongest_toOneLength_thatFillsTheRoom() {
        List<String> cut =
                TicketCard.shortenLongest(List.of("a".repeat(100), "b".repeat(5000), "c".repeat(3000)), 4100);

        assertThat(cut).containsExactly("a".repeat(100), "b".repeat(1999) + "…", "c".repeat(1999) + "…");
    }

    @Test
    void shortenLongest_textsThatFit_areLeftWhole() {
        List<String> texts = List.of("a".repeat(100), "b".repeat(200));

        assertThat(TicketCard.shortenLongest(texts, 300)).isEqualTo(texts);
    }

    @Test
    void shortenLongest_neverSplitsAnEntityOrAnEmoji() {
        List<String> cut = TicketCard.shortenLongest(List.of("&amp;".repeat(100), "🙂".repeat(100)), 2 * 23);

        assertThat(cut).containsExactly("&amp;".repeat(4) + "…", "🙂".repeat(11) + "…");
    }

    @Test
    void fitted_answersThatFit_areShownWholeAndEscaped() {
        List<Boolean> saidShortened = new ArrayList<>();

        List<LayoutBlock> blocks =
                TicketCard.fitted(List.of(new TicketCard.Answer("a < b & c", 2900)), (shown, shortened) -> {
                    saidShortened.add(shortened);
                    return List.of(section(s -> s.text(markdownText(shown.get(0)))));
                });

        assertThat(TicketCard.textLength(blocks)).isEqualTo("a &lt; b &amp; c".length());
        assertThat(saidShortened).containsExactly(false);
    }

    @Test
    void fitted_cardOverTheBudget_cutsTheLongestAnswers_untilTheCardFits() {
        List<TicketCard.Answer> answers = List.of(
                new TicketCard.Answer("x".repeat(2900), 2900),
                new TicketCard.Answer("&".repeat(1500), 2900),
                new TicketCard.Answer("y".repeat(2900), 2900),
                new TicketCard.Answer("z".repeat(2900), 2900),
                new TicketCard.Answer("short", 2900));

        List<LayoutBlock> blocks = TicketCard.fitted(answers, (shown, shortened) -> {
            List<LayoutBlock> card = new ArrayList<>();
            shown.forEach(text -> card.add(section(s -> s.text(markdownText("*Title*\n" + text)))));
            card.add(section(s -> s.text(markdownText(shortened ? "shortened" : "whole"))));
            return card;
        });

        assertThat(TicketCard.textLength(blocks))
                .isLessThanOrEqualTo(TicketCard.BLOCK_TEXT_BUDGET)
                .isGreaterThan(TicketCard.BLOCK_TEXT_BUDGET - 10);
        assertThat(blocks.toString()).contains("short", "shortened", "x…", "y…", "z…", "&amp;…");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "  ", "n/a", "N/A", "na.", "None", "none!", "no", "Nothing", "-", "—", " nil "})
    void said_answersThatSayNothing_areEmpty(String answer) {
        assertThat(TicketCard.said(answer)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"No rush", "None of the above apply yet", "n/a for EU, US by Friday", "Not needed"})
    void said_answersThatSaySomething_areKeptAsTyped(String answer) {
        assertThat(TicketCard.said(answer)).contains(answer);
    }

    @Test
    void said_null_isEmpty() {
        assertThat(TicketCard.said(null)).isEmpty();
    }

    @Test
    void excerpt_isOneEscapedLine_cutToItsRoom() {
        assertThat(TicketCard.excerpt("  a <b>\n\n\tc & d  ", 100)).isEqualTo("a &lt;b&gt; c &amp; d");
        assertThat(TicketCard.excerpt("x".repeat(500), 300)).hasSize(300).endsWith("…");
    }

    @Test
    void links_thatDoNotFit_sayHowManyMore_andOneTooLongForTheSection_saysSo() {
        List<TicketLink> links = MaxInputs.longestLinks();

        assertThat(TicketCard.links(links, 1000)).endsWith("\n• and 8 more").hasSizeLessThanOrEqualTo(1000);
        assertThat(TicketCard.links(links.subList(0, 1), 100)).isEqualTo("• 1 link too long to show here");
        assertThat(TicketCard.links(links.subList(0, 1), 1000))
                .isEqualTo("• " + Mrkdwn.link(links.get(0).url(), links.get(0).label()));
    }
}
