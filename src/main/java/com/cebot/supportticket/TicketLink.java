package com.cebot.supportticket;

import java.util.Locale;
import java.util.Objects;

/**
 * One ticket a CE pointed at in the "Link to issue" field.
 *
 * @param kind      where the ticket lives
 * @param url       the canonical https URL to show on the card
 * @param label     plain-text words for the link, such as "Zendesk #1234"; never taken from
 *                  what the user typed, so a pasted {@code <url|label>} cannot disguise a link
 * @param ticketKey the ticket's identity, used to find the card already posted for it, such as
 *                  {@code zendesk:1234}, {@code github:owner/repo#12} or
 *                  {@code slack:C0123ABCD/1700000000.123456}
 */
public record TicketLink(Kind kind, String url, String label, String ticketKey) {

    /** Where a ticket lives. */
    public enum Kind { SLACK, GITHUB_ISSUE, GITHUB_PULL, GITHUB_DISCUSSION, ZENDESK }

    public TicketLink {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(ticketKey, "ticketKey");
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
