package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.FEEDBACK;
import static com.cebot.e2e.BotHarness.WAIT;
import static com.cebot.e2e.FeedbackWorkspace.CE1;
import static com.cebot.e2e.FeedbackWorkspace.CE2;
import static com.cebot.e2e.FeedbackWorkspace.OUTSIDER;
import static com.cebot.e2e.FeedbackWorkspace.PM;
import static com.cebot.e2e.FeedbackWorkspace.PM2;
import static com.cebot.e2e.FeedbackWorkspace.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Fault;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Product feedback from shortcut to closed loop, through the real app and a loopback Slack. */
final class FeedbackE2ETest {

    @TempDir
    Path dir;

    private FeedbackWorkspace w;

    @BeforeEach
    void start() {
        w = new FeedbackWorkspace(dir).started();
    }

    @AfterEach
    void stop() {
        w.close();
    }

    private static List<String> texts(JsonNode options, String field) {
        List<String> texts = new ArrayList<>();
        options.forEach(o -> texts.add(
                field.equals("value")
                        ? o.path("value").asText()
                        : o.path("text").path("text").asText()));
        return texts;
    }

    /** Shares Acme's need to a new gap "SSO with Okta groups" as CE1 and returns its card. */
    private Message firstGap() {
        w.share(
                CE1,
                form("new:SSO with Okta groups", "Map Okta groups to teams", "blocker", "new:Acme")
                        .text(FeedbackIds.BLOCKS, FeedbackIds.VALUE, "The Q4 renewal")
                        .text(FeedbackIds.WORKAROUND, FeedbackIds.VALUE, "They add people by hand"));
        Message card = w.card("SSO with Okta groups");
        w.awaitThread(card, 1);
        return card;
    }

    @Test
    void newGap_fromTheGlobalShortcut_asksForItsCategoryAndTitle_thenPostsTheCardAndTheShareInItsThread() {
        View form = w.openForm(CE1);
        assertThat(form.blocks().toString())
                .contains("not a bug", "Support Ticket Context")
                .doesNotContain("\"block_id\":\"category\"");
        JsonNode options = w.suggest(form, CE1, FeedbackIds.GAP_SELECT, FeedbackIds.GAP, "SSO with Okta");
        assertThat(texts(options, "text")).containsExactly("New gap: SSO with Okta");

        w.slack.clearCalls();
        w.slack.awaitAck(
                w.slack.sendViewBlockAction(
                        form.id(), CE1, FeedbackIds.GAP_SELECT, FeedbackIds.GAP, "new:SSO with Okta"),
                WAIT);
        w.slack.awaitCall("views.update", WAIT);
        View asked = w.slack.view(form.id());
        assertThat(asked.blocks().toString())
                .contains("\"block_id\":\"category\"", "Not categorised yet", "Integrations", "\"block_id\":\"title\"");

        Ack ack = w.submit(
                asked,
                CE1,
                form("new:SSO with Okta", "Map Okta groups to teams", "blocker", "new:Acme")
                        .select(FeedbackIds.CATEGORY, FeedbackIds.VALUE, "Integrations", "Integrations")
                        .text(FeedbackIds.TITLE, FeedbackIds.VALUE, "SSO with Okta groups")
                        .text(FeedbackIds.BLOCKS, FeedbackIds.VALUE, "The Q4 renewal")
                        .text(FeedbackIds.WORKAROUND, FeedbackIds.VALUE, "They add people by hand")
                        .text(FeedbackIds.LINK, FeedbackIds.VALUE, "https://acme.lightning.force.com/r/1"));

        assertThat(ack.payload()).isNull();
        Message card = w.card("SSO with Okta groups");
        assertThat(card.text()).contains("Open", "1 customer");
        assertThat(w.blocks(card))
                .contains(
                        "Integrations",
                        "1 blocking a deal or renewal",
                        "Acme",
                        "Map Okta groups to teams",
                        "feedback_add_customer",
                        "feedback_set_status",
                        "accessibility_label");
        Message reply = w.awaitThread(card, 1).get(0);
        assertThat(reply.text()).contains("Acme", "shared by <@" + CE1 + ">");
        assertThat(reply.blocks().toString())
                .contains(
                        "Map Okta groups to teams",
                        "The Q4 renewal",
                        "They add people by hand",
                        "<https://acme.lightning.force.com/r/1>",
                        "Shared by <@" + CE1 + ">");
        assertThat(w.cards()).hasSize(1);
    }

