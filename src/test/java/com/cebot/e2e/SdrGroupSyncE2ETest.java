package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE_INTERNAL;
import static com.cebot.e2e.BotHarness.WAIT;
import static com.cebot.e2e.SdrWorkspace.CE1;
import static com.cebot.e2e.SdrWorkspace.CE2;
import static com.cebot.e2e.SdrWorkspace.CE3;
import static com.cebot.e2e.SdrWorkspace.CE4;
import static com.cebot.e2e.SdrWorkspace.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.app.Commands;
import com.cebot.slackfake.Fault;
import com.cebot.slackfake.Message;
import com.cebot.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The question group follows the roster: at start, each working day, and in check and the dry run. */
final class SdrGroupSyncE2ETest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @TempDir
    Path dir;

    private SdrWorkspace w;

    @AfterEach
    void stop() {
        w.close();
    }

    /** CE1 is on their 120th day, CE2 one past it, CE3 new, CE4 not on the roster. */
    private static String roster() {
        return roster(TODAY);
    }

    private static String roster(LocalDate today) {
        return """
                roster:
                  - {user: %s, start_date: %s, manager: %s}
                  - {user: %s, start_date: %s, manager: %s}
                  - {user: %s, start_date: %s, manager: %s}
                """.formatted(
                        CE1,
                        today.minusDays(119),
                        MANAGER,
                        CE2,
                        today.minusDays(120),
                        MANAGER,
                        CE3,
                        today.minusDays(3),
                        MANAGER);
    }

    private SdrWorkspace workspace(String roster, List<String> members) {
        w = new SdrWorkspace(dir, "", roster);
        w.harness.slack.addUserGroup(SdrIds.GROUP, "ce-sdr-collab", members);
        return w;
    }

    private String awaitInternal(String what) {
        return Await.value(
                WAIT,
                "#ce-internal to say " + what,
                () -> w.harness.slack.messages(CE_INTERNAL).stream()
                        .map(Message::text)
                        .filter(t -> t.contains(what))
                        .findFirst()
                        .orElse(null));
    }

    @Test
    void atStart_theGroupBecomesTheNewCes_andCeInternalHearsWhoJoinedAndWhoGraduated() {
        workspace(roster(), List.of(CE2, CE4)).started();

        String note = awaitInternal("Updated @ce-sdr-collab");

        assertThat(w.harness.slack.awaitCall("usergroups.users.update", WAIT).param("users"))
                .isEqualTo(CE1 + "," + CE3);
        assertThat(w.harness.slack.userGroupMembers(SdrIds.GROUP)).containsExactly(CE1, CE3);
        assertThat(note)
                .contains(
                        "Added: <@" + CE1 + ">, <@" + CE3 + ">",
                        "Graduated (past their first 120 days): <@" + CE2 + ">, <@" + CE4 + ">");
    }

    @Test
    void theNextWorkingDay_theCeOnTheirHundredTwentiethDayGraduates() {
        workspace(roster(), List.of(CE1, CE3)).started();
        w.harness.slack.clearCalls();

        w.clock.advance(Duration.ofHours(23));

        awaitInternal("Graduated (past their first 120 days): <@" + CE1 + ">");
        assertThat(w.harness.slack.userGroupMembers(SdrIds.GROUP)).containsExactly(CE3);
    }

    @Test
    void permissionDenied_changesNothing_andSaysWhichSettingStopsIt() {
        workspace(roster(), List.of(CE2, CE4));
        w.harness.slack.enqueueFault("usergroups.users.update", new Fault.NotOk("permission_denied"));
        w.started();

        String note = awaitInternal("could not update");

        assertThat(note).contains("changed nothing", "Permissions", "User Groups");
        assertThat(w.harness.slack.userGroupMembers(SdrIds.GROUP)).containsExactly(CE2, CE4);
        assertThat(w.harness.slack.messages(CE_INTERNAL))
                .noneMatch(m -> m.text().contains("Updated"));
    }

    @Test
    void nobodyNewOnTheRoster_leavesTheGroupAsItIs_sinceSlackRefusesAnEmptyGroup() {
        workspace("""
                roster:
                  - {user: %s, start_date: 2025-01-05, manager: %s}
                """.formatted(CE2, MANAGER), List.of(CE2)).started();

        assertThat(awaitInternal("empty user group")).contains("left @ce-sdr-collab as it is (<@" + CE2 + ">)");
        assertThat(w.harness.slack.calls("usergroups.users.update")).isEmpty();
    }

    @Test
    void emptyRoster_leavesTheGroupAlone_andCheckSaysItIsManagedByHand() {
        workspace("", List.of(CE2, CE4)).started();
        w.harness.awaitWorkDone();
        String internalBefore = w.harness.slack.messages(CE_INTERNAL).toString();

        Commands.Result check = Commands.run(w.harness.env(), "check");

        assertThat(check.out()).contains("~ @ce-sdr-collab is managed by hand");
        assertThat(w.harness.slack.calls("usergroups.users.update")).isEmpty();
        assertThat(w.harness.slack.messages(CE_INTERNAL).toString()).isEqualTo(internalBefore);
    }

    @Test
    void dryRun_andCheck_printTheChange_andMakeNone() {
        // The commands run on the real clock, as an admin would run them.
        workspace(roster(LocalDate.now(ZoneId.of("America/Los_Angeles"))), List.of(CE2, CE4));

        Commands.Result dry = Commands.run(w.harness.env(), "sync-group", "--dry-run");
        Commands.Result check = Commands.run(w.harness.env(), "check");
        Commands.Result refused = Commands.run(w.harness.env(), "sync-group");

        String change = "@ce-sdr-collab would become " + CE1 + ", " + CE3 + " (add: " + CE1 + ", " + CE3
                + "; graduate: " + CE2 + ", " + CE4 + ").";
        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(dry.out()).contains(change);
        assertThat(check.out()).contains("~ " + change);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--dry-run");
        assertThat(w.harness.slack.calls("usergroups.users.update")).isEmpty();
        assertThat(w.harness.slack.userGroupMembers(SdrIds.GROUP)).containsExactly(CE2, CE4);
    }

    @Test
    void check_resolvesTheEscalationTarget_andNamesOneThatDoesNotExist() {
        workspace("", List.of(CE2));
        Commands.Result good = Commands.run(w.harness.env(), "check");
        w.harness.writeConfig("""
                support:
                  head_of_support: %s
                sdr_collab:
                  escalate_to: U0NOBODY
                """.formatted(BotHarness.HEAD));

        Commands.Result bad = Commands.run(w.harness.env(), "check");

        assertThat(good.out()).contains("✓ sdr_collab.escalate_to → mgr (" + MANAGER + ")");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("✗ sdr_collab.escalate_to: user U0NOBODY not found");
    }

    @Test
    void check_withoutAnEscalationTarget_warnsThatTheRostersManagersAreTagged() {
        workspace("", List.of(CE2));
        w.harness.writeConfig("""
                support:
                  head_of_support: %s
                """.formatted(BotHarness.HEAD));

        Commands.Result check = Commands.run(w.harness.env(), "check");

        assertThat(check.out()).contains("! sdr_collab.escalate_to is not set: escalations tag the roster's managers");
    }
}
