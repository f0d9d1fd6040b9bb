package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.WAIT;
import static com.cebot.e2e.SdrWorkspace.CE1;
import static com.cebot.e2e.SdrWorkspace.MANAGER;
import static com.cebot.e2e.SdrWorkspace.SDR;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.SentEvent;
import com.cebot.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDR questions and answers in the shapes Slack really sends: a question with a screenshot
 * ({@code file_share}), an answer also sent to the channel ({@code thread_broadcast}), a question
 * written with {@code /me}; what Slack writes that is nobody's question (edits, deletions, other
 * bots' posts, joins, a topic naming the group); and an SDR asking more than a minute's worth.
 */
final class SdrMessageShapesE2ETest {

    private static final String TAG = " <!subteam^" + SdrIds.GROUP + "|@ce-sdr-collab>";

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

    @Test
    void aQuestionWithAScreenshot_getsAnOwner() {
        String ts = w.harness
                .slack
                .sendFileShareEvent(CE, SDR, "What does this error mean?" + TAG, null, "error.png")
                .ts();

        assertThat(w.reply(ts).text()).contains("<@" + CE1 + "> will answer here");
    }

    @Test
    void aQuestionWrittenWithMe_getsAnOwner() {
        String ts = w.harness
                .slack
                .sendMeMessageEvent(CE, SDR, "needs the SOC 2 report for Acme" + TAG)
                .ts();

        assertThat(w.reply(ts).text()).contains("<@" + CE1 + "> will answer here");
    }

    @Test
    void anAnswerAlsoSentToTheChannel_isTheFirstResponse_soNoNudgePassOnOrEscalation() {
        String ts = w.ask(SDR, "Does Acme's plan include SSO?");
        w.reply(ts);
        w.clock.advance(Duration.ofMinutes(20));

        w.harness.slack.sendThreadBroadcastEvent(CE, CE1, "Yes, SSO is in Enterprise.", ts);

        Await.until(
                WAIT,
                "the broadcast counted as the first response",
                () -> w.reply(ts).blocks().toString().contains("First response by <@" + CE1 + "> after 20 min"));
        w.clock.advance(Duration.ofHours(30));
        w.harness.awaitWorkDone();
        assertThat(w.dms(CE1)).as("no nudge").isEmpty();
        assertThat(w.botReplies(ts)).as("no pass-on or escalation note").hasSize(1);
        assertThat(Burst.query(
                        w.harness.databaseFile(),
                        "SELECT work_key || '=' || status FROM work"
                                + " WHERE queue = 'job' AND work_key LIKE 'sdr:q:1:%' ORDER BY work_key"))
                .containsExactly(
                        "sdr:q:1:a1:nudge=cancelled", "sdr:q:1:a1:pass-on=cancelled", "sdr:q:1:escalate=cancelled");
    }

    @Test
    void anAnswerWithAFile_inTheThread_isTheFirstResponseToo() {
        String ts = w.ask(SDR, "Where is the SSO setup guide?");
        w.reply(ts);

        w.harness.slack.sendFileShareEvent(CE, CE1, "Here it is", ts, "sso-guide.pdf");

        Await.until(
                WAIT,
                "the file share counted as the first response",
                () -> w.reply(ts).blocks().toString().contains("First response by <@" + CE1 + ">"));
    }

    @Test
    void editsDeletionsBotsJoinsAndTopics_areNoQuestions() {
        String plain = w.harness
                .slack
                .sendMessageEvent(CE, SDR, "Anyone around?", null)
                .ts();
        String gone = w.harness.slack.sendMessageEvent(CE, SDR, "typo", null).ts();
        w.harness.slack.addBot("B0OTHER", "U0OTHERBOT", "otherbot");
        List<SentEvent> notQuestions = List.of(
                w.harness.slack.sendMessageChangedEvent(CE, plain, "Anyone around?" + TAG),
                w.harness.slack.sendMessageDeletedEvent(CE, gone),
                w.harness.slack.sendBotMessageEvent(CE, "B0OTHER", "Digest" + TAG),
                w.harness.slack.sendChannelJoinEvent(CE, SDR),
                w.harness.slack.sendChannelTopicEvent(CE, SDR, "Ask" + TAG + " here"));
        notQuestions.forEach(e -> w.harness.slack.awaitAck(e.envelopeId(), WAIT));

        // A real question after them: once its reply is there, the others had their chance.
        String question = w.ask(SDR, "Real question");
        w.reply(question);

        assertThat(Burst.query(w.harness.databaseFile(), "SELECT ts FROM sdr_question"))
                .containsExactly(question);
        assertThat(w.harness.slack.messages(MANAGER)).isEmpty();
    }

    @Test
    void anSdrAskingMoreThanFiveQuestionsAMinute_isToldPrivately_andTheExtraOnesAreNotRouted() {
        for (int i = 1; i <= 5; i++) {
            w.reply(w.ask(SDR, "Question " + i));
        }
        String sixth = w.ask(SDR, "Question 6");

        String note = Await.value(
                WAIT,
                "a private note",
                () -> w.harness.slack.calls("chat.postEphemeral").stream()
                        .map(c -> c.json().path("text").asText())
                        .filter(t -> t.contains("Wait a minute"))
                        .findFirst()
                        .orElse(null));
        assertThat(note).contains("you've asked 5 questions in the last minute");
        assertThat(w.harness.slack.calls("chat.postEphemeral"))
                .singleElement()
                .satisfies(c -> assertThat(c.json().path("user").asText()).isEqualTo(SDR));

        w.clock.advance(Duration.ofSeconds(61));
        String next = w.ask(SDR, "A minute later");
        w.reply(next);
        assertThat(w.botReplies(sixth)).isEmpty();
        assertThat(Burst.query(w.harness.databaseFile(), "SELECT COUNT(*) FROM sdr_question"))
                .containsExactly("6");
    }

    @Test
    void theShortcut_refusesTheSixthQuestionInAMinute_onTheQuestionField() {
        for (int i = 1; i <= 5; i++) {
            w.reply(w.ask(SDR, "Question " + i));
        }
        w.harness.slack.awaitAck(w.harness.slack.sendGlobalShortcut(SdrIds.CALLBACK_ID, SDR), WAIT);
        var view = Await.value(
                WAIT,
                "the modal",
                () -> w.harness.slack.calls("views.open").isEmpty() ? null : w.harness.slack.lastOpenedView());

        var ack = w.harness.slack.awaitAck(
                w.harness.slack.submitView(
                        view.id(),
                        SDR,
                        com.cebot.slackfake.StateValues.of()
                                .text(SdrIds.QUESTION, SdrIds.VALUE, "One more?")
                                .radio(SdrIds.URGENCY, SdrIds.VALUE, "WEEK", "This week")
                                .toJson()),
                WAIT);

        assertThat(ack.payload().path("errors").path(SdrIds.QUESTION).asText())
                .contains("Not sent", "5 questions in the last minute");
        assertThat(Burst.query(w.harness.databaseFile(), "SELECT COUNT(*) FROM sdr_question"))
                .containsExactly("5");
    }
}
