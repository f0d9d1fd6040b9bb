package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.DELEGATE;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Fault;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.MutableClock;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head of support as a user group: its members may decide the moment the bot is up, also right
 * after a restart during which Slack will not say who the members are; the group is read again when
 * Slack says it changed; and once Slack has not listed its members for longer than
 * {@code support.confirm_members_within_hours}, its members are refused, and told why, until it does.
 */
final class HeadOfSupportGroupE2ETest {

    private static final String LEAD = "U0LEAD";
    private static final String GROUP = "S0LEADS";
    private static final String NEW_LEAD = "U0NEWLEAD";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now());
    private BotHarness harness;

    @BeforeEach
    void start() {
        harness = BotHarness.create(dir, clock);
        harness.slack.addUser(LEAD, "lead", "America/Los_Angeles");
        harness.slack.addUserGroup(GROUP, "support-leads", List.of(LEAD));
        harness.writeConfig("""
                support:
                  head_of_support: "@support-leads"
                  delegates: [%s]
                  confirm_members_within_hours: 2
                zendesk:
                  subdomain: acme
                """.formatted(DELEGATE));
        harness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Message raiseRequest() {
        harness.slack.clearCalls();
        harness.slack.awaitAck(harness.slack.sendGlobalShortcut(RequestIds.CALLBACK_ID, CE_USER), WAIT);
        harness.slack.awaitCall("views.open", WAIT);
        View view = harness.slack.lastOpenedView();
        StateValues form = StateValues.of()
                .externalSelect(RequestIds.CUSTOMER, RequestIds.CUSTOMER_SELECT, "new:Acme Corp", "Acme Corp")
                .text(RequestIds.LINK, RequestIds.VALUE, "ZD 77")
                .text(RequestIds.ASK, RequestIds.VALUE, "Expedite the SSO fix")
                .text(RequestIds.WHY, RequestIds.VALUE, "Renewal next week")
                .text(RequestIds.IF_NOT, RequestIds.VALUE, "They may not renew");
        harness.slack.awaitAck(harness.slack.submitView(view.id(), CE_USER, form.toJson()), WAIT);
        return Await.value(
                WAIT,
                "a request card",
                () -> harness.slack.messages(SUPPORT).stream()
                        .filter(m -> !m.isReply())
                        .findFirst()
                        .orElse(null));
    }

    private void acknowledge(String user, Message card) {
        move(user, card, "request_acknowledge");
    }

    private void move(String user, Message card, String actionId) {
        String id = card.blocks().findValues("value").stream()
                .map(v -> v.asText())
                .filter(v -> v.matches("\\d+"))
                .findFirst()
                .orElseThrow();
        harness.slack.awaitAck(harness.slack.sendBlockAction(user, SUPPORT, card.ts(), actionId, "b", id), WAIT);
    }

    private void slackSaysTheGroupChanged() {
        harness.slack.sendEvent(JsonNodeFactory.instance
                .objectNode()
                .put("type", "subteam_members_changed")
                .put("subteam_id", GROUP)
                .put("team_id", "T0FAKE")
                .put("event_ts", "1795000000.000100"));
    }

    private List<String> keptMembers() {
        return Burst.query(
                harness.databaseFile(),
                "SELECT members || ' at ' || read_at FROM user_group_members" + " WHERE group_id = '" + GROUP + "'");
    }

    private String cardNow(Message card) {
        return harness.slack.message(SUPPORT, card.ts()).orElseThrow().blocks().toString();
    }

    @Test
    void aMember_mayDecide_atOnce_evenWhenSlackWillNotListTheMembersAfterARestart() {
        Message card = raiseRequest();
        harness.stopBot();
        Fault[] refused = new Fault[20];
        java.util.Arrays.fill(refused, new Fault.ServerError(503));
        harness.slack.enqueueFault("usergroups.users.list", refused);

        harness.start();
        acknowledge(LEAD, card);

        Await.until(
                WAIT,
                "the card to show the acknowledgement",
                () -> cardNow(card).contains("Acknowledged by <@" + LEAD + ">"));
        harness.awaitWorkDone();
        assertThat(harness.slack.calls("chat.postEphemeral")).as("no refusal").isEmpty();
    }

    @Test
    void whenSlackSaysTheGroupChanged_aNewMemberMayDecide_withoutBeingRefusedFirst() {
        Message card = raiseRequest();
        harness.slack.addUser(NEW_LEAD, "newlead", "America/Los_Angeles");
        harness.slack.addUserGroup(GROUP, "support-leads", List.of(LEAD, NEW_LEAD));

        slackSaysTheGroupChanged();
        Await.until(
                WAIT,
                "the new members read and kept",
                () -> keptMembers().toString().contains(NEW_LEAD));
        acknowledge(NEW_LEAD, card);

        Await.until(
                WAIT,
                "the card to show the acknowledgement",
                () -> cardNow(card).contains("Acknowledged by <@" + NEW_LEAD + ">"));
        harness.awaitWorkDone();
        assertThat(harness.slack.calls("chat.postEphemeral")).as("no refusal").isEmpty();
    }

    @Test
    void afterReadsFailLongerThanTheWindow_aMemberIsRefusedAndToldWhy_theDelegateIsNot_untilSlackAnswers() {
        Message card = raiseRequest();
        int reads = harness.slack.calls("usergroups.users.list").size();
        harness.slack.enqueueFault("usergroups.users.list", new Fault.ServerError(503), new Fault.ServerError(503));
        slackSaysTheGroupChanged();
        harness.slack.awaitCalls("usergroups.users.list", reads + 1, WAIT);
        clock.advance(Duration.ofHours(3));

        acknowledge(LEAD, card);

        String why = Await.value(
                WAIT,
                "the private refusal",
                () -> harness.slack.calls("chat.postEphemeral").stream()
                        .map(c -> c.json().path("text").asText())
                        .findFirst()
                        .orElse(null));
        assertThat(why)
                .contains(
                        "can't confirm that you are still in <!subteam^" + GROUP + ">",
                        "older than 2 hours",
                        "<@" + DELEGATE + "> can move it");
        harness.slack.awaitCalls("usergroups.users.list", reads + 2, WAIT);
        assertThat(cardNow(card)).doesNotContain("Acknowledged by");

        acknowledge(DELEGATE, card);
        Await.until(
                WAIT,
                "the delegate's acknowledgement",
                () -> cardNow(card).contains("Acknowledged by <@" + DELEGATE + ">"));

        List<String> before = keptMembers();
        slackSaysTheGroupChanged();
        Await.until(WAIT, "a fresh list from Slack", () -> !keptMembers().equals(before));
        move(LEAD, card, "request_approve");
        Await.until(WAIT, "the lead's approval", () -> cardNow(card).contains("Approved by <@" + LEAD + ">"));
    }

    @Test
    void someoneOutsideTheGroup_isStillRefused() {
        Message card = raiseRequest();

        acknowledge(CE_USER, card);

        harness.slack.awaitCall("chat.postEphemeral", WAIT);
        assertThat(cardNow(card)).doesNotContain("Acknowledged by");
    }
}