    @Test
    void newGap_fromTheMessageShortcut_quotesTheMessage_andKeepsItsLink() {
        String ts = w.slack.addMessage(CE, "U0CUSTOMER", "We *need* audit logs exported to S3", null);

        w.slack.awaitAck(w.slack.sendMessageShortcut(FeedbackIds.MESSAGE_CALLBACK_ID, CE1, CE, ts), WAIT);

        w.slack.awaitCall("views.open", WAIT);
        View form = w.slack.lastOpenedView();
        String permalink = "/archives/" + CE + "/p" + ts.replace(".", "");
        assertThat(form.callbackId()).isEqualTo(FeedbackIds.CALLBACK_ID);
        assertThat(form.blocks().toString()).contains("> We *need* audit logs exported to S3", permalink);
        String link = form.blocks().findValues("initial_value").stream()
                .map(JsonNode::asText)
                .filter(v -> v.contains(permalink))
                .findFirst()
                .orElseThrow();

        w.submit(
                form,
                CE1,
                form("new:Audit logs to S3", "> We *need* audit logs exported to S3", "major", "new:Initech")
                        .text(FeedbackIds.LINK, FeedbackIds.VALUE, link));

        Message card = w.card("Audit logs to S3");
        assertThat(w.blocks(card)).contains("Not categorised yet", "1 major", "Initech");
        assertThat(w.awaitThread(card, 1).get(0).blocks().toString()).contains(permalink);
        String source = Burst.query(
                        w.harness.databaseFile(),
                        "SELECT source_channel || ' ' || source_ts FROM" + " feedback_submission")
                .get(0);
        assertThat(source).isEqualTo(CE + " " + ts);
    }

    @Test
    void aSecondCustomer_throughTheTypeahead_joinsTheGap_andTheCardIsUpdatedInPlace() {
        Message card = firstGap();
        View form = w.openForm(CE2);

        JsonNode customers = w.suggest(form, CE2, FeedbackIds.CUSTOMER_SELECT, FeedbackIds.CUSTOMERS, "Glob");
        JsonNode gaps = w.suggest(form, CE2, FeedbackIds.GAP_SELECT, FeedbackIds.GAP, "okta sso");
        assertThat(texts(customers, "text")).containsExactly("New customer: Glob");
        assertThat(texts(gaps, "text"))
                .containsExactly("SSO with Okta groups · Open · 1 customer", "New gap: okta sso");
        String gap = texts(gaps, "value").get(0);
        w.submit(form, CE2, form(gap, "Same for their EU tenant", "major", "new:Globex", "new:Acme"));

        // Acme is counted once, at the worse of its two severities.
        w.awaitCard(card, "2 customers", "Acme, Globex", "1 blocking a deal or renewal · 1 major");
        assertThat(w.awaitThread(card, 2).get(1).text()).contains("Globex, Acme", "<@" + CE2 + ">");
        assertThat(w.cards()).hasSize(1);
        assertThat(w.slack.calls("chat.update")).isNotEmpty();
        // Acme was named by both: one customer, two submissions.
        assertThat(Burst.query(w.harness.databaseFile(), "SELECT COUNT(*) FROM feedback_submission"))
                .containsExactly("3");
    }

    @Test
    void aGapMergedOrClosedWhileTheFormWasOpen_isRefusedNextToTheGapField() {
        Message card = firstGap();
        View form = w.openForm(CE2);
        String gap = texts(w.suggest(form, CE2, FeedbackIds.GAP_SELECT, FeedbackIds.GAP, "okta"), "value")
                .get(0);
        w.setStatus(PM, card, "wont_do", null);
        w.awaitCard(card, "Won't do");

        Ack ack = w.submit(form, CE2, form(gap, "More", "minor", "new:Globex"));

        assertThat(ack.payload().path("errors").path(FeedbackIds.GAP).asText()).contains("closed as Won't do");
        Ack badLink = w.submit(
                form,
                CE2,
                form("new:Other", "More", "minor", "new:Globex")
                        .text(FeedbackIds.LINK, FeedbackIds.VALUE, "http://acme.example/x"));
        assertThat(badLink.payload().path("errors").path(FeedbackIds.LINK).asText())
                .contains("https");
        Ack tooLong = w.submit(form, CE2, form("new:Other", "x".repeat(2001), "minor", "new:Globex"));
        assertThat(tooLong.payload().path("errors").path(FeedbackIds.NEED).asText())
                .contains("2000 characters");
        w.harness.awaitWorkDone();
        assertThat(w.cards()).hasSize(1);
    }

