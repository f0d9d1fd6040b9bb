package com.cebot.ooo;

import com.cebot.customer.CustomerChoice;
import com.cebot.supportticket.MaxInputs;
import com.cebot.supportticket.SlackChecks;
import com.cebot.supportticket.SlackChecks.Known;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every DM, reply, announcement, list and modal of the OOO protocol stays within Slack's limits and
 * safe for everything the modal accepts: the plan at its maximum of the worst kinds of text, the
 * most customers with the longest names, the most coverers, and seeded random mixes.
 */
final class OooViewsAtLimitsTest {

    private static final String PERSON = "U0PERSON";
    private static final String MANAGER = "U0MANAGER";
    private static final String CE_INTERNAL = "C0CEINTERNAL";
    private static final String CE = "C0CE";
    private static final List<String> COVERERS = IntStream.range(0, OooModal.MAX_COVERERS)
            .mapToObj(i -> "U0COVER" + i)
            .toList();
    private static final LocalDate FIRST = LocalDate.parse("2026-12-21");
    private static final LocalDate LAST = FIRST.plusDays(OooForm.MAX_DAYS - 1);

    static Stream<Named<OooNotices.Shown>> periods() {
        List<Named<OooNotices.Shown>> cases = new ArrayList<>();
        List<String> names =
                MaxInputs.customerNames().stream().map(Named::getPayload).toList();
        for (int kind = 0; kind < MaxInputs.textKinds(); kind++) {
            List<String> customers = new ArrayList<>();
            for (int i = 0; i < OooModal.MAX_CUSTOMERS; i++) {
                customers.add(names.get((kind + i) % names.size()));
            }
            String plan = MaxInputs.text(OooModal.PLAN_MAX, kind);
            cases.add(Named.of(
                    "plan of " + MaxInputs.texts(10, 0).get(kind).getName().replace("10 ", "") + ", every step open",
                    shown(plan, customers, Set.of())));
            cases.add(Named.of("the same, every step ticked", shown(plan, customers, EnumSet.allOf(OooStep.class))));
        }
        Random random = new Random(MaxInputs.SEED);
        for (int n = 0; n < 20; n++) {
            List<String> customers = IntStream.range(0, random.nextInt(OooModal.MAX_CUSTOMERS + 1))
                    .mapToObj(i -> MaxInputs.randomText(random, CustomerChoice.MAX_NAME)
                                    .strip() + "x")
                    .toList();
            cases.add(Named.of(
                    "random period " + n + " of seed " + MaxInputs.SEED,
                    shown(MaxInputs.randomText(random, OooModal.PLAN_MAX), customers, Set.of(OooStep.PTO))));
        }
        cases.add(Named.of(
                "no plan, no customers, one day",
                new OooNotices.Shown(
                        new OooPeriod(
                                3,
                                PERSON,
                                "Pacific/Kiritimati",
                                FIRST,
                                FIRST,
                                COVERERS.get(0),
                                null,
                                "[]",
                                1,
                                null,
                                Instant.EPOCH),
                        Set.of(),
                        FIRST.plusDays(1))));
        return cases.stream();
    }

    private static OooNotices.Shown shown(String plan, List<String> customers, Set<OooStep> ticked) {
        OooPeriod p = new OooPeriod(
                123456789,
                PERSON,
                "America/Argentina/ComodRivadavia",
                FIRST,
                LAST,
                String.join(",", COVERERS),
                plan,
                OooPeriod.customersJson(customers),
                99,
                null,
                Instant.EPOCH);
        return new OooNotices.Shown(p, ticked, LAST.plusDays(3));
    }

    private static Known known() {
        Known known = Known.of(
                        List.of(),
                        Stream.concat(Stream.of(PERSON, MANAGER), COVERERS.stream())
                                .toArray(String[]::new))
                .channel(CE_INTERNAL)
                .channel(CE);
        return known;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("periods")
    void dms_fitSlackAndAreSafe(OooNotices.Shown s) {
        Known known = known();

        SlackChecks.assertMessage(OooNotices.summaryText(s), OooNotices.summary(s, MANAGER, 20), known);
        SlackChecks.assertMessage(OooNotices.summaryText(s), OooNotices.summary(s, null, 1), known);
        SlackChecks.assertMessage(OooNotices.remindText(s), OooNotices.remind(s, MANAGER), known);
        SlackChecks.assertText(
                OooNotices.statusReminder(s, new OooStatus.Current("<!channel> & 🙂".repeat(7), ":x:", 0)), known);
        SlackChecks.assertText(OooNotices.statusReminder(s, new OooStatus.Current("", "", 0)), known);
        SlackChecks.assertText(OooNotices.cancelled(s), known);
        SlackChecks.assertText(OooNotices.notSaved(s.period()), known);
        List<String> notes = Collections.nCopies(
                30,
                "I answered a mention of you in <#" + CE
                        + "> (https://acme.slack.com/archives/C0CE/p1700000000000100)");
        SlackChecks.assertText(OooNotices.dayBack(s, notes), known);
        SlackChecks.assertText(OooNotices.dayBack(s, List.of()), known);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("periods")
    void coverersTeamAndThreads_fitSlackAndAreSafe(OooNotices.Shown s) {
        Known known = known();

        SlackChecks.assertText(OooNotices.covererSaved(s, PERSON, false), known);
        SlackChecks.assertText(OooNotices.covererSaved(s, PERSON, true), known);
        SlackChecks.assertText(OooNotices.covererDropped(s, PERSON), known);
        SlackChecks.assertText(OooNotices.covererCancelled(s, PERSON), known);
        SlackChecks.assertText(OooNotices.covererFirstDay(s, PERSON), known);
        SlackChecks.assertText(OooNotices.announcement(s, PERSON), known);
        SlackChecks.assertText(OooNotices.mentionReply(s), known);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("periods")
    void modal_prefilledForAnEdit_fitsSlackAndIsSafe(OooNotices.Shown s) {
        var prefill = OooModal.Prefill.of(s.period(), s.ticked());

        SlackChecks.assertView(OooModal.build(prefill, "America/Argentina/ComodRivadavia", CE_INTERNAL), known());
        SlackChecks.assertView(OooModal.build(OooModal.Prefill.NEW, "UTC", CE_INTERNAL), known());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("periods")
    void listAndOwnPeriods_withManyPeople_fitSlack(OooNotices.Shown s) {
        List<OooNotices.Shown> many = Collections.nCopies(60, s);

        SlackChecks.assertText(OooNotices.list(many, FIRST), known());
        SlackChecks.assertText(OooNotices.list(List.of(), FIRST), known());
        SlackChecks.assertMessage("Your upcoming time off", OooNotices.own(many), known());
        SlackChecks.assertText(OooNotices.help(CE_INTERNAL), known());
    }
}
