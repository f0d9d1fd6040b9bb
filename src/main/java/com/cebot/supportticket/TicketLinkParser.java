package com.cebot.supportticket;

import com.cebot.config.ConfigSection;
import com.cebot.slack.Mrkdwn;
import com.cebot.supportticket.TicketLink.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the "Link to issue (Slack / GH / ZD ticket #)" field of both support ticket modals.
 *
 * <p>The field holds one or more pieces separated by whitespace, commas or semicolons. Each piece
 * is one of:
 * <ul>
 *   <li>a Slack message link: {@code https://<workspace>.slack.com/archives/<channel>/p<16 digits>},
 *       with or without {@code ?thread_ts=…&cid=…}, on {@code enterprise.slack.com} and
 *       {@code slack-gov.com} hosts too, or an {@code https://app.slack.com/client/<team>/<channel>/thread/<channel>-<ts>}
 *       link;</li>
 *   <li>a GitHub issue, pull request or discussion URL; a trailing {@code /files}, comment anchor
 *       or query is dropped;</li>
 *   <li>a Zendesk ticket URL, agent ({@code /agent/tickets/n}) or help centre
 *       ({@code /hc/requests/n}, optionally with a locale). Only a link on the configured
 *       subdomain ({@code <subdomain>.zendesk.com}) is labelled as a ticket and finds or keys a
 *       card: the same number on another host (another company's Zendesk, a look-alike such as
 *       {@code evil-zendesk.com} or {@code acme.zendesk.com.evil.io}) is another ticket or none, so
 *       it is kept as a plain link, labelled with its own address. Without a configured subdomain
 *       no host is known to be the team's, and every Zendesk link is a plain link;</li>
 *   <li>a ticket number with a marker: {@code #1234}, {@code ZD 1234}, {@code ZD#1234},
 *       {@code ZD-1234}, {@code zd1234}, {@code Zendesk #1234}, {@code ticket 1234},
 *       {@code ZD ticket #1234}; it becomes a link on the configured Zendesk subdomain;</li>
 *   <li>a plain number such as {@code 1234}, but only when it is the whole field. The field asks
 *       for a "ZD ticket #", so a lone number is what a support engineer types for a Zendesk
 *       ticket. Next to other links a bare number is as likely to be a GitHub number or a stray
 *       fragment, so there it is refused with a hint to write {@code ZD 1234}.</li>
 * </ul>
 * URLs may lack the scheme, use http (they are turned into https) or come wrapped the way Slack
 * writes links, {@code <https://…>} or {@code <https://…|label>}; a label is ignored.
 *
 * <p>Links to the same ticket collapse into one, in the order given. Any piece that is not
 * recognised refuses the whole field, naming that piece, so nothing the CE typed is silently lost.
 */
public final class TicketLinkParser {

    /** Most links one card shows; more would bury the context itself. */
    public static final int MAX_LINKS = 10;

    private static final int SHOWN_PIECE_LENGTH = 40;
    private static final String ACCEPTED =
            "Use a Slack message link, a GitHub issue/PR/discussion URL, a Zendesk ticket URL,"
                    + " or a ticket number such as ZD 1234.";

    private static final String SCHEME = "(?:https?://)?";
    private static final String ANY_REST = "(?:[/?#].*)?";
    /** Slack ids are a letter and 8 to 11 more today; 20 leaves room and keeps a link short enough to show. */
    private static final String CHANNEL = "([CGD][A-Z0-9]{8,20})";

    private static final String TS = "(\\d{10}\\.\\d{6})";
    private static final String NUMBER = "([1-9]\\d{0,11})";
    /** What marks a number as a Zendesk ticket: "ZD", "Zendesk", "ZD ticket", "ticket" or "#". */
    private static final String TICKET_MARKER = "(?:(?:(?:zd|zendesk)(?:\\h*+ticket)?|ticket)\\h*+[#:-]?|#)\\h*+";

    /**
     * A piece is a Slack angle form (its label may hold spaces), a marked ticket number (the
     * marker may be followed by a space), or else a run of anything but separators.
     */
    private static final Pattern PIECE =
            Pattern.compile("<[^<>]*>|" + TICKET_MARKER + "\\d+(?=[\\s,;]|$)|[^\\s,;]+", Pattern.CASE_INSENSITIVE);

    private static final Pattern ANGLE_FORM = Pattern.compile("<([^<>|]*)(?:\\|[^<>]*)?>");

    private static final Pattern SLACK_ARCHIVES = Pattern.compile(
            SCHEME + "([a-z0-9-]{1,63}(?:\\.enterprise)?\\.slack(?:-gov)?\\.com)/archives/" + CHANNEL
                    + "/p(\\d{10})(\\d{6})(?:\\?(.*))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SLACK_THREAD_TS = Pattern.compile("(?:^|&)thread_ts=" + TS + "(?:&|$)");
    private static final Pattern SLACK_CLIENT_THREAD = Pattern.compile(
            SCHEME + "app\\.slack\\.com/client/([TE][A-Z0-9]{8,20})/" + CHANNEL + "/thread/" + CHANNEL + "-" + TS
                    + "(?:[?#].*)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GITHUB = Pattern.compile(
            SCHEME + "(?:www\\.)?github\\.com/([a-z0-9](?:[a-z0-9-]{0,38}))/([a-z0-9._-]{1,100})"
                    + "/(issues|pull|discussions)/" + NUMBER + ANY_REST,
            Pattern.CASE_INSENSITIVE);
    /**
     * A Zendesk ticket's path on any host; the host decides whether it is one of our tickets. The
     * host is taken whole, without backtracking (a repeated group per label overflows the stack on
     * a long run of dots), and its labels are checked apart.
     */
    private static final Pattern ZENDESK_URL = Pattern.compile(
            SCHEME + "([a-z0-9.-]{1,253}+)" + "(/(?:agent/tickets|hc/(?:[a-z]{2}(?:-[a-z0-9]{2,4})?/)?requests)/"
                    + NUMBER + ")" + ANY_REST,
            Pattern.CASE_INSENSITIVE);
    /** Two or more DNS labels: letters, digits and inner hyphens, at most 63 characters each. */
    private static final Pattern HOST = Pattern.compile(
            "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)++",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern MARKED_NUMBER = Pattern.compile(TICKET_MARKER + NUMBER, Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN_NUMBER = Pattern.compile(NUMBER);
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final String zendeskSubdomain;

    /**
     * @param zendeskSubdomain the "acme" of acme.zendesk.com, used to turn ticket numbers into
     *                         links; {@code null} or blank when none is set up, and then ticket
     *                         numbers are refused
     * @throws IllegalArgumentException if the subdomain is not a bare subdomain
     */
    public TicketLinkParser(String zendeskSubdomain) {
        if (zendeskSubdomain == null || zendeskSubdomain.isBlank()) {
            this.zendeskSubdomain = null;
            return;
        }
        String subdomain = zendeskSubdomain.strip().toLowerCase(Locale.ROOT);
        if (!SUBDOMAIN.matcher(subdomain).matches()) {
            throw new IllegalArgumentException(
                    "The Zendesk subdomain must be the \"acme\" of acme.zendesk.com, not \"" + zendeskSubdomain + "\"");
        }
        this.zendeskSubdomain = subdomain;
    }

    /**
     * The parser both ticket forms use, for the Zendesk subdomain in the settings' {@code zendesk}
     * section; a subdomain that is not one is a settings problem (and ticket numbers are refused).
     */
    public static TicketLinkParser configured(ConfigSection root) {
        ConfigSection zendesk = root.section("zendesk");
        Optional<String> subdomain = zendesk.text("subdomain");
        if (subdomain.isPresent() && !SUBDOMAIN.matcher(subdomain.get()).matches()) {
            zendesk.problem(zendesk.name("subdomain") + " \"" + subdomain.get() + "\" must be only the subdomain,"
                    + " e.g. \"acme\" for acme.zendesk.com.");
            return new TicketLinkParser(null);
        }
        return new TicketLinkParser(subdomain.orElse(null));
    }

    /** Whether {@code zendesk.subdomain} names the team's Zendesk, so ticket numbers can become links. */
    public boolean knowsZendesk() {
        return zendeskSubdomain != null;
    }

    /** What the field holds: the links, or a message to show next to the field. */
    public sealed interface ParseResult {

        /** The field's links, at least one, each ticket once, in the order given. */
        record Parsed(List<TicketLink> links) implements ParseResult {
            public Parsed {
                links = List.copyOf(links);
            }
        }

        /** Why the field was refused, worded for the person who filled it in. */
        record Refused(String message) implements ParseResult {}
    }

    public ParseResult parse(String fieldText) {
        List<String> pieces = pieces(fieldText);
        if (pieces.isEmpty()) {
            return new ParseResult.Refused("Add at least one link. " + ACCEPTED);
        }
        Map<String, TicketLink> byTicket = new LinkedHashMap<>();
        for (String piece : pieces) {
            ParseResult result = parsePiece(piece, pieces.size() == 1);
            if (!(result instanceof ParseResult.Parsed parsed)) {
                return result;
            }
            // A plain link is no ticket: the same address twice is one link.
            parsed.links()
                    .forEach(link ->
                            byTicket.putIfAbsent(link.ticketKey() == null ? link.url() : link.ticketKey(), link));
        }
        if (byTicket.size() > MAX_LINKS) {
            return new ParseResult.Refused("That is " + byTicket.size() + " links; a card holds at most " + MAX_LINKS
                    + ". Keep the " + MAX_LINKS + " that matter most.");
        }
        return new ParseResult.Parsed(new ArrayList<>(byTicket.values()));
    }

    private static List<String> pieces(String fieldText) {
        List<String> pieces = new ArrayList<>();
        if (fieldText != null) {
            Matcher piece = PIECE.matcher(fieldText);
            while (piece.find()) {
                pieces.add(piece.group());
            }
        }
        return pieces;
    }

    private ParseResult parsePiece(String piece, boolean wholeField) {
        Matcher angle = ANGLE_FORM.matcher(piece);
        // Slack writes links as <url|label> and escapes the & of a query as &amp;.
        String text = angle.matches() ? Mrkdwn.unescape(angle.group(1)).strip() : piece;
        Optional<TicketLink> fromUrl = fromUrl(text);
        if (fromUrl.isPresent()) {
            return new ParseResult.Parsed(List.of(fromUrl.get()));
        }
        Matcher plain = PLAIN_NUMBER.matcher(text);
        Matcher marked = MARKED_NUMBER.matcher(text);
        String digits;
        if (plain.matches()) {
            if (!wholeField) {
                return new ParseResult.Refused("\"" + text + "\" on its own could be any number. Write ZD " + text
                        + " for a Zendesk ticket, or paste the full link.");
            }
            digits = plain.group(1);
        } else if (marked.matches()) {
            digits = marked.group(1);
        } else {
            return new ParseResult.Refused("\"" + shown(piece) + "\" is not a link I recognise. " + ACCEPTED);
        }
        if (zendeskSubdomain == null) {
            return new ParseResult.Refused(
                    "\"" + shown(piece) + "\" needs a full link: no Zendesk address is set up for ticket"
                            + " numbers. Paste the ticket's URL, such as https://yourcompany.zendesk.com/agent/tickets/"
                            + digits + ".");
        }
        return new ParseResult.Parsed(List.of(TicketLink.zendesk(zendeskSubdomain, Long.parseLong(digits))));
    }

    private Optional<TicketLink> fromUrl(String text) {
        return slackPermalink(text)
                .or(() -> slackClientThread(text))
                .or(() -> github(text))
                .or(() -> zendesk(text));
    }

    private static Optional<TicketLink> slackPermalink(String text) {
        Matcher m = SLACK_ARCHIVES.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String channel = m.group(2).toUpperCase(Locale.ROOT);
        String url = "https://" + m.group(1).toLowerCase(Locale.ROOT) + "/archives/" + channel + "/p" + m.group(3)
                + m.group(4);
        Matcher threadTs = SLACK_THREAD_TS.matcher(m.group(5) == null ? "" : m.group(5));
        if (threadTs.find()) {
            String threadUrl = url + "?thread_ts=" + threadTs.group(1) + "&cid=" + channel;
            return Optional.of(TicketLink.slack(threadUrl, channel, threadTs.group(1)));
        }
        return Optional.of(TicketLink.slack(url, channel, m.group(3) + "." + m.group(4)));
    }

    private static Optional<TicketLink> slackClientThread(String text) {
        Matcher m = SLACK_CLIENT_THREAD.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String channel = m.group(3).toUpperCase(Locale.ROOT);
        String url = "https://app.slack.com/client/" + m.group(1).toUpperCase(Locale.ROOT) + "/"
                + m.group(2).toUpperCase(Locale.ROOT) + "/thread/" + channel + "-" + m.group(4);
        return Optional.of(TicketLink.slack(url, channel, m.group(4)));
    }

    private static Optional<TicketLink> github(String text) {
        Matcher m = GITHUB.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "issues" -> Kind.GITHUB_ISSUE;
            case "pull" -> Kind.GITHUB_PULL;
            default -> Kind.GITHUB_DISCUSSION;
        };
        return Optional.of(TicketLink.github(kind, m.group(1), m.group(2), Long.parseLong(m.group(4))));
    }

    private Optional<TicketLink> zendesk(String text) {
        Matcher m = ZENDESK_URL.matcher(text);
        if (!m.matches() || !HOST.matcher(m.group(1)).matches()) {
            return Optional.empty();
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        if (zendeskSubdomain != null && host.equals(zendeskSubdomain + ".zendesk.com")) {
            return Optional.of(TicketLink.zendesk(zendeskSubdomain, Long.parseLong(m.group(3))));
        }
        return Optional.of(TicketLink.plain(host, m.group(2)));
    }

    private static String shown(String piece) {
        return Mrkdwn.truncate(piece, SHOWN_PIECE_LENGTH);
    }
}
