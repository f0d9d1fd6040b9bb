package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TimeColumnsTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-25T09:00:00Z, 2026-11-25T09:00:00.000Z",
        "2026-11-25T09:00:00.5Z, 2026-11-25T09:00:00.500Z",
        "2026-11-25T09:00:00.123456789Z, 2026-11-25T09:00:00.123Z",
        "2026-11-25T09:00:59.999999Z, 2026-11-25T09:00:59.999Z"
    })
    void format_alwaysHasMilliseconds(String instant, String stored) {
        assertThat(TimeColumns.format(Instant.parse(instant))).isEqualTo(stored);
    }

    @Test
    void storedText_sortsInTimeOrder() {
        Random random = new Random(20261125);
        List<Instant> instants = new ArrayList<>();
        Instant base = Instant.parse("2026-11-25T09:00:00Z");
        for (int i = 0; i < 2_000; i++) {
            // Whole seconds and fractions mixed, as they come from the clock.
            instants.add(base.plusMillis(random.nextInt(10_000) * (random.nextBoolean() ? 1000L : 1L)));
        }

        List<String> byText =
                instants.stream().map(TimeColumns::format).sorted().toList();
        List<String> byTime = instants.stream()
                .sorted(Comparator.naturalOrder())
                .map(TimeColumns::format)
                .toList();

        assertThat(byText).isEqualTo(byTime);
    }
}
