package com.cebot.feedback;

import java.net.URI;
import java.net.URISyntaxException;

/** One https link as people paste it: the share's link, a gap's Salesforce record. */
final class HttpsLink {

    private HttpsLink() {}

    /** An https URL with a host and nothing around it; anything else is refused next to its field. */
    static boolean valid(String text, int max) {
        if (text.length() > max || text.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
