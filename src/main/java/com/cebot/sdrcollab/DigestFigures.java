package com.cebot.sdrcollab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A week of questions in figures, from the store. Times to first response are working time; the
 * median and the 90th percentile use the nearest-rank method (the value at rank ⌈p·n⌉ of the n
 * sorted times), so each is a time some question really took. Questions without a response are
 * counted but have no time.
 */
record DigestFigures(
        int asked,
        int answered,
        Optional<Long> medianSecs,
        Optional<Long> p90Secs,
        Map<String, PerCe> perCe,
        List<Question> open) {

    /** Per CE: questions they held at the end, marked answered, and responded to first. */
    record PerCe(int assigned, int answered, int firstResponses) {}

    static DigestFigures of(List<Question> askedInWeek, List<Question> openNow) {
        List<Long> times = new ArrayList<>();
        Map<String, int[]> counts = new TreeMap<>();
        int answered = 0;
        for (Question q : askedInWeek) {
            if (!q.open()) {
                answered++;
            }
            if (q.firstResponseSecs() != null) {
                times.add(q.firstResponseSecs());
            }
            if (q.assignee() != null) {
                counts.computeIfAbsent(q.assignee(), k -> new int[3])[0]++;
            }
            if (q.answeredBy() != null && !q.answeredBy().equals(q.asker())) {
                counts.computeIfAbsent(q.answeredBy(), k -> new int[3])[1]++;
            }
            if (q.firstResponseBy() != null) {
                counts.computeIfAbsent(q.firstResponseBy(), k -> new int[3])[2]++;
            }
        }
        Map<String, PerCe> perCe = new TreeMap<>();
        counts.forEach((ce, c) -> perCe.put(ce, new PerCe(c[0], c[1], c[2])));
        return new DigestFigures(
                askedInWeek.size(),
                answered,
                nearestRank(times, 50),
                nearestRank(times, 90),
                perCe,
                List.copyOf(openNow));
    }

    /** The nearest-rank percentile: the ⌈p/100 · n⌉-th smallest value; empty without values. */
    static Optional<Long> nearestRank(List<Long> values, int percentile) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(rank, 1) - 1));
    }
}
