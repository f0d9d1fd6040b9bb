package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.WAIT;
import static com.cebot.e2e.SdrWorkspace.CE1;
import static com.cebot.e2e.SdrWorkspace.CE2;
import static com.cebot.e2e.SdrWorkspace.CE3;
import static com.cebot.e2e.SdrWorkspace.CE4;
import static com.cebot.e2e.SdrWorkspace.SDR;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.StateValues;
import com.cebot.testing.Await;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDR routing asks the OOO protocol who is away: time off planned with {@code /ooo} keeps questions
 * from people who are out today or leave within {@code skip_if_leaving_within_days}, and the
 * person who was out hears on their day back what went to someone else.
 */
final class OooSdrE2ETest {

    @TempDir
    Path dir;

    private SdrWorkspace w;

    @BeforeEach
    void start() {
        w = new SdrWorkspace(dir, "skip_if_leaving_within_days: 2", "").started();
    }

    @AfterEach
    void stop() {
        w.close();
    }

    private void planTimeOff(String user, String first, String last, String coverer) {
        w.harness.slack.clearCalls();
        w.harness.slack.awaitAck(w.harness.slack.sendSlashCommand(OooIds.COMMAND, "", user, CE), WAIT);
        w.harness.slack.awaitCall("views.open", WAIT);
        Ack ack = w.harness.slack.awaitAck(
                w.harness.slack.submitView(
                        w.harness.slack.lastOpenedView().id(),
                        user,
                        StateValues.of()
                                .date(OooIds.FIRST_DAY, OooIds.VALUE, first)
                                .date(OooIds.LAST_DAY, OooIds.VALUE, last)
                                .users(OooIds.COVERERS, OooIds.VALUE, coverer)
                                .toJson()),
                WAIT);
        assertThat(ack.payload() == null || !ack.payload().has("errors"))
                .as("time off for %s saved", user)
                .isTrue();
        Await.until(
                WAIT,
                "the summary DM to " + user,
                () -> w.harness.slack.messages(user).stream()
                        .anyMatch(m -> m.text() != null && m.text().startsWith("Your time off is planned")));
    }

    @Test
    void questionsSkipWhoeverIsOutOrLeavingSoon_andTheDayBackMessageSaysWhatWentElsewhere() {
        // Monday 23 Nov 2026, 10:00 in Los Angeles: CE2 is out today and tomorrow, CE1 leaves Wednesday.
        planTimeOff(CE2, "2026-11-23", "2026-11-24", CE3);
        planTimeOff(CE1, "2026-11-25", "2026-11-27", CE4);

        String first = w.ask(SDR, "Does Acme's plan include SSO?");
        String second = w.ask(SDR, "Is there a SOC 2 report?");

        // Sent a moment apart, the two may be stored in either order; each goes to one of the two
        // CEs who are in, and neither to someone out or about to leave.
        assertThat(List.of(w.reply(first).text(), w.reply(second).text()))
                .anySatisfy(text -> assertThat(text).contains("<@" + CE3 + "> will answer here"))
                .anySatisfy(text -> assertThat(text).contains("<@" + CE4 + "> will answer here"));

        // Wednesday, CE2's first working day back, after the reminder hour in their zone.
        w.clock.set(Instant.parse("2026-11-25T17:30:00Z"));
        Message back = Await.value(
                WAIT,
                "CE2's day-back DM",
                () -> w.harness.slack.messages(CE2).stream()
                        .filter(m -> m.text() != null && m.text().startsWith("Welcome back"))
                        .findFirst()
                        .orElse(null));
        assertThat(back.text()).contains("An SDR question in <#" + CE + ">").contains("went to someone else");
        w.harness.awaitWorkDone();
        assertThat(w.harness.slack.messages(CE1).stream().map(Message::text))
                .noneMatch(t -> t != null && t.startsWith("Welcome back"));
    }
}
