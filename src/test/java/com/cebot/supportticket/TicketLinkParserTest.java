package com.cebot.supportticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.supportticket.TicketLink.Kind;
import com.cebot.supportticket.TicketLinkParser.ParseResult;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TicketLinkParserTest {

    private static final String ACCEPTED_EXAMPLE = "such as ZD 1234";

    private final TicketLinkParser parser = new TicketLinkParser("acme");

    private static List<TicketLink> links(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).links();
    }

    private static String refusal(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Refused.class);
        String message = ((ParseResult.Refused) result).message();
        assertThat(message).isNotBlank().hasSizeLessThanOrEqualTo(2000);
        return message;
    }

    @Nested
    final class OneLink {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '\t', quoteCharacter = '"', textBlock = """
                https://acme.slack.com/archives/C0123ABCD/p1700000000123456	SLACK	https://acme.slack.com/archives/C0123ABCD/p1700000000123456	Slack thread	slack:C0123ABCD/1700000000.123456
                https://acme.slack.com/archives/C0123ABCD/p1700000050000200?thread_ts=1700000000.000100&cid=C0123ABCD	SLACK	https://acme.slack.com/archives/C0123ABCD/p1700000050000200?thread_ts=1700000000.000100&cid=C0123ABCD	Slack thread	slack:C0123ABCD/1700000000.000100
                https://acme.slack.com/archives/C0123ABCD/p1700000000123456?cid=C0123ABCD	SLACK	https://acme.slack.com/archives/C0123ABCD/p1700000000123456	Slack thread	slack:C0123ABCD/1700000000.123456
                https://bigco.enterprise.slack.com/archives/G0123ABCD/p1700000000123456	SLACK	https://bigco.enterprise.slack.com/archives/G0123ABCD/p1700000000123456	Slack thread	slack:G0123ABCD/1700000000.123456
                https://acme.slack.com/archives/D0123ABCDEF/p1700000000123456	SLACK	https://acme.slack.com/archives/D0123ABCDEF/p1700000000123456	Slack thread	slack:D0123ABCDEF/1700000000.123456
                https://agency.slack-gov.com/archives/C0123ABCD/p1700000000123456	SLACK	https://agency.slack-gov.com/archives/C0123ABCD/p1700000000123456	Slack thread	slack:C0123ABCD/1700000000.123456
                HTTP://Acme.Slack.com/archives/c0123abcd/p1700000000123456	SLACK	https://acme.slack.com/archives/C0123ABCD/p1700000000123456	Slack thread	slack:C0123ABCD/1700000000.123456
                acme.slack.com/archives/C0123ABCD/p1700000000123456	SLACK	https://acme.slack.com/archives/C0123ABCD/p1700000000123456	Slack thread	slack:C0123ABCD/1700000000.123456
                https://app.slack.com/client/T0123ABCD/C0123ABCD/thread/C0123ABCD-1700000000.123456	SLACK	https://app.slack.com/client/T0123ABCD/C0123ABCD/thread/C0123ABCD-1700000000.123456	Slack thread	slack:C0123ABCD/1700000000.123456
                https://app.slack.com/client/E0123ABCD/C0123ABCD/thread/C0123ABCD-1700000000.123456?cdn_fallback=1	SLACK	https://app.slack.com/client/E0123ABCD/C0123ABCD/thread/C0123ABCD-1700000000.123456	Slack thread	slack:C0123ABCD/1700000000.123456
                https://github.com/owner/repo/issues/12	GITHUB_ISSUE	https://github.com/owner/repo/issues/12	GitHub issue #12 in owner/repo	github:owner/repo#12
                https://github.com/owner/repo/pull/7	GITHUB_PULL	https://github.com/owner/repo/pull/7	GitHub pull request #7 in owner/repo	github:owner/repo#7
                https://github.com/owner/repo/discussions/3	GITHUB_DISCUSSION	https://github.com/owner/repo/discussions/3	GitHub discussion #3 in owner/repo	github:owner/repo#3
                https://github.com/owner/repo/pull/7/files	GITHUB_PULL	https://github.com/owner/repo/pull/7	GitHub pull request #7 in owner/repo	github:owner/repo#7
                https://github.com/owner/repo/issues/12#issuecomment-1234567	GITHUB_ISSUE	https://github.com/owner/repo/issues/12	GitHub issue #12 in owner/repo	github:owner/repo#12
                https://github.com/owner/repo/pull/7?w=1	GITHUB_PULL	https://github.com/owner/repo/pull/7	GitHub pull request #7 in owner/repo	github:owner/repo#7
                https://github.com/owner/repo/issues/12/	GITHUB_ISSUE	https://github.com/owner/repo/issues/12	GitHub issue #12 in owner/repo	github:owner/repo#12
                https://www.github.com/owner/repo/issues/12	GITHUB_ISSUE	https://github.com/owner/repo/issues/12	GitHub issue #12 in owner/repo	github:owner/repo#12
                http://github.com/owner/repo/issues/12	GITHUB_ISSUE	https://github.com/owner/repo/issues/12	GitHub issue #12 in owner/repo	github:owner/repo#12
                github.com/owner/repo/issues/12	GITHUB_ISSUE	https://github.com/owner/repo/issues/12	GitHub issue #12 in owner/repo	github:owner/repo#12
                https://github.com/My-Org/Web.App_2/issues/12	GITHUB_ISSUE	https://github.com/My-Org/Web.App_2/issues/12	GitHub issue #12 in My-Org/Web.App_2	github:my-org/web.app_2#12
                https://acme.zendesk.com/agent/tickets/1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                https://acme.zendesk.com/hc/requests/1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                https://acme.zendesk.com/hc/en-us/requests/1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                http://ACME.Zendesk.com/agent/tickets/1234/events	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                #1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                ZD 1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                ZD#1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                ZD-1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                ZD: 1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                zd1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                zendesk 1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                Zendesk #1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                ticket 1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                ZD ticket #1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                1234	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                "  1234\n"	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                <https://github.com/owner/repo/issues/12>	GITHUB_ISSUE	https://github.com/owner/repo/issues/12	GitHub issue #12 in owner/repo	github:owner/repo#12
                <https://github.com/owner/repo/issues/12|Zendesk #99, urgent>	GITHUB_ISSUE	https://github.com/owner/repo/issues/12	GitHub issue #12 in owner/repo	github:owner/repo#12
                <https://acme.slack.com/archives/C0123ABCD/p1700000050000200?thread_ts=1700000000.000100&amp;cid=C0123ABCD>	SLACK	https://acme.slack.com/archives/C0123ABCD/p1700000050000200?thread_ts=1700000000.000100&cid=C0123ABCD	Slack thread	slack:C0123ABCD/1700000000.000100
                < https://acme.zendesk.com/agent/tickets/1234 >	ZENDESK	https://acme.zendesk.com/agent/tickets/1234	Zendesk #1234	zendesk:1234
                """)
        void parse_acceptedForm_givesOneLink(String field, Kind kind, String url, String label, String ticketKey) {
            List<TicketLink> links = links(parser.parse(field.replace("\\n", "\n")));

            assertThat(links).containsExactly(new TicketLink(kind, url, label, ticketKey));
        }
    }

    /** Only the team's own Zendesk names its tickets: the same number elsewhere is someone else's. */
    @Nested
    final class ZendeskHosts {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '\t', textBlock = """
                https://other.zendesk.com/agent/tickets/1234	other.zendesk.com/agent/tickets/1234
                http://Support-EU.Zendesk.com/agent/tickets/1234/events	support-eu.zendesk.com/agent/tickets/1234
                https://evil-zendesk.com/agent/tickets/1234	evil-zendesk.com/agent/tickets/1234
                https://acme.zendesk.com.evil.io/agent/tickets/1234	acme.zendesk.com.evil.io/agent/tickets/1234
                https://acme.zendesk.com.evil.com/agent/tickets/1	acme.zendesk.com.evil.com/agent/tickets/1
                https://acmezendesk.com/agent/tickets/1234	acmezendesk.com/agent/tickets/1234
                https://zendesk.com/agent/tickets/1234	zendesk.com/agent/tickets/1234
                https://evil.com/agent/tickets/1	evil.com/agent/tickets/1
                https://acme.zendesk.co/agent/tickets/1234	acme.zendesk.co/agent/tickets/1234
                evil-zendesk.com/hc/en-us/requests/77?x=1	evil-zendesk.com/hc/en-us/requests/77
                <https://evil-zendesk.com/agent/tickets/1234|Zendesk #1234>	evil-zendesk.com/agent/tickets/1234
                """)
        void parse_zendeskLinkOnAnotherHost_isAPlainLinkLabelledWithItsAddress(String field, String address) {
            List<TicketLink> links = links(parser.parse(field));

            assertThat(links).containsExactly(new TicketLink(Kind.LINK, "https://" + address, address, null));
            assertThat(TicketLink.ticketKeys(links))
                    .as("names no ticket of ours, so finds and keys no card")
                    .isEmpty();
        }

        @Test
        void parse_sameNumberOnOurZendeskAndAnother_areTwoLinks_onlyOursATicket() {
            List<TicketLink> links = links(
                    parser.parse(
                            "https://other.zendesk.com/agent/tickets/1234 ZD 1234 https://other.zendesk.com/agent/tickets/1234"));

            assertThat(links).extracting(TicketLink::kind).containsExactly(Kind.LINK, Kind.ZENDESK);
            assertThat(TicketLink.ticketKeys(links)).containsExactly("zendesk:1234");
        }

        @Test
        void parse_theConfiguredSubdomainInAnyCase_isOurTicket() {
            List<TicketLink> links =
                    links(new TicketLinkParser("Acme").parse("https://ACME.ZENDESK.COM/agent/tickets/9"));

            assertThat(links)
                    .containsExactly(new TicketLink(
                            Kind.ZENDESK, "https://acme.zendesk.com/agent/tickets/9", "Zendesk #9", "zendesk:9"));
        }

        /**
         * Without {@code zendesk.subdomain} no host is known to be the team's: a full link is still
         * accepted and shown, but threads nothing (ticket numbers are refused, asking for the link).
         */
        @ParameterizedTest(name = "{0}")
        @NullSource
        @ValueSource(strings = {"", "  "})
        void parse_withoutConfiguredSubdomain_everyZendeskLinkIsAPlainLink(String subdomain) {
            List<TicketLink> links =
                    links(new TicketLinkParser(subdomain).parse("https://acme.zendesk.com/agent/tickets/1234"));

            assertThat(links)
                    .containsExactly(new TicketLink(
                            Kind.LINK,
                            "https://acme.zendesk.com/agent/tickets/1234",
                            "acme.zendesk.com/agent/tickets/1234",
                            null));
        }

        @Test
        void parse_hostLongerThanDnsAllows_isRefused() {
            String host = ("a".repeat(60) + ".").repeat(5) + "com";

            refusal(parser.parse("https://" + host + "/agent/tickets/1"));
        }

        @ParameterizedTest(name = "{index}")
        @ValueSource(strings = {"a.", "a-", "a.-"})
        void parse_aFieldFullOfHostCharacters_isRefused_withoutOverflowingTheStack(String unit) {
            String run = unit.repeat(TicketFields.LINK_MAX / unit.length());

            refusal(parser.parse(run));
            refusal(parser.parse("https://" + run.substring(0, TicketFields.LINK_MAX - 40) + "/agent/tickets/1"));
        }

        @Test
        void plainLink_withATicketKey_cannotBeMade() {
            assertThatThrownBy(() -> new TicketLink(Kind.LINK, "https://x.io/agent/tickets/1", "x", "zendesk:1"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TicketLink(Kind.ZENDESK, "https://x.io/agent/tickets/1", "x", null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    final class Refusals {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '\t', quoteCharacter = '"', textBlock = """
                foo	foo
                random words here	random
                https://acme.zendesk.com@evil.com/agent/tickets/1	https://acme.zendesk.com@evil.com/agent…
                https://evil.com/acme.zendesk.com/agent/tickets/1	https://evil.com/acme.zendesk.com/agent…
                https://acme.zendesk.com/agent/tickets/	https://acme.zendesk.com/agent/tickets/
                https://acme.zendesk.com/agent/tickets/0	https://acme.zendesk.com/agent/tickets/0
                ftp://acme.zendesk.com/agent/tickets/1	ftp://acme.zendesk.com/agent/tickets/1
                javascript:alert(1)	javascript:alert(1)
                javascript://github.com/owner/repo/issues/1	javascript://github.com/owner/repo/issu…
                https://github.com/owner/repo	https://github.com/owner/repo
                https://github.com/owner/repo/issues	https://github.com/owner/repo/issues
                https://github.com/o/r/issues/abc	https://github.com/o/r/issues/abc
                https://github.com/o/r/issues/12abc	https://github.com/o/r/issues/12abc
                https://github.com/o/r/pulls/7	https://github.com/o/r/pulls/7
                https://gitlab.com/o/r/-/issues/1	https://gitlab.com/o/r/-/issues/1
                https://acme.slack.com/archives/C0123ABCD	https://acme.slack.com/archives/C0123AB…
                https://acme.slack.com/archives/C0123ABCD/p170000000012	https://acme.slack.com/archives/C0123AB…
                https://acme.slack.com/messages/C0123ABCD	https://acme.slack.com/messages/C0123AB…
                https://app.slack.com/client/T0123ABCD/C0123ABCD	https://app.slack.com/client/T0123ABCD/…
                https://acme.slack.com.evil.com/archives/C0123ABCD/p1700000000123456	https://acme.slack.com.evil.com/archive…
                https://acme.slack.com/archives/C0123456789ABCDEFGHIJK/p1700000000123456	https://acme.slack.com/archives/C012345…
                https://acme-corporation-with-a-name-far-longer-than-any-dns-label-allows.slack.com/archives/C0123ABCD/p1700000000123456	https://acme-corporation-with-a-name-fa…
                <https://evil.example|Zendesk #1>	<https://evil.example|Zendesk #1>
                <!channel>	<!channel>
                <@U0123ABCD>	<@U0123ABCD>
                ZD	ZD
                ZD abc	ZD
                #12abc	#12abc
                ZD 0123	ZD 0123
                #	#
                """)
        void parse_unrecognisedPiece_isRefusedNamingItWithAnExample(String field, String named) {
            String message = refusal(parser.parse(field));

            assertThat(message)
                    .isEqualTo(
                            "\"" + named + "\" is not a link I recognise. Use a Slack message link,"
                                    + " a GitHub issue/PR/discussion URL, a Zendesk ticket URL, or a ticket number such as ZD 1234.");
        }

        @Test
        void parse_oneGoodAndOneBadLink_isRefusedNamingTheBadOne() {
            String message = refusal(parser.parse("https://github.com/owner/repo/issues/12, https://evil.com/x"));

            assertThat(message).startsWith("\"https://evil.com/x\" is not a link I recognise.");
        }

        @Test
        void parse_longUnrecognisedPiece_isShortenedInTheMessage() {
            String field = "https://example.com/" + "a".repeat(3000);

            String message = refusal(parser.parse(field));

            assertThat(message)
                    .startsWith("\"https://example.com/aaaaaaaaaaaaaaaaaaa…\" is not a link")
                    .hasSizeLessThan(250);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @NullSource
        @ValueSource(strings = {"", "   ", "\n\t", " , ; "})
        void parse_blankField_asksForALink(String field) {
            assertThat(refusal(parser.parse(field)))
                    .startsWith("Add at least one link.")
                    .contains(ACCEPTED_EXAMPLE);
        }

        @Test
        void parse_plainNumberNextToOtherLinks_asksForTheZdMarker() {
            String message = refusal(parser.parse("ZD 1234, 5678"));

            assertThat(message)
                    .isEqualTo(
                            "\"5678\" on its own could be any number. Write ZD 5678 for a Zendesk ticket, or paste the full link.");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ZD 12", "#12", "12", "ticket 12"})
        void parse_ticketNumberWithoutConfiguredSubdomain_asksForAFullLink(String field) {
            String message = refusal(new TicketLinkParser(" ").parse(field));

            assertThat(message)
                    .startsWith("\"" + field + "\" needs a full link")
                    .contains("https://yourcompany.zendesk.com/agent/tickets/12");
        }

        @Test
        void parse_elevenLinks_isRefusedSayingTheLimit() {
            String field = IntStream.rangeClosed(1, 11).mapToObj(n -> "ZD " + n).collect(Collectors.joining(", "));

            assertThat(refusal(parser.parse(field)))
                    .isEqualTo("That is 11 links; a card holds at most 10. Keep the 10 that matter most.");
        }
    }

    @Nested
    final class SeveralLinks {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "https://github.com/owner/repo/issues/12 ZD 1234 https://acme.slack.com/archives/C0123ABCD/p1700000000123456",
                    "https://github.com/owner/repo/issues/12,ZD 1234;https://acme.slack.com/archives/C0123ABCD/p1700000000123456",
                    "https://github.com/owner/repo/issues/12\nZD 1234\r\n\nhttps://acme.slack.com/archives/C0123ABCD/p1700000000123456\n",
                    "<https://github.com/owner/repo/issues/12|issue, the bad one>; ZD 1234 ,"
                            + " <https://acme.slack.com/archives/C0123ABCD/p1700000000123456>",
                })
        void parse_separatedPieces_keepTheirOrder(String field) {
            List<TicketLink> links = links(parser.parse(field));

            assertThat(links)
                    .extracting(TicketLink::ticketKey)
                    .containsExactly("github:owner/repo#12", "zendesk:1234", "slack:C0123ABCD/1700000000.123456");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '\t', quoteCharacter = '"', textBlock = """
                ZD 1234, https://acme.zendesk.com/agent/tickets/1234, #1234	Zendesk #1234
                https://github.com/Owner/Repo/issues/12 https://github.com/owner/repo/pull/12	GitHub issue #12 in Owner/Repo
                https://acme.slack.com/archives/C0123ABCD/p1700000000000100 https://acme.slack.com/archives/C0123ABCD/p1700000050000200?thread_ts=1700000000.000100&cid=C0123ABCD	Slack thread
                """)
        void parse_linksToTheSameTicket_collapseToTheFirst(String field, String firstLabel) {
            List<TicketLink> links = links(parser.parse(field));

            assertThat(links).extracting(TicketLink::label).containsExactly(firstLabel);
        }

        @Test
        void parse_duplicatesAmongOthers_keepFirstSeenOrder() {
            List<TicketLink> links = links(parser.parse("ZD 2, ZD 1, #2, ZD 3, ZD 1"));

            assertThat(links).extracting(TicketLink::ticketKey).containsExactly("zendesk:2", "zendesk:1", "zendesk:3");
        }

        @Test
        void parse_tenLinks_isTheMostAccepted() {
            String field = IntStream.rangeClosed(1, TicketLinkParser.MAX_LINKS)
                    .mapToObj(n -> "ZD " + n)
                    .collect(Collectors.joining(" "));

            assertThat(links(parser.parse(field))).hasSize(10);
        }

        @Test
        void parse_elevenPiecesNamingTenTickets_isAccepted() {
            String field =
                    IntStream.rangeClosed(1, 10).mapToObj(n -> "ZD " + n).collect(Collectors.joining(" ")) + " #1";

            assertThat(links(parser.parse(field))).hasSize(10);
        }
    }

    @Nested
    final class Configuration {

        @Test
        void constructor_subdomainIsTrimmedAndLowerCased() {
            List<TicketLink> links = links(new TicketLinkParser("  Acme-EU ").parse("ZD 5"));

            assertThat(links)
                    .extracting(TicketLink::url)
                    .containsExactly("https://acme-eu.zendesk.com/agent/tickets/5");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"acme.zendesk.com", "https://acme.zendesk.com", "ac me", "-acme"})
        void constructor_somethingOtherThanASubdomain_isRefused(String subdomain) {
            assertThatThrownBy(() -> new TicketLinkParser(subdomain))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("acme.zendesk.com");
        }
    }
}
