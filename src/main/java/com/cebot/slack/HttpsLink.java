package com.cebot.slack;

import java.net.URI;
import java.net.URISyntaxException;

/** One https link as people paste it in a form: a deal, a thread, a doc, a Salesforce record. */
public final class HttpsLink {

    private HttpsLink() {}

    /** An https URL with a host and nothing around it; anything else is refused next to its field. */
    public static boolean valid(String text, int max) {
        if (text.length() > max || text.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return "https".equalsIgnoreCase(uri.getScheme())
                    && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
