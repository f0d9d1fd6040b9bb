package com.cebot.slackfake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Issues trigger ids with interactions and lets a view method exchange each one once, in time. */
final class Triggers {

    /** Slack's documented shape, e.g. {@code 132456.7890123.abcdef}. */
    private static final Pattern SHAPE = Pattern.compile("\\d+\\.\\d+\\.[0-9a-f]+");

    private record Issued(String userId, Instant at) {}

    private final Clock clock;
    private final Map<String, Issued> issued = new HashMap<>();
    private final Set<String> exchanged = new HashSet<>();
    private Duration lifetime = Duration.ofSeconds(3);
    private long counter = 1_000_000;

    Triggers(Clock clock) {
        this.clock = clock;
    }

    synchronized void setLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    synchronized String issue(String userId) {
        Instant now = clock.instant();
        String id = (++counter) + "." + now.getEpochSecond() + "."
                + UUID.randomUUID().toString().replace("-", "");
        issued.put(id, new Issued(userId, now));
        return id;
    }

    /** Uses up the trigger and returns the user it was issued to. */
    synchronized String exchange(String triggerId) {
        if (triggerId == null || !SHAPE.matcher(triggerId).matches() || !issued.containsKey(triggerId)) {
            throw new SlackError("invalid_trigger_id");
        }
        if (exchanged.contains(triggerId)) {
            throw new SlackError("exchanged_trigger_id");
        }
        Issued trigger = issued.get(triggerId);
        if (clock.instant().isAfter(trigger.at().plus(lifetime))) {
            throw new SlackError("expired_trigger_id");
        }
        exchanged.add(triggerId);
        return trigger.userId();
    }
}