    @Test
    void eachStatusChange_isNotedInTheThread_andDmsEachPersonWhoSharedOnce_acrossARestart() {
        Message card = firstGap();
        w.share(CE1, form("gap:" + FeedbackWorkspace.gapId(card), "Also Initech", "minor", "new:Initech"));
        w.share(CE2, form("gap:" + FeedbackWorkspace.gapId(card), "Globex too", "major", "new:Globex"));
        w.awaitThread(card, 3);
        // CE1's DM lands but its answer is lost: the bot must find it rather than send it again.
        w.slack.enqueueFault("chat.postMessage", CE1, new Fault.LoseAnswer(Duration.ofSeconds(3)));

        Ack ack = w.setStatus(PM, card, "resolved", "Shipped in 5.2");
        assertThat(ack.payload()).isNull();
        Await.until(WAIT, "CE1's DM", () -> !w.dmsSaying(CE1, "now *Resolved*").isEmpty());
        w.harness.restart();
        // Past the retry's wait: the restarted bot looks for the DM, finds it, and records it sent.
        w.clock.advance(Duration.ofSeconds(10));
        Await.until(
                WAIT,
                "the unanswered DM found",
                () -> Burst.query(
                                w.harness.databaseFile(),
                                "SELECT status FROM" + " work WHERE work_key LIKE '%:dm:" + CE1 + "'")
                        .equals(List.of("done")));
        List<String[]> later = List.of(
                new String[] {"in_progress", "In progress"},
                new String[] {"in_review", "In review"},
                new String[] {"scheduled", "Scheduled"},
                new String[] {"backlog", "Backlog"},
                new String[] {"wont_do", "Won't do"},
                new String[] {"open", "Open"});
        for (String[] status : later) {
            w.setStatus(PM2, card, status[0], null);
            w.awaitCard(card, "*Status*\\n" + status[1]);
        }
        Await.until(
                WAIT,
                "a DM of the last change to each",
                () -> !w.dmsSaying(CE1, "now *Open*").isEmpty()
                        && !w.dmsSaying(CE2, "now *Open*").isEmpty());
        w.awaitThread(card, 10);
        w.harness.awaitWorkDone();

        assertThat(w.dmsSaying(CE1, "now *Resolved*"))
                .singleElement()
                .satisfies(dm -> assertThat(dm.text())
                        .contains(
                                "Shipped in 5.2",
                                "You asked for Acme, Initech",
                                "set by <@" + PM + ">",
                                "View the gap"));
        assertThat(w.dmsSaying(CE2, "now *Resolved*"))
                .singleElement()
                .satisfies(dm ->
                        assertThat(dm.text()).contains("You asked for Globex").doesNotContain("Acme"));
        assertThat(w.dmsSaying(CE2, "now *Won't do*"))
                .singleElement()
                .satisfies(dm -> assertThat(dm.text()).contains("You asked for Globex", "set by <@" + PM2 + ">"));
        for (String[] status : later) {
            for (String user : List.of(CE1, CE2)) {
                assertThat(w.dmsSaying(user, "now *" + status[1] + "*"))
                        .as(user + " told of " + status[1])
                        .hasSize(1);
            }
        }
        assertThat(w.dmsSaying(CE1, "now *In progress*").get(0).text()).doesNotContain("You asked for");
        assertThat(w.dms(CE1)).hasSize(7);
        assertThat(w.dms(CE2)).hasSize(7);
        List<Message> notes = w.thread(card).subList(3, 10);
        assertThat(notes.get(0).text())
                .contains("<@" + PM + "> set the status to *Resolved* (was Open): Shipped in 5.2");
        assertThat(notes.get(1).text()).contains("*In progress* (was Resolved)");
        assertThat(notes.get(6).text()).contains("*Open* (was Won't do)");
        assertThat(w.dms(PM)).isEmpty();
    }

