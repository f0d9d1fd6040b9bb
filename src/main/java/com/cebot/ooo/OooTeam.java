package com.cebot.ooo;

import com.cebot.config.BotConfig;
import com.cebot.schedule.WorkingHours;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** What the notices need to know about the team: managers from the roster, #ce-internal, the working week. */
final class OooTeam {

    private final Map<String, String> managers = new HashMap<>();
    private final String ceInternal;
    private final WorkingHours hours;

    OooTeam(BotConfig team, String ceInternal, WorkingHours hours) {
        team.roster().stream().filter(e -> e.manager() != null).forEach(e -> managers.put(e.user(), e.manager()));
        this.ceInternal = ceInternal;
        this.hours = hours;
    }

    /** The person's manager from the roster, or null when the roster does not say. */
    String manager(String person) {
        return managers.get(person);
    }

    String ceInternal() {
        return ceInternal;
    }

    /** The first working day after the last day out. */
    LocalDate back(OooPeriod p) {
        return hours.nextWorkingDay(p.lastDay());
    }

    OooNotices.Shown shown(Handle h, OooPeriod p) {
        return shown(h, List.of(p)).get(0);
    }

    /**
     * Periods as shown, in their order, the steps of all of them read in one query: a list of who is
     * out reads the steps once, not once per period.
     */
    List<OooNotices.Shown> shown(Handle h, List<OooPeriod> periods) {
        if (periods.isEmpty()) {
            return List.of();
        }
        Map<Long, Set<OooStep>> ticked = new HashMap<>();
        for (OooRepository.Ticked t : h.attach(OooRepository.class)
                .tickedOf(periods.stream().map(OooPeriod::id).toList())) {
            OooStep.ofCode(t.step())
                    .ifPresent(step -> ticked.computeIfAbsent(t.periodId(), id -> EnumSet.noneOf(OooStep.class))
                            .add(step));
        }
        OooCoverers stored = h.attach(OooCoverers.class);
        return periods.stream()
                .map(p -> {
                    Map<String, OooCoverers.Coverer> asked = new HashMap<>();
                    stored.of(p.id()).forEach(c -> asked.put(c.coverer(), c));
                    List<OooCoverers.Coverer> coverers = p.covererIds().stream()
                            .map(c -> asked.getOrDefault(c, OooCoverers.Coverer.asked(c)))
                            .toList();
                    return new OooNotices.Shown(
                            p, ticked.getOrDefault(p.id(), EnumSet.noneOf(OooStep.class)), back(p), coverers);
                })
                .toList();
    }
}
