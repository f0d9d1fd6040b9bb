package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class DigestFiguresTest {

    private static final Instant AT = Instant.parse("2026-11-23T18:00:00Z");

    private static Question question(long id, String assignee, Long secs, String responder, String answeredBy) {
        return new Question(
                id,
                "C0CE",
                "1." + id,
                "USDR",
                "message",
                "k" + id,
                "k" + id + ":reply",
                null,
                answeredBy == null ? Question.OPEN : Question.ANSWERED,
                assignee,
                AT,
                1,
                1,
                null,
                null,
                responder,
                secs == null ? null : AT.plusSeconds(secs),
                secs,
                answeredBy,
                answeredBy == null ? null : AT,
                AT,
                "Question " + id);
    }

    @Test
    void nearestRank_onAKnownSet() {
        List<Long> times = List.of(50L, 10L, 90L, 30L, 70L, 20L, 80L, 40L, 60L, 100L);

        assertThat(DigestFigures.nearestRank(times, 50)).contains(50L);
        assertThat(DigestFigures.nearestRank(times, 90)).contains(90L);
        assertThat(DigestFigures.nearestRank(List.of(7L), 90)).contains(7L);
        assertThat(DigestFigures.nearestRank(List.of(1L, 2L, 3L), 50))
                .as("rank ⌈1.5⌉ = 2")
                .contains(2L);
        assertThat(DigestFigures.nearestRank(List.of(), 50)).isEmpty();
    }

    @Test
    void figures_countAskedAnswered_timesAndPerCe() {
        List<Question> week = List.of(
                question(1, "UCE1", 600L, "UCE1", "UCE1"),
                question(2, "UCE2", 1200L, "UCE1", "USDR"),
                question(3, "UCE2", 3600L, "UCE2", null),
                question(4, "UCE1", null, null, null));

        DigestFigures f = DigestFigures.of(week, List.of(week.get(2), week.get(3)));

        assertThat(f.asked()).isEqualTo(4);
        assertThat(f.answered()).isEqualTo(2);
        assertThat(f.medianSecs()).isEqualTo(Optional.of(1200L));
        assertThat(f.p90Secs()).isEqualTo(Optional.of(3600L));
        assertThat(f.perCe())
                .isEqualTo(Map.of(
                        "UCE1", new DigestFigures.PerCe(2, 1, 2),
                        "UCE2", new DigestFigures.PerCe(2, 0, 1)));
        assertThat(f.open()).hasSize(2);
    }
}
