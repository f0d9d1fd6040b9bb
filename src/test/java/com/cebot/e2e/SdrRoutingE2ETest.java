package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.AE;
import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.WAIT;
import static com.cebot.e2e.SdrWorkspace.CE1;
import static com.cebot.e2e.SdrWorkspace.CE2;
import static com.cebot.e2e.SdrWorkspace.CE3;
import static com.cebot.e2e.SdrWorkspace.MANAGER;
import static com.cebot.e2e.SdrWorkspace.SDR;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SDR questions in #ce from detection to answer, through the real app and a loopback Slack. */
final class SdrRoutingE2ETest {

    @TempDir
    Path dir;

    private SdrWorkspace w;

    @BeforeEach
    void start() {
        // The clock stands still here, so every question is asked in the same minute.
        w = new SdrWorkspace(dir, "max_open_per_person: 2\nquestions_per_minute: 50", "").started();
    }

    @AfterEach
    void stop() {
        w.close();
    }

    private List<Message> botMessagesIn(String channel) {
        return w.harness.slack.messages(channel).stream()
                .filter(m -> SlackFake.BOT_USER_ID.equals(m.user()))
                .toList();
    }

    @Test
    void taggedTopLevelMessage_isAQuestion_andTheReplyNamesTheAssigneeWithButtons() {
        String ts = w.ask(SDR, "Does Acme's plan include SSO?");

        Message reply = w.reply(ts);

        assertThat(reply.text()).isEqualTo("<@" + SDR + ">: <@" + CE1 + "> will answer here.");
        assertThat(reply.blocks().toString())
                .contains(
                        SdrIds.CLAIM,
                        SdrIds.ANSWERED,
                        SdrIds.PASS,
                        SdrIds.ESCALATE,
                        "Pass to the next CE",
                        "Escalate to the CE manager");
    }

    @Test
    void untaggedMessages_edits_botMessages_andThreadReplies_areNotQuestions() {
        String plain = w.harness
                .slack
                .sendMessageEvent(CE, SDR, "Anyone around?", null)
                .ts();
        w.harness.slack.awaitAck(
                w.harness
                        .slack
                        .sendMessageChangedEvent(CE, plain, "Anyone around? <!subteam^" + SdrIds.GROUP + ">")
                        .envelopeId(),
                WAIT);
        w.harness.slack.addBot("B0OTHER", "U0OTHERBOT", "otherbot");
        w.harness.slack.awaitAck(
                w.harness
                        .slack
                        .sendBotMessageEvent(CE, "B0OTHER", "Digest <!subteam^" + SdrIds.GROUP + ">")
                        .envelopeId(),
                WAIT);
        String parent =
                w.harness.slack.sendMessageEvent(CE, SDR, "a thread", null).ts();
        w.harness.slack.awaitAck(
                w.harness
                        .slack
                        .sendMessageEvent(CE, SDR, "ping <!subteam^" + SdrIds.GROUP + ">", parent)
                        .envelopeId(),
                WAIT);
        // A real question after them: once its reply is there, the others had their chance.
        String question = w.ask(SDR, "Real question");
        w.reply(question);

        assertThat(botMessagesIn(CE)).hasSize(1);
        assertThat(inboxRows()).as("only the question cost an insert").containsExactly(SdrKinds.QUESTION);
    }

    @Test
    void repliesByTheAskerOrSomeoneOutsideTheTeam_costNoInsert_andAreNoFirstResponse() {
        String ts = w.ask(SDR, "Q");
        w.reply(ts);

        w.harness.slack.awaitAck(
                w.harness.slack.sendMessageEvent(CE, SDR, "bump", ts).envelopeId(), WAIT);
        w.harness.slack.awaitAck(
                w.harness.slack.sendMessageEvent(CE, AE, "+1", ts).envelopeId(), WAIT);
        w.harness.slack.sendMessageEvent(CE, CE2, "Answering", ts);

        Await.until(
                WAIT, "CE2's response", () -> w.reply(ts).blocks().toString().contains("<@" + CE2 + ">"));
        assertThat(inboxRows()).containsExactly(SdrKinds.QUESTION, SdrKinds.REPLY);
    }