    @Test
    void aRepeatedSubmission_ofTheStatusForm_changesItOnce() {
        Message card = firstGap();
        View modal = w.openTeamModal(PM, card, FeedbackIds.SET_STATUS, FeedbackIds.STATUS_CALLBACK_ID);
        StateValues values = StateValues.of().radio(FeedbackIds.STATUS, FeedbackIds.VALUE, "in_review", "In review");

        w.submit(modal, PM, values);
        w.submit(modal, PM, values);
        w.awaitCard(card, "In review");
        w.setStatus(PM, card, "scheduled", null);
        Await.until(
                WAIT,
                "the later change's DM",
                () -> !w.dmsSaying(CE1, "Scheduled").isEmpty());

        assertThat(w.dmsSaying(CE1, "In review")).hasSize(1);
        assertThat(Burst.query(
                        w.harness.databaseFile(),
                        "SELECT COUNT(*) FROM feedback_gap_event WHERE action =" + " 'status'"))
                .containsExactly("2");
    }

    @Test
    void someoneOutsideTheProductTeam_isRefusedPrivately_andNothingChanges() {
        Message card = firstGap();
        w.slack.clearCalls();

        w.press(OUTSIDER, card, FeedbackIds.SET_STATUS);

        RecordedCall reply = w.slack.awaitCall("response_url", WAIT);
        assertThat(reply.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.json().path("text").asText())
                .contains(
                        "Only the product team",
                        "<!subteam^" + FeedbackWorkspace.PRODUCT_GROUP + ">",
                        "<@" + PM2 + ">",
                        "changed nothing");
        w.press(OUTSIDER, card, FeedbackIds.MERGE);
        w.slack.awaitCalls("response_url", 2, WAIT);
        assertThat(w.slack.calls("views.open")).isEmpty();
        assertThat(w.blocks(card)).contains("Open");
        assertThat(w.thread(card)).hasSize(1);

        View modal = w.openTeamModal(PM, card, FeedbackIds.SET_STATUS, FeedbackIds.STATUS_CALLBACK_ID);
        assertThat(modal.blocks().toString()).contains("In review", "Won't do");
        Ack forged = w.submit(
                modal, OUTSIDER, StateValues.of().radio(FeedbackIds.STATUS, FeedbackIds.VALUE, "backlog", "Backlog"));
        assertThat(forged.payload().path("errors").path(FeedbackIds.STATUS).asText())
                .contains("Only the product team");
    }

    @Test
    void whenSlackSaysTheProductGroupChanged_aNewMemberMaySetTheStatus_withoutBeingRefusedFirst() {
        Message card = firstGap();
        w.slack.addUserGroup(FeedbackWorkspace.PRODUCT_GROUP, "product-team", List.of(PM, OUTSIDER));
        int reads = w.slack.calls("usergroups.users.list").size();

        w.slack.sendEvent(JsonNodeFactory.instance
                .objectNode()
                .put("type", "subteam_members_changed")
                .put("subteam_id", FeedbackWorkspace.PRODUCT_GROUP)
                .put("team_id", "T0FAKE")
                .put("event_ts", "1795000000.000100"));
        w.slack.awaitCalls("usergroups.users.list", reads + 1, WAIT);
        Await.until(
                WAIT,
                "the group's new members kept",
                () -> Burst.query(
                                w.harness.databaseFile(),
                                "SELECT members FROM user_group_members WHERE group_id = '"
                                        + FeedbackWorkspace.PRODUCT_GROUP + "'")
                        .toString()
                        .contains(OUTSIDER));

        Ack ack = w.setStatus(OUTSIDER, card, "in_review", null);
        assertThat(ack.payload() == null ? null : ack.payload().get("errors"))
                .as("no refusal")
                .isNull();
        Await.until(
                WAIT, "the card to show the new status", () -> w.blocks(card).contains("In review"));
        assertThat(w.slack.calls("response_url")).as("no refusal").isEmpty();
    }

