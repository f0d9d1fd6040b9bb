package com.cebot.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.home.HomeContribution.Start;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A workflow's part of Home, handed to Home before the workflow has started. */
final class HomeContributionTest {

    private static final Person PERSON = new Person("U0CE", LocalDate.parse("2026-11-23"));
    private static final Start START = new Start("Plan time off", "home_start_test", (trigger, user) -> {});
    private static final Part PART = new Part("test_mine", "Yours", List.of(Item.of("one")), 1);

    private final HomeContribution.WhenStarted part = new HomeContribution.WhenStarted();

    @Test
    void beforeItsWorkflowStarts_itShowsNothing() {
        assertThat(part.starts()).isEmpty();
        assertThat(part.parts(null, PERSON)).isEmpty();
    }

    @Test
    void onceStarted_itShowsWhatTheStartBuilt() {
        part.started(HomeContribution.of(List.of(START), (handle, person) -> List.of(PART)));

        assertThat(part.starts()).containsExactly(START);
        assertThat(part.parts(null, PERSON)).containsExactly(PART);
    }

    @Test
    void aSecondStart_isRefused_ratherThanShowingOneOfTwo() {
        part.started(HomeContribution.of(List.of(), (handle, person) -> List.of()));

        assertThatThrownBy(() -> part.started(HomeContribution.of(List.of(START), (handle, person) -> List.of(PART))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(part.starts()).isEmpty();
    }
}
