package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.config.BotConfig.RosterEntry;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class GroupPlanTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void theHundredTwentiethDay_isTheLastDayIn_andTheNextDayIsOut() {
        LocalDate lastDayIn = TODAY.minusDays(119);
        LocalDate firstDayOut = TODAY.minusDays(120);

        assertThat(GroupPlan.inFirstDays(lastDayIn, TODAY, 120)).isTrue();
        assertThat(GroupPlan.inFirstDays(firstDayOut, TODAY, 120)).isFalse();
        assertThat(GroupPlan.inFirstDays(TODAY, TODAY, 120)).as("the first day").isTrue();
        assertThat(GroupPlan.inFirstDays(TODAY.plusDays(1), TODAY, 120))
                .as("not started yet")
                .isFalse();
    }

    @Test
    void change_addsTheNew_andGraduatesThoseAtTheirHundredTwentiethDay() {
        List<RosterEntry> roster = List.of(
                new RosterEntry("UNEW", TODAY.minusDays(119), "UMGR"),
                new RosterEntry("UOLD", TODAY.minusDays(120), "UMGR"),
                new RosterEntry("USTAYS", TODAY.minusDays(3), "UMGR"));

        GroupPlan plan = GroupPlan.of(roster, TODAY, 120, Set.of("UOLD", "USTAYS"));

        assertThat(plan).isEqualTo(new GroupPlan.Change(Set.of("UNEW", "USTAYS"), Set.of("UNEW"), Set.of("UOLD")));
        assertThat(GroupPlan.describe(plan, "ce-sdr-collab", 120))
                .isEqualTo("@ce-sdr-collab would become UNEW, USTAYS (add: UNEW; graduate: UOLD).");
    }

    @Test
    void emptyRoster_isManagedByHand_andNobodyNew_wouldEmptyTheGroup() {
        assertThat(GroupPlan.of(List.of(), TODAY, 120, Set.of("UX"))).isInstanceOf(GroupPlan.ByHand.class);
        assertThat(GroupPlan.of(
                        List.of(new RosterEntry("UOLD", TODAY.minusYears(1), null)), TODAY, 120, Set.of("UOLD")))
                .isEqualTo(new GroupPlan.WouldEmpty(Set.of("UOLD")));
        assertThat(GroupPlan.of(List.of(new RosterEntry("UNEW", TODAY, null)), TODAY, 120, Set.of("UNEW")))
                .isEqualTo(new GroupPlan.Unchanged(Set.of("UNEW")));
    }
}