    @Test
    void merge_movesTheSubmissions_andTheOldCardSaysWhereTheyWent() {
        Message sso = firstGap();
        w.share(CE2, form("new:Okta SSO", "Okta login", "major", "new:Globex"));
        Message dup = w.card("Okta SSO");
        w.awaitThread(dup, 1);

        View modal = w.openTeamModal(PM, dup, FeedbackIds.MERGE, FeedbackIds.MERGE_CALLBACK_ID);
        List<String> offered =
                texts(w.suggest(modal, PM, FeedbackIds.MERGE_SELECT, FeedbackIds.TARGET, "okta"), "value");
        assertThat(offered).containsExactly("gap:" + FeedbackWorkspace.gapId(sso));
        w.submit(
                modal,
                PM,
                StateValues.of()
                        .externalSelect(FeedbackIds.TARGET, FeedbackIds.MERGE_SELECT, offered.get(0), "SSO")
                        .text(FeedbackIds.NOTE, FeedbackIds.VALUE, "Same ask"));

        String old = w.awaitCard(dup, "Merged into", "/p" + sso.ts().replace(".", ""));
        assertThat(old).doesNotContain("feedback_set_status", "feedback_add_customer");
        w.awaitCard(sso, "2 customers", "Acme, Globex");
        Await.until(
                WAIT,
                "notes in both threads",
                () -> w.thread(dup).size() == 2 && w.thread(sso).size() == 2);
        assertThat(w.thread(dup).get(1).text())
                .contains("merged this gap into", "1 submission moved there", "Same ask");
        assertThat(w.thread(sso).get(1).text()).contains("merged", "Okta SSO", "into this gap");
        Await.until(
                WAIT,
                "CE2 told where their customer went",
                () -> !w.dmsSaying(CE2, "was merged").isEmpty());
        w.harness.awaitWorkDone();
        assertThat(w.dmsSaying(CE1, "was merged")).isEmpty();

        w.setStatus(PM, sso, "in_review", null);
        Await.until(
                WAIT,
                "CE2 hears of the gap their customer moved to",
                () -> !w.dmsSaying(CE2, "In review").isEmpty());
        w.slack.clearCalls();
        w.press(CE1, dup, FeedbackIds.ADD_CUSTOMER);
        w.slack.awaitCall("views.open", WAIT);
        assertThat(w.slack.lastOpenedView().blocks().toString()).contains("merged into another");
    }

    @Test
    void home_listsWhatAPersonShared_andTheOpenGapsForTheProductTeam_mostCustomersFirst() {
        Message sso = firstGap();
        w.share(CE2, form("new:Audit logs to S3", "Export", "minor", "new:Globex", "new:Initech"));
        w.card("Audit logs to S3");

        w.slack.sendAppHomeOpened(CE1);
        w.slack.sendAppHomeOpened(PM);
        View mine = Await.value(
                WAIT,
                "CE1's Home",
                () -> w.slack
                        .homeView(CE1)
                        .filter(v -> v.json().toString().contains("Your product feedback"))
                        .orElse(null));
        assertThat(mine.json().toString())
                .contains("SSO with Okta groups", "Open", "Acme")
                .doesNotContain("Product gaps still Open", "Audit logs to S3");
        View team = Await.value(
                WAIT,
                "PM's Home",
                () -> w.slack
                        .homeView(PM)
                        .filter(v -> v.json().toString().contains("Product gaps still Open"))
                        .orElse(null));
        String json = team.json().toString();
        assertThat(json.indexOf("Audit logs to S3")).isLessThan(json.indexOf("SSO with Okta groups"));
        assertThat(json).contains("Share product feedback", "accessibility_label");

        w.slack.clearCalls();
        w.slack.awaitAck(
                w.slack.sendViewBlockAction(
                        team.id(), PM, FeedbackIds.SET_STATUS, "home_x", FeedbackWorkspace.gapId(sso)),
                WAIT);
        w.slack.awaitCall("views.open", WAIT);
        assertThat(w.slack.lastOpenedView().callbackId()).isEqualTo(FeedbackIds.STATUS_CALLBACK_ID);
        w.setStatus(PM, sso, "in_review", null);
        Await.until(
                WAIT,
                "CE1's Home shows the new status",
                () -> w.slack.homeView(CE1).orElseThrow().json().toString().contains("In review"));
    }

    @Test
    void theSalesforceRecord_isSetByTheProductTeam_andShownOnTheCard() {
        Message card = firstGap();
        View modal = w.openTeamModal(PM2, card, FeedbackIds.RECORD_BUTTON, FeedbackIds.RECORD_CALLBACK_ID);

        Ack bad = w.submit(modal, PM2, StateValues.of().text(FeedbackIds.RECORD, FeedbackIds.VALUE, "javascript:x"));
        assertThat(bad.payload().path("errors").path(FeedbackIds.RECORD).asText())
                .contains("https");
        w.submit(
                modal,
                PM2,
                StateValues.of()
                        .text(FeedbackIds.RECORD, FeedbackIds.VALUE, "https://acme.lightning.force.com/r/Gap/9"));

        w.awaitCard(card, "Salesforce record", "<https://acme.lightning.force.com/r/Gap/9>");
        Await.stays(
                WAIT,
                "replies in #feedback",
                1,
                () -> (int) w.slack.messages(FEEDBACK).stream()
                        .filter(Message::isReply)
                        .count(),
                w.harness::workDone);
    }
}
