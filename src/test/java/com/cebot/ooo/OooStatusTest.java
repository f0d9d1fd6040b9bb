package com.cebot.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a Slack status shows time off, and the status suggested when it does not. */
final class OooStatusTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate FIRST = LocalDate.parse("2026-12-21");
    private static final LocalDate LAST = LocalDate.parse("2026-12-31");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|:palm_tree:|true", "Lunch|:airplane:|true", "OOO until Jan 4|''|true", "Out of office|''|true",
                "On vacation|:sunny:|true", "Holidays!|''|true", "PTO|''|true", "Away till Monday|''|true",
                "On leave|''|true", "Back on 4 Jan|''|true", "''|''|false", "In a meeting|:calendar:|false",
                "Focusing|:headphones:|false", "Zoom|''|false", "Spoofing|''|false"
            })
    void textOrEmoji(String text, String emoji, boolean shows) {
        assertThat(OooStatus.showsAbsence(new OooStatus.Current(text, emoji, 0), LAST, BERLIN))
                .isEqualTo(shows);
    }

    @Test
    void anyStatusExpiringOnTheLastDayOrLater_showsIt_butAnEarlierOneOrAnEmptyOneDoesNot() {
        long lastDayStart = LAST.atStartOfDay(BERLIN).toEpochSecond();

        assertThat(OooStatus.showsAbsence(new OooStatus.Current("Brb", ":coffee:", lastDayStart), LAST, BERLIN))
                .isTrue();
        assertThat(OooStatus.showsAbsence(new OooStatus.Current("Brb", ":coffee:", lastDayStart - 1), LAST, BERLIN))
                .isFalse();
        assertThat(OooStatus.showsAbsence(new OooStatus.Current("", "", lastDayStart + 99), LAST, BERLIN))
                .isFalse();
    }

    @Test
    void suggestion_namesTheDatesAndTheDayBack_andExpiresAtTheEndOfTheLastDayInTheZone() {
        OooStatus.Suggested s = OooStatus.suggest(FIRST, LAST, LocalDate.parse("2027-01-04"), BERLIN);

        assertThat(s.text()).isEqualTo("OOO Mon 21 Dec – Thu 31 Dec, back Mon 4 Jan");
        assertThat(s.emoji()).isEqualTo(":palm_tree:");
        assertThat(s.expires()).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(OooStatus.showsAbsence(
                        new OooStatus.Current(s.text(), s.emoji(), s.expires().getEpochSecond()), LAST, BERLIN))
                .isTrue();
    }

    @Test
    void suggestion_forOneDay_namesItOnce_andKeepsWithinSlacksLimit() {
        OooStatus.Suggested s = OooStatus.suggest(FIRST, FIRST, FIRST.plusDays(1), BERLIN);

        assertThat(s.text()).isEqualTo("OOO Mon 21 Dec, back Tue 22 Dec");
        assertThat(s.text().length()).isLessThanOrEqualTo(OooStatus.MAX_TEXT);
    }
}
