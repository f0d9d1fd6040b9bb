package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.supportticket.MaxInputs;
import com.cebot.supportticket.SlackChecks;
import com.cebot.supportticket.SlackChecks.Known;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What Home shows of a question: its words on one line, safe, people kept as mentions, the group tag left out. */
final class QuestionTextTest {

    private static final String GROUP = "S0SDR";

    @Test
    void aMessage_losesTheGroupTag_keepsPeople_andShowsEverythingElseAsWords() {
        String text = QuestionText.ofMessage(
                "<!subteam^" + GROUP + "|@ce-sdr-collab> does <@U0ACME|ada> get SSO"
                        + " &amp; SCIM?\nSee <https://acme.example/deal|the deal> in <#C0DEALS|deals> <!here>",
                GROUP);

        assertThat(text)
                .isEqualTo("does <@U0ACME> get SSO &amp; SCIM? See the deal (https://acme.example/deal) in"
                        + " #deals @here");
    }

    @Test
    void typedText_isEscaped_onOneLine() {
        assertThat(QuestionText.ofTyped("  Is <!channel> & co\n\non the  <@U1> plan? "))
                .isEqualTo("Is &lt;!channel&gt; &amp; co on the &lt;@U1&gt; plan?");
    }

    @Test
    void aLongQuestion_isShortenedWithAnEllipsis_neverMidMention() {
        String text = QuestionText.ofMessage("x".repeat(QuestionText.SHOWN - 1) + " <@U0LONG> and more", GROUP);

        assertThat(text).endsWith("…").doesNotContain("<@U0");
        assertThat(QuestionText.ofTyped("y".repeat(5000))).hasSize(QuestionText.SHOWN);
    }

    @Test
    void aQuestionOfNothingButTheTag_hasNoWords() {
        assertThat(QuestionText.ofMessage("<!subteam^" + GROUP + ">  ", GROUP)).isNull();
        assertThat(QuestionText.ofMessage(null, GROUP)).isNull();
    }

    static List<Named<String>> typed() {
        return MaxInputs.texts(AskModal.QUESTION_MAX, 20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typed")
    void whateverWasTyped_isSafeMrkdwn_andShort(String question) {
        String text = QuestionText.ofTyped(question);

        if (text != null) {
            SlackChecks.assertText(text, Known.of(List.of()));
            assertThat(text.length()).isLessThanOrEqualTo(QuestionText.SHOWN * 5);
        }
    }
}
