package com.cebot.home;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A digest of the Home last published for each of the people whose Home was drawn lately, so that a
 * Home drawn again the same is not published again. Kept for the {@link #MOST} people drawn most
 * recently (some 100 bytes each); anyone else's Home is published when it is next drawn. Kept in
 * memory only: after a restart, the first draw of each Home is published. Used on the Home tab's one
 * thread only.
 */
final class PublishedHomes {

    static final int MOST = 10_000;

    private final Map<String, byte[]> digests;

    PublishedHomes() {
        this(MOST);
    }

    PublishedHomes(int most) {
        this.digests = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > most;
            }
        };
    }

    /** Whether {@code drawn} is what was last published on {@code userId}'s Home. */
    boolean same(String userId, String drawn) {
        return Arrays.equals(digests.get(userId), digest(drawn));
    }

    void published(String userId, String drawn) {
        digests.put(userId, digest(drawn));
    }

    /** What Slack shows is no longer known (a publish that failed may have landed or not). */
    void unknown(String userId) {
        digests.remove(userId);
    }

    private static byte[] digest(String drawn) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(drawn.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