    /** The kinds of the SDR rows in the inbox, in order. */
    private List<String> inboxRows() {
        return Burst.query(
                w.harness.databaseFile(),
                "SELECT kind FROM work WHERE queue = 'inbox' AND kind LIKE 'sdr.%' ORDER BY id");
    }

    @Test
    void groupMentionedOnlyInRichText_isAQuestion() {
        ArrayNode blocks = JsonNodeFactory.instance.arrayNode();
        var section = blocks.addObject()
                .put("type", "rich_text")
                .putArray("elements")
                .addObject()
                .put("type", "rich_text_section")
                .putArray("elements");
        section.addObject().put("type", "usergroup").put("usergroup_id", SdrIds.GROUP);
        section.addObject().put("type", "text").put("text", " what is our SOC 2 status?");

        String ts = w.harness
                .slack
                .sendMessageEvent(CE, SDR, "@ce-sdr-collab what is our SOC 2 status?", null, blocks)
                .ts();

        assertThat(w.reply(ts).text()).contains("<@" + CE1 + ">");
    }

    @Test
    void repeatedDelivery_ofOneQuestion_routesItOnce() {
        var sent = w.harness.slack.sendMessageEvent(CE, SDR, "Twice? <!subteam^" + SdrIds.GROUP + ">", null);
        w.harness.slack.awaitAck(sent.envelopeId(), WAIT);
        w.harness.slack.resend(sent.envelopeId());
        w.harness.slack.awaitAcks(sent.envelopeId(), 2, WAIT);
        w.reply(sent.ts());
        String next = w.ask(SDR, "Next");

        assertThat(w.reply(next).text()).as("the rotation moved on by one").contains("<@" + CE2 + ">");
        assertThat(w.botReplies(sent.ts())).hasSize(1);
    }

    @Test
    void shortcut_postsTheQuestionForTheSdr_escaped_andRoutesIt() {
        try (LogCapture logs = LogCapture.start()) {
            w.harness.slack.awaitAck(w.harness.slack.sendGlobalShortcut(SdrIds.CALLBACK_ID, SDR), WAIT);
            w.harness.slack.awaitCall("views.open", WAIT);
            var view = w.harness.slack.lastOpenedView();
            StateValues form = StateValues.of()
                    .text(SdrIds.QUESTION, SdrIds.VALUE, "Can <!channel> & <@U0HEAD> see *this*?")
                    .externalSelect(SdrIds.ACCOUNT, SdrIds.ACCOUNT_SELECT, "new:Globex", "Globex")
                    .text(SdrIds.LINK, SdrIds.VALUE, "https://crm.example.com/deal/7")
                    .radio(SdrIds.URGENCY, SdrIds.VALUE, "TODAY", "Today");

            w.harness.slack.awaitAck(w.harness.slack.submitView(view.id(), SDR, form.toJson()), WAIT);

            Message posted = Await.value(
                    WAIT,
                    "the question posted in #ce",
                    () -> botMessagesIn(CE).stream()
                            .filter(m -> !m.isReply())
                            .findFirst()
                            .orElse(null));
            assertThat(posted.text())
                    .startsWith("<@" + SDR + "> asks (needed today) <!subteam^" + SdrIds.GROUP + ">:")
                    .contains("&lt;!channel&gt; &amp; &lt;@U0HEAD&gt;")
                    .doesNotContain("<!channel>", "<@U0HEAD>");
            assertThat(posted.blocks().toString())
                    .contains(
                            "&lt;!channel&gt; &amp; &lt;@U0HEAD&gt;",
                            "Globex",
                            "<https://crm.example.com/deal/7>",
                            "<!subteam^" + SdrIds.GROUP + ">")
                    .doesNotContain("<!channel>", "<@U0HEAD>");
            assertThat(w.reply(posted.ts()).text()).contains("<@" + CE1 + "> will answer here");
            assertThat(logs.events().stream().map(LogCapture::printed)).noneMatch(line -> line.contains("see *this*"));
        }
    }

