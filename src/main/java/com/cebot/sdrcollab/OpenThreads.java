package com.cebot.sdrcollab;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads of questions still waiting for a first response, with who asked, in memory: a reply
 * in #ce is looked at before the ack, and most replies are in other threads, so they cost no query.
 * Loaded at start; a question is added when it is accepted and removed once a CE has responded or
 * it is answered.
 */
final class OpenThreads {

    private final Map<String, String> askers = new ConcurrentHashMap<>();

    void load(List<QuestionRepository.Waiting> waiting) {
        waiting.forEach(w -> askers.put(w.ts(), w.asker()));
    }

    void add(String ts, String asker) {
        askers.put(ts, asker);
    }

    void remove(String ts) {
        if (ts != null) {
            askers.remove(ts);
        }
    }

    /** Who asked the question this thread is about; null when it is not a waiting question's thread. */
    String asker(String threadTs) {
        return threadTs == null ? null : askers.get(threadTs);
    }
}
