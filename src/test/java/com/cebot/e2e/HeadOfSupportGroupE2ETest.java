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
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head of support as a user group: its members may decide the moment the bot is up, also right
 * after a restart during which Slack will not say who the members are.
 */
final class HeadOfSupportGroupE2ETest {

    private static final String LEAD = "U0LEAD";
    private static final String GROUP = "S0LEADS";

    @TempDir
    Path dir;

    private BotHarness harness;

    @BeforeEach
    void start() {
        harness = BotHarness.create(dir, Clock.systemUTC());
        harness.slack.addUser(LEAD, "lead", "America/Los_Angeles");
        harness.slack.addUserGroup(GROUP, "support-leads", List.of(LEAD));
        harness.writeConfig("""
                support:
                  head_of_support: "@support-leads"
                  delegates: [%s]
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
        return Await.value(WAIT, "a request card", () -> harness.slack.messages(SUPPORT).stream()
                .filter(m -> !m.isReply()).findFirst().orElse(null));
    }

    private void acknowledge(String user, Message card) {
        String id = card.blocks().findValues("value").stream().map(v -> v.asText()).filter(v -> v.matches("\\d+"))
                .findFirst().orElseThrow();
        harness.slack.awaitAck(harness.slack.sendBlockAction(user, SUPPORT, card.ts(), "request_acknowledge", "b", id),
                WAIT);
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

        Await.until(WAIT, "the card to show the acknowledgement",
                () -> cardNow(card).contains("Acknowledged by <@" + LEAD + ">"));
        assertThat(harness.slack.calls("chat.postEphemeral")).as("no refusal").isEmpty();
    }

    @Test
    void someoneOutsideTheGroup_isStillRefused() {
        Message card = raiseRequest();

        acknowledge(CE_USER, card);

        harness.slack.awaitCall("chat.postEphemeral", WAIT);
        assertThat(cardNow(card)).doesNotContain("Acknowledged by");
    }
}