    @Test
    void shortcut_linkThatIsNotHttps_isRefusedOnTheField() {
        w.harness.slack.awaitAck(w.harness.slack.sendGlobalShortcut(SdrIds.CALLBACK_ID, SDR), WAIT);
        w.harness.slack.awaitCall("views.open", WAIT);
        var view = w.harness.slack.lastOpenedView();

        Ack ack = w.harness.slack.awaitAck(
                w.harness.slack.submitView(
                        view.id(),
                        SDR,
                        StateValues.of()
                                .text(SdrIds.QUESTION, SdrIds.VALUE, "Q")
                                .text(SdrIds.LINK, SdrIds.VALUE, "http://crm/deal")
                                .radio(SdrIds.URGENCY, SdrIds.VALUE, "WEEK", "This week")
                                .toJson()),
                WAIT);

        assertThat(ack.payload().path("errors").has(SdrIds.LINK)).isTrue();
        w.harness.awaitWorkDone();
        assertThat(w.harness.slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void claim_byAnotherMember_takesIt_andSomeoneOutsideTheGroup_isRefusedPrivately() {
        String ts = w.ask(SDR, "Q");
        w.reply(ts);

        w.press(AE, ts, SdrIds.CLAIM);
        assertThat(w.awaitPrivate(1)).contains("Only members of");
        w.press(CE3, ts, SdrIds.CLAIM);

        assertThat(w.awaitReply(ts, "<@" + CE3 + ">")).contains("<@" + CE3 + "> will answer here");
    }

    @Test
    void answered_byTheAsker_closesIt_andALaterPressIsToldItIsStale() {
        String ts = w.ask(SDR, "Q");
        w.reply(ts);

        w.press(AE, ts, SdrIds.ANSWERED);
        assertThat(w.awaitPrivate(1)).contains("Only the CE who owns this question");
        w.press(SDR, ts, SdrIds.ANSWERED);
        w.awaitReply(ts, "<@" + SDR + ">: answered, marked by <@" + SDR + ">");

        assertThat(w.reply(ts).blocks().toString()).doesNotContain(SdrIds.CLAIM);
        w.press(CE2, ts, SdrIds.ANSWERED);
        assertThat(w.awaitPrivate(2)).contains("already marked answered");
    }

    @Test
    void pass_goesToTheNextEligibleMember_andTheThreadSaysSo_andAnOutsiderCannotPass() {
        String ts = w.ask(SDR, "Q");
        w.reply(ts);

        w.press(SDR, ts, SdrIds.PASS);
        assertThat(w.awaitPrivate(1)).contains("can pass it on");
        w.press(CE1, ts, SdrIds.PASS);

        w.awaitReply(ts, "<@" + CE2 + ">");
        assertThat(w.awaitNote(ts, "passed this on")).contains("<@" + CE1 + "> passed this on", "<@" + CE2 + ">");
    }

    @Test
    void escalate_tagsTheManagerOnce_andAnOutsiderCannotEscalate() {
        String ts = w.ask(SDR, "Q");
        w.reply(ts);

        w.press(AE, ts, SdrIds.ESCALATE);
        assertThat(w.awaitPrivate(1)).contains("escalate it");
        w.press(SDR, ts, SdrIds.ESCALATE);

        assertThat(w.awaitNote(ts, "escalated this question")).contains("<@" + MANAGER + ">", "<@" + SDR + ">");
        Await.until(
                WAIT,
                "the reply shows the escalation",
                () -> w.reply(ts).blocks().toString().contains("Escalated by <@" + SDR + ">"));
        assertThat(w.reply(ts).blocks().toString())
                .doesNotContain(SdrIds.ESCALATE)
                .contains(SdrIds.ANSWERED);
        w.press(CE1, ts, SdrIds.ESCALATE);
        assertThat(w.awaitPrivate(2)).contains("already escalated");
    }

    @Test
    void firstReplyByACe_isTheFirstResponse_timedInWorkingTime_andTheAskersReplyIsNot() {
        String ts = w.ask(SDR, "Q");
        w.reply(ts);

        w.clock.advance(Duration.ofMinutes(10));
        w.harness.slack.awaitAck(
                w.harness.slack.sendMessageEvent(CE, SDR, "any news?", ts).envelopeId(), WAIT);
        w.clock.advance(Duration.ofMinutes(15));
        w.harness.slack.sendMessageEvent(CE, CE2, "Yes, SSO is in Enterprise.", ts);

        Await.until(
                WAIT,
                "the first response shown",
                () -> w.reply(ts).blocks().toString().contains("First response by <@" + CE2 + "> after 25 min"));
        assertThat(w.reply(ts).text())
                .as("the text is redrawn with the blocks")
                .contains("First response by <@" + CE2 + "> after 25 min");
    }

    @Test
    void noResponse_nudgesTheAssignee_thenPassesItOn() {
        String ts = w.ask(SDR, "Q");
        w.reply(ts);

        w.clock.advance(Duration.ofMinutes(61));
        Message dm = Await.value(
                WAIT, "a nudge DM", () -> w.dms(CE1).stream().findFirst().orElse(null));
        assertThat(dm.text()).contains("/archives/" + CE + "/p" + ts.replace(".", ""), "> Q", "*Pass to the next CE*");

        w.clock.advance(Duration.ofMinutes(60));
        assertThat(w.awaitNote(ts, "No response from")).contains("<@" + CE1 + ">");
        w.awaitReply(ts, "<@" + CE2 + ">");
        assertThat(w.awaitNote(ts, "this question is yours now")).contains("<@" + CE2 + ">");
    }

    @Test
    void aResponseBeforeTheNudge_meansNoNudge() {
        String ts = w.ask(SDR, "Q");
        w.reply(ts);
        w.harness.slack.sendMessageEvent(CE, CE1, "On it", ts);
        Await.until(
                WAIT,
                "the first response",
                () -> w.reply(ts).blocks().toString().contains("First response"));

        w.clock.advance(Duration.ofMinutes(200));
        w.harness.awaitWorkDone();

        assertThat(w.dms(CE1)).isEmpty();
        assertThat(w.botReplies(ts)).hasSize(1);
        // Ids are the store's to give: PostgreSQL's sequences may skip one that SQLite would use.
        String q = "sdr:q:"
                + Burst.query(w.harness.databaseFile(), "SELECT MIN(id) FROM sdr_question")
                        .get(0) + ":";
        assertThat(Burst.query(
                        w.harness.databaseFile(),
                        "SELECT work_key || '=' || status FROM work" + " WHERE queue = 'job' AND work_key LIKE '" + q
                                + "%' ORDER BY work_key"))
                .containsExactly(q + "a1:nudge=cancelled", q + "a1:pass-on=cancelled", q + "escalate=cancelled");
    }

    @Test
    void overloadedMembers_areSkipped_andWhenNobodyIsEligible_theThreadTagsTheManager() {
        for (int i = 0; i < 8; i++) {
            w.reply(w.ask(SDR, "Q" + i));
        }
        String ninth = w.ask(SDR, "One too many");

        assertThat(w.awaitReply(ninth, "nobody in"))
                .contains("<@" + SDR + ">: nobody in <!subteam^" + SdrIds.GROUP + ">");
        assertThat(w.awaitNote(ninth, "can you find someone")).contains("<@" + MANAGER + ">");
    }
}
