package com.cebot.slackfake;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Faults waiting for the next calls of a method, consumed one per call. */
final class FaultSchedule {

    private final Map<String, Deque<Fault>> byMethod = new HashMap<>();

    synchronized void enqueue(String method, Fault... faults) {
        byMethod.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(Arrays.asList(faults));
    }

    synchronized Optional<Fault> next(String method) {
        Deque<Fault> queue = byMethod.get(method);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
    }
}
