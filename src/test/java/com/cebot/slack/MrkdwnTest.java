package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class MrkdwnTest {

    @Nested
    final class Escape {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '\t', quoteCharacter = '"', textBlock = """
                <!channel> please look	&lt;!channel&gt; please look
                <!here>	&lt;!here&gt;
                <!everyone>	&lt;!everyone&gt;
                <!subteam^S0123ABCD|@ce-sdr-collab> help	&lt;!subteam^S0123ABCD|@ce-sdr-collab&gt; help
                <!subteam^S0123ABCD>	&lt;!subteam^S0123ABCD&gt;
                hi <@U0123ABCD>	hi &lt;@U0123ABCD&gt;
                see <#C0123ABCD>	see &lt;#C0123ABCD&gt;
                <https://evil.example|Zendesk #1>	&lt;https://evil.example|Zendesk #1&gt;
                <!date^1392734382^{date}|Feb 18>	&lt;!date^1392734382^{date}|Feb 18&gt;
                a > b	a &gt; b
                Q&A	Q&amp;A
                &lt; typed literally	&amp;lt; typed literally
                """)
        void escape_controlSequence_rendersAsText(String typed, String expected) {
            String escaped = Mrkdwn.escape(typed);

            assertThat(escaped).isEqualTo(expected).doesNotContain("<", ">");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"*bold* _it_ ~gone~ `code`", "It's \"quoted\"", "@channel @here", "café ☕ 😀", ""})
        void escape_textWithoutControlCharacters_isUnchanged(String typed) {
            assertThat(Mrkdwn.escape(typed)).isEqualTo(typed);
        }

        @Test
        void escape_null_givesEmptyText() {
            assertThat(Mrkdwn.escape(null)).isEmpty();
        }
    }

    @Nested
    final class Unescape {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '\t', quoteCharacter = '"', textBlock = """
                a &lt; b &gt; c	a < b > c
                Q&amp;A	Q&A
                &amp;lt; is how you write &lt;	&lt; is how you write <
                <@U0123ABCD> &amp; <!here>	<@U0123ABCD> & <!here>
                &quot;other entities&quot; &#39;stay&#39;	&quot;other entities&quot; &#39;stay&#39;
                dangling & and &am	dangling & and &am
                """)
        void unescape_slackText_givesWhatWasTyped(String slackText, String expected) {
            assertThat(Mrkdwn.unescape(slackText)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"<!channel>", "a & b < c > d", "&amp; &lt; &gt;", "&&&;;", "<https://x|y>", "😀 & 😀"})
        void unescape_undoesEscape(String typed) {
            assertThat(Mrkdwn.unescape(Mrkdwn.escape(typed))).isEqualTo(typed);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"a &lt; b", "Q&amp;A &gt; all", "&amp;lt;", "plain"})
        void escape_undoesUnescape_forTextWithoutControlSequences(String slackText) {
            assertThat(Mrkdwn.escape(Mrkdwn.unescape(slackText))).isEqualTo(slackText);
        }

        @Test
        void unescapeThenEscape_messageWithMention_neitherDoubleEscapesNorPings() {
            String fromSlack = "<!subteam^S0123ABCD|@ce-sdr-collab> is a &lt; b?";

            String shown = Mrkdwn.escape(Mrkdwn.unescape(fromSlack));

            assertThat(shown).isEqualTo("&lt;!subteam^S0123ABCD|@ce-sdr-collab&gt; is a &lt; b?");
        }

        @Test
        void unescape_null_givesEmptyText() {
            assertThat(Mrkdwn.unescape(null)).isEmpty();
        }
    }

    @Nested
    final class Quote {

        @Test
        void quote_everyLine_isQuotedAndEscaped() {
            String quoted = Mrkdwn.quote("Customer says:\n<!channel> it is down\n\n> not a nested quote");

            assertThat(quoted)
                    .isEqualTo("> Customer says:\n> &lt;!channel&gt; it is down\n> \n> &gt; not a nested quote");
        }

        @Test
        void quote_windowsAndOldMacLineBreaks_becomeQuotedLines() {
            assertThat(Mrkdwn.quote("one\r\ntwo\rthree")).isEqualTo("> one\n> two\n> three");
        }

        @Test
        void quote_slackMessageUnescapedFirst_isEscapedOnce() {
            assertThat(Mrkdwn.quote(Mrkdwn.unescape("a &amp; b\n<@U0123ABCD>")))
                    .isEqualTo("> a &amp; b\n> &lt;@U0123ABCD&gt;");
        }

        @Test
        void quote_null_givesOneEmptyQuotedLine() {
            assertThat(Mrkdwn.quote(null)).isEqualTo("> ");
        }
    }

    @Nested
    final class Truncate {

        @ParameterizedTest(name = "\"{0}\" to {1}")
        @CsvSource(delimiter = '\t', quoteCharacter = '"', textBlock = """
                short	10	short
                exactly10!	10	exactly10!
                eleven char	10	eleven ch…
                ab😀cd	4	ab…
                ab😀cd	5	ab😀…
                😀😀😀	5	😀😀…
                a &amp; b	4	a …
                a &amp; b	7	a …
                a &amp; b	8	a &amp;…
                x &lt;y	6	x …
                abc	1	…
                """)
        void truncate_cutsOnlyBetweenWholeCharacters(String text, int max, String expected) {
            assertThat(Mrkdwn.truncate(text, max)).isEqualTo(expected);
        }

        static Stream<Integer> everyLength() {
            return IntStream.rangeClosed(1, 14).boxed();
        }

        @ParameterizedTest(name = "max {0}")
        @MethodSource("everyLength")
        void truncate_emojiText_staysWithinMaxAndNeverSplitsASurrogatePair(int max) {
            String text = "👍🏽 ok 👨‍👩‍👧 done";

            String cut = Mrkdwn.truncate(text, max);

            assertThat(cut.length()).isLessThanOrEqualTo(max);
            assertThat(cut.codePoints())
                    .noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
            assertThat(text).startsWith(cut.endsWith("…") ? cut.substring(0, cut.length() - 1) : cut);
        }

        @Test
        void truncate_null_givesEmptyText() {
            assertThat(Mrkdwn.truncate(null, 5)).isEmpty();
        }

        @Test
        void truncate_maxBelowOne_isRefused() {
            assertThatThrownBy(() -> Mrkdwn.truncate("text", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    final class Link {

        @ParameterizedTest(name = "{1}")
        @CsvSource(delimiter = '\t', quoteCharacter = '"', textBlock = """
                https://acme.zendesk.com/agent/tickets/1	Zendesk #1	<https://acme.zendesk.com/agent/tickets/1|Zendesk #1>
                https://x.example/a	<!channel>	<https://x.example/a|&lt;!channel&gt;>
                https://x.example/a	ok> <!here>	<https://x.example/a|ok&gt; &lt;!here&gt;>
                https://x.example/a	Q&A | more	<https://x.example/a|Q&amp;A | more>
                https://x.example/a	<https://evil.example|Zendesk #1>	<https://x.example/a|&lt;https://evil.example|Zendesk #1&gt;>
                """)
        void link_label_isEscaped(String url, String label, String expected) {
            assertThat(Mrkdwn.link(url, label)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '\t', quoteCharacter = '"', textBlock = """
                https://x.example/a|<!channel>	<https://x.example/a%7C%3C!channel%3E|label>
                https://x.example/a>b<c	<https://x.example/a%3Eb%3Cc|label>
                https://acme.slack.com/archives/C0123ABCD/p1700000000000100?thread_ts=1700000000.000100&cid=C0123ABCD	<https://acme.slack.com/archives/C0123ABCD/p1700000000000100?thread_ts=1700000000.000100&amp;cid=C0123ABCD|label>
                """)
        void link_urlCharactersThatWouldBreakTheLink_areEncoded(String url, String expected) {
            assertThat(Mrkdwn.link(url, "label")).isEqualTo(expected);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", " "})
        void link_blankLabel_givesBareLink(String label) {
            assertThat(Mrkdwn.link("https://x.example/a", label)).isEqualTo("<https://x.example/a>");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"javascript:alert(1)", "ftp://x.example/a", "x.example/a", "https://x.example/a b", ""})
        void link_notAWebUrl_isRefused(String url) {
            assertThatThrownBy(() -> Mrkdwn.link(url, "label")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void link_nullUrl_isRefused() {
            assertThatThrownBy(() -> Mrkdwn.link(null, "label")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @org.junit.jupiter.api.Test
    void plain_replacesAngleBrackets_soNoSequenceSurvives() {
        assertThat(Mrkdwn.plain("Acme <!channel> <@U1>")).isEqualTo("Acme ‹!channel› ‹@U1›");
        assertThat(Mrkdwn.plain(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'hi <@U0ABC>'|'hi @U0ABC'",
                "'<@U0ABC|ana> and <#C0GEN|general>'|'@ana and #general'",
                "'<!subteam^S0SDR|@ce-sdr-collab> <!subteam^S0X>'|'@ce-sdr-collab @group'",
                "'<!channel> <!here|here> <!everyone>'|'@channel @here @everyone'",
                "'<!date^1392734382^{date}|Feb 18, 2014>'|'Feb 18, 2014'",
                "'<https://a.example/?x=1&amp;y=2|the doc> <https://b.example>'|'the doc (https://a.example/?x=1&y=2) https://b.example'",
                "'a &lt;b&gt; &amp;lt; c'|'a <b> &lt; c'",
                "'<mailto:a@b.example|a@b.example>'|'a@b.example (mailto:a@b.example)'",
            })
    void readable_turnsControlSequencesIntoWhatAPersonSees(String slackText, String expected) {
        assertThat(Mrkdwn.readable(slackText)).isEqualTo(expected);
    }
}
