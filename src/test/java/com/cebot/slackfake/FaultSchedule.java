package com.cebot.slackfake;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Faults waiting for the next calls of a method, consumed one per call. Faults aimed at one
 * conversation (a channel, or the DM with a user) are met first by calls naming it.
 */
final class FaultSchedule {

    private final Map<String, Deque<Fault>> byMethod = new HashMap<>();
    private final Map<String, Deque<Fault>> byMethodAndConversation = new HashMap<>();

    synchronized void enqueue(String method, Fault... faults) {
        byMethod.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(Arrays.asList(faults));
    }

    /** @param channel a channel id, or a user id for the DM with that user */
    synchronized void enqueue(String method, String channel, Fault... faults) {
        byMethodAndConversation
                .computeIfAbsent(method + " " + Directory.conversationId(channel), k -> new ArrayDeque<>())
                .addAll(Arrays.asList(faults));
    }

    synchronized Optional<Fault> next(String method) {
        return next(method, null);
    }

    /** @param channel the call's {@code channel} argument, or null */
    synchronized Optional<Fault> next(String method, String channel) {
        if (channel != null) {
            Deque<Fault> aimed = byMethodAndConversation.get(method + " " + Directory.conversationId(channel));
            if (aimed != null && !aimed.isEmpty()) {
                return Optional.of(aimed.poll());
            }
        }
        Deque<Fault> queue = byMethod.get(method);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
    }
}
