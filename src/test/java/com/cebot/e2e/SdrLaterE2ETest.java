package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.CE_INTERNAL;
import static com.cebot.e2e.BotHarness.WAIT;
import static com.cebot.e2e.SdrWorkspace.CE1;
import static com.cebot.e2e.SdrWorkspace.CE2;
import static com.cebot.e2e.SdrWorkspace.CE3;
import static com.cebot.e2e.SdrWorkspace.CE4;
import static com.cebot.e2e.SdrWorkspace.MANAGER;
import static com.cebot.e2e.SdrWorkspace.SDR;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Message;
import com.cebot.testing.Await;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens to SDR questions over days: escalation, the weekly digest, the group changing. */
final class SdrLaterE2ETest {

    @TempDir
    Path dir;

    private SdrWorkspace w;

    @BeforeEach
    void start() {
        w = new SdrWorkspace(dir, "", "").started();
    }

    @AfterEach
    void stop() {
        w.close();
    }

    private void respond(String user, String questionTs) {
        w.harness.slack.sendMessageEvent(CE, user, "Here is what I know", questionTs);
        Await.until(
                WAIT,
                "the response by " + user,
                () -> w.reply(questionTs).blocks().toString().contains("First response by <@" + user + ">"));
    }

    private List<Message> internal(String what) {
        return w.harness.slack.messages(CE_INTERNAL).stream()
                .filter(m -> m.text().contains(what))
                .toList();
    }

    @Test
    void aQuestionWithoutResponseForAWorkingDay_isEscalatedOnce_taggingTheManager() {
        String ts = w.ask(SDR, "Q");
        w.reply(ts);

        w.clock.advance(Duration.ofHours(24));

        assertThat(w.awaitNote(ts, "waited a working day")).contains("<@" + MANAGER + ">");
        Await.until(
                WAIT,
                "the reply shows it",
                () -> w.reply(ts).blocks().toString().contains("Escalated after a working day"));
        w.clock.advance(Duration.ofHours(24));
        Await.stays(
                WAIT,
                "escalation notes",
                1,
                () -> (int) w.botReplies(ts).stream()
                        .filter(m -> m.text().contains("waited a working day"))
                        .count(),
                w.harness::workDone);
    }

    @Test
    void weeklyDigest_onMondayAtNine_hasTheWeeksFigures_andPostsOnce() {
        String q1 = w.ask(SDR, "Q1");
        String q2 = w.ask(SDR, "Q2");
        String q3 = w.ask(SDR, "Q3");
        String q4 = w.ask(SDR, "Q4");
        for (String q : List.of(q1, q2, q3, q4)) {
            w.reply(q);
        }
        w.clock.advance(Duration.ofMinutes(20));
        respond(CE1, q1);
        w.clock.advance(Duration.ofMinutes(20));
        respond(CE2, q2);
        w.clock.advance(Duration.ofMinutes(10));
        respond(CE3, q3);
        w.clock.advance(Duration.ofMinutes(5));
        respond(CE4, q4);
        w.press(CE1, q1, SdrIds.ANSWERED);
        w.awaitReply(q1, "answered");

        w.clock.set(Instant.parse("2026-11-30T17:00:01Z"));

        String digest = Await.value(
                WAIT,
                "the digest",
                () -> internal("SDR questions").stream()
                        .findFirst()
                        .map(Message::text)
                        .orElse(null));
        assertThat(digest)
                .contains(
                        "*SDR questions, 2026-11-23 to 2026-11-30*",
                        "Asked: 4 · answered: 1",
                        "median 40 min · 90th percentile 55 min",
                        "• <@" + CE1 + ">: 1 / 1 / 1",
                        "• <@" + CE2 + ">: 1 / 0 / 1",
                        "• <@" + CE4 + ">: 1 / 0 / 1",
                        "Still open: 3",
                        "/archives/" + CE + "/p" + q4.replace(".", ""))
                .doesNotContain("p" + q1.replace(".", ""));

        w.harness.restart();
        Await.stays(
                WAIT,
                "digests in #ce-internal",
                1,
                () -> internal("SDR questions").size(),
                w.harness::workDone);
    }

    @Test
    void whenSlackSaysTheGroupChanged_routingUsesTheNewMembers() {
        w.harness.slack.addUserGroup(SdrIds.GROUP, "ce-sdr-collab", List.of(CE3));
        int reads = w.harness.slack.calls("usergroups.users.list").size();

        w.harness.slack.sendEvent(JsonNodeFactory.instance
                .objectNode()
                .put("type", "subteam_members_changed")
                .put("subteam_id", SdrIds.GROUP)
                .put("team_id", "T0FAKE")
                .put("event_ts", "1795000000.000100"));
        w.harness.slack.awaitCalls("usergroups.users.list", reads + 1, WAIT);
        // The list read is kept once the bot holds it: from then on routing uses it.
        Await.until(
                WAIT,
                "the new members kept",
                () -> Burst.query(
                                w.harness.databaseFile(),
                                "SELECT members FROM user_group_members WHERE group_id = '" + SdrIds.GROUP + "'")
                        .equals(List.of("[\"" + CE3 + "\"]")));

        String ts = w.ask(SDR, "Q");
        assertThat(w.reply(ts).text()).contains("<@" + CE3 + "> will answer here");
    }
}
