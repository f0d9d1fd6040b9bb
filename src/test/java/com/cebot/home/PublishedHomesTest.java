package com.cebot.home;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What was last published on each Home, for as many people as it holds. */
final class PublishedHomesTest {

    private final PublishedHomes published = new PublishedHomes(2);

    @Test
    void aHomeDrawnTheSame_isKnown_andOneDrawnOtherwiseIsNot() {
        published.published("U1", "[{\"type\":\"header\"}]");

        assertThat(published.same("U1", "[{\"type\":\"header\"}]")).isTrue();
        assertThat(published.same("U1", "[{\"type\":\"divider\"}]")).isFalse();
        assertThat(published.same("U2", "[{\"type\":\"header\"}]")).isFalse();
    }

    @Test
    void pastItsSize_itForgetsWhoseHomeWasDrawnLeastLately() {
        published.published("U1", "one");
        published.published("U2", "two");
        assertThat(published.same("U1", "one")).isTrue();

        published.published("U3", "three");

        assertThat(published.same("U2", "two")).isFalse();
        assertThat(published.same("U1", "one")).isTrue();
        assertThat(published.same("U3", "three")).isTrue();
    }

    @Test
    void aPublishWhoseFateIsUnknown_isPublishedAgainNextTime() {
        published.published("U1", "one");

        published.unknown("U1");

        assertThat(published.same("U1", "one")).isFalse();
    }
}
