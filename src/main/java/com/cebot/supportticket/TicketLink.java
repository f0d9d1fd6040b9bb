package com.cebot.supportticket;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One ticket a CE pointed at in the "Link to issue" field.
 *
 * @param kind      where the ticket lives
 * @param url       the canonical https URL to show on the card
 * @param label     plain-text words for the link, such as "Zendesk #1234"; never taken from a
 *                  label the user typed, so a pasted {@code <url|label>} cannot disguise a link
 * @param ticketKey the ticket's identity, used to find the card already posted for it, such as
 *                  {@code zendesk:1234}, {@code github:owner/repo#12} or
 *                  {@code slack:C0123ABCD/1700000000.123456}; null for a {@link Kind#LINK}, which
 *                  names no ticket of ours and so never joins or keys a card
 */
public record TicketLink(Kind kind, String url, String label, String ticketKey) {

    /**
     * Where a ticket lives. {@code LINK} is a plain link: shaped like a Zendesk ticket, but on a
     * host that is not the team's Zendesk (another company's, a look-alike), so it is shown as the
     * address it is and never taken for one of our tickets.
     */
    public enum Kind {
        SLACK,
        GITHUB_ISSUE,
        GITHUB_PULL,
        GITHUB_DISCUSSION,
        ZENDESK,
        LINK
    }

    public TicketLink {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(label, "label");
        if ((kind == Kind.LINK) != (ticketKey == null)) {
            throw new IllegalArgumentException(kind == Kind.LINK ? "a plain link has no ticket key" : "ticketKey");
        }
    }

    /** The keys of the links that name a ticket of ours, in order: what finds and keys a card. */
    public static List<String> ticketKeys(List<TicketLink> links) {
        return links.stream()
                .map(TicketLink::ticketKey)
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * A Slack thread. The key names the thread's first message, so a link to any reply in the
     * thread finds the same card.
     */
    static TicketLink slack(String url, String channelId, String threadTs) {
        return new TicketLink(Kind.SLACK, url, "Slack thread", "slack:" + channelId + "/" + threadTs);
    }

    /**
     * A GitHub issue, pull request or discussion. Issues, pull requests and discussions share one
     * number sequence per repository, and owner and repository names ignore case, so the key
     * leaves out the kind and is lower case.
     */
    static TicketLink github(Kind kind, String owner, String repo, long number) {
        String repository = owner + "/" + repo;
        String url = "https://github.com/" + repository + "/" + pathSegment(kind) + "/" + number;
        String label = "GitHub " + noun(kind) + " #" + number + " in " + repository;
        return new TicketLink(kind, url, label, "github:" + repository.toLowerCase(Locale.ROOT) + "#" + number);
    }

    /** A Zendesk ticket, always linked in the agent interface because support reads the card. */
    static TicketLink zendesk(String subdomain, long number) {
        String url = "https://" + subdomain + ".zendesk.com/agent/tickets/" + number;
        return new TicketLink(Kind.ZENDESK, url, "Zendesk #" + number, "zendesk:" + number);
    }

    /**
     * A link kept as it is, labelled with its own address (host and path, without the scheme) so
     * that readers see where it goes.
     */
    static TicketLink plain(String host, String path) {
        String address = host.toLowerCase(Locale.ROOT) + path;
        return new TicketLink(Kind.LINK, "https://" + address, address, null);
    }

    private static String pathSegment(Kind kind) {
        return switch (kind) {
            case GITHUB_ISSUE -> "issues";
            case GITHUB_PULL -> "pull";
            case GITHUB_DISCUSSION -> "discussions";
            default -> throw new IllegalArgumentException("Not a GitHub kind: " + kind);
        };
    }

    private static String noun(Kind kind) {
        return switch (kind) {
            case GITHUB_ISSUE -> "issue";
            case GITHUB_PULL -> "pull request";
            case GITHUB_DISCUSSION -> "discussion";
            default -> throw new IllegalArgumentException("Not a GitHub kind: " + kind);
        };
    }
}
