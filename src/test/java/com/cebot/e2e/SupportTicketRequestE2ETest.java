package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.AE;
import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.DELEGATE;
import static com.cebot.e2e.BotHarness.HEAD;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Support Ticket Request from shortcut to decision, through the real app and a loopback Slack. */
final class SupportTicketRequestE2ETest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Los_Angeles"));

    @RegisterExtension
    final RunningBot bot = new RunningBot();

    private View openModal(String user) {
        bot.harness().slack.clearCalls();
        bot.harness().slack.awaitAck(bot.harness().slack.sendGlobalShortcut(RequestIds.CALLBACK_ID, user), WAIT);
        bot.harness().slack.awaitCall("views.open", WAIT);
        return bot.harness().slack.lastOpenedView();
    }

    private static StateValues form() {
        return StateValues.of()
                .externalSelect(RequestIds.CUSTOMER, RequestIds.CUSTOMER_SELECT, "new:Acme Corp", "Acme Corp")
                .text(RequestIds.LINK, RequestIds.VALUE, "ZD 77")
                .text(RequestIds.ASK, RequestIds.VALUE, "Expedite the SSO fix")
                .text(RequestIds.WHY, RequestIds.VALUE, "Renewal next week")
                .text(RequestIds.IF_NOT, RequestIds.VALUE, "They may not renew");
    }

    private Ack submit(View view, StateValues values) {
        return bot.harness().slack.awaitAck(bot.harness().slack.submitView(view.id(), CE_USER, values.toJson()), WAIT);
    }

    private Message awaitCard() {
        return Await.value(
                WAIT,
                "a request card",
                () -> bot.harness().slack.messages(SUPPORT).stream()
                        .filter(m -> !m.isReply())
                        .findFirst()
                        .orElse(null));
    }

    private String card(Message card) {
        return bot.harness()
                .slack
                .message(SUPPORT, card.ts())
                .orElseThrow()
                .blocks()
                .toString();
    }

    private void click(String user, Message card, String actionId) {
        String id = card.blocks().findValues("value").stream()
                .map(v -> v.asText())
                .filter(v -> v.matches("\\d+"))
                .findFirst()
                .orElseThrow();
        bot.harness()
                .slack
                .awaitAck(bot.harness().slack.sendBlockAction(user, SUPPORT, card.ts(), actionId, "b", id), WAIT);
    }

    private List<Message> dms(String user) {
        return bot.harness().slack.messages(user);
    }

    private Message posted() {
        submit(openModal(CE_USER), form());
        return awaitCard();
    }

    @Test
    void submit_postsTheCard_mentioningTheHeadOfSupport_andConfirmsToTheCe() {
        Message card = posted();

        assertThat(card.text())
                .startsWith("<@" + HEAD + ">")
                .contains("Acme Corp", "Expedite the SSO fix", "Status: Open")
                .as("the CE hears by DM, not by a mention too")
                .doesNotContain("<@" + CE_USER + ">");
        assertThat(card.blocks().toString())
                .contains(
                        "Expedite the SSO fix",
                        "Renewal next week",
                        "They may not renew",
                        "Acme Corp",
                        "Zendesk #77",
                        "request_acknowledge",
                        "request_decline");
        Await.until(WAIT, "DM to the CE", () -> !dms(CE_USER).isEmpty());
        assertThat(dms(CE_USER).get(0).text())
                .contains("/archives/" + SUPPORT + "/p" + card.ts().replace(".", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {RequestIds.ASK, RequestIds.WHY, RequestIds.IF_NOT, RequestIds.LINK})
    void requiredFieldMissing_isRefusedOnThatField(String blockId) {
        StateValues values = form().text(blockId, RequestIds.VALUE, "  ");

        Ack ack = submit(openModal(CE_USER), values);

        assertThat(ack.payload().path("errors").has(blockId)).isTrue();
        bot.harness().awaitWorkDone();
        assertThat(bot.harness().slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void neededByInThePast_isRefused_andAFutureOneIsShown() {
        Ack past = submit(
                openModal(CE_USER),
                form().text(RequestIds.TIME_REASON, RequestIds.VALUE, "Board meeting")
                        .date(
                                RequestIds.NEEDED_BY,
                                RequestIds.VALUE,
                                TODAY.minusDays(1).toString()));
        assertThat(past.payload().path("errors").has(RequestIds.NEEDED_BY)).isTrue();

        submit(
                openModal(CE_USER),
                form().text(RequestIds.TIME_REASON, RequestIds.VALUE, "Board meeting")
                        .date(
                                RequestIds.NEEDED_BY,
                                RequestIds.VALUE,
                                TODAY.plusDays(10).toString()));

        assertThat(awaitCard().blocks().toString()).contains("Board meeting");
    }

    /** Text about timing never makes the optional date required: "No rush" is an answer. */
    @Test
    void timingWithoutADate_isAccepted_andShownWithoutADeadline() {
        Ack ack = submit(openModal(CE_USER), form().text(RequestIds.TIME_REASON, RequestIds.VALUE, "No rush"));

        assertThat(ack.payload() == null || !ack.payload().has("errors")).isTrue();
        Message card = awaitCard();
        assertThat(card.blocks().toString()).contains("No rush").doesNotContain("Needed by");
        assertThat(card.text()).doesNotContain("Needed by");
    }

    @Test
    void aDateWithoutItsWhy_isAskedWhy_onTheWhyField() {
        Ack ack = submit(
                openModal(CE_USER),
                form().date(
                                RequestIds.NEEDED_BY,
                                RequestIds.VALUE,
                                TODAY.plusDays(10).toString()));

        assertThat(ack.payload().path("errors").fieldNames()).toIterable().containsExactly(RequestIds.TIME_REASON);
        bot.harness().awaitWorkDone();
        assertThat(bot.harness().slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void lifecycle_acknowledgeApproveDone_eachUpdatesTheCard_notesTheThread_andTellsTheCe() {
        Message card = posted();

        click(HEAD, card, "request_acknowledge");
        Await.until(WAIT, "acknowledged", () -> card(card).contains("Acknowledged"));
        click(DELEGATE, card, "request_approve");
        Await.until(WAIT, "approved", () -> card(card).contains("Approved"));
        click(HEAD, card, "request_done");
        Await.until(WAIT, "done", () -> card(card).contains("Done"));

        Await.until(
                WAIT,
                "three thread notes",
                () -> bot.harness().slack.messages(SUPPORT).stream()
                                .filter(Message::isReply)
                                .count()
                        == 3);
        Await.until(WAIT, "four DMs to the CE", () -> dms(CE_USER).size() == 4);
        assertThat(card(card)).doesNotContain("request_approve", "request_decline", "request_done");
        assertThat(bot.harness().slack.message(SUPPORT, card.ts()).orElseThrow().text())
                .as("the text follows the blocks")
                .endsWith("Status: Done by <@" + HEAD + ">.")
                .doesNotStartWith("<@" + HEAD + ">");
        assertThat(bot.harness().slack.messages(SUPPORT).stream()
                        .filter(Message::isReply)
                        .map(Message::text))
                .as("a note pings nobody for the press they just made")
                .containsExactly(
                        "*Acknowledged*.\nI've told the CE by DM.",
                        "*Approved*.\nI've told the CE by DM.",
                        "*Done*.\nI've told the CE by DM.");
    }

    @Test
    void someoneElse_isRefusedPrivately_andNothingChanges() {
        Message card = posted();

        click(AE, card, "request_approve");

        var ephemeral = bot.harness().slack.awaitCall("chat.postEphemeral", WAIT);
        assertThat(ephemeral.param("user")).isEqualTo(AE);
        bot.harness().awaitWorkDone();
        assertThat(card(card)).contains("request_acknowledge");
        assertThat(bot.harness().slack.calls("chat.update")).isEmpty();
        assertThat(bot.harness().slack.messages(SUPPORT).stream().filter(Message::isReply))
                .isEmpty();
    }

    @Test
    void decline_asksForAReason_thenShowsIt() {
        Message card = posted();
        bot.harness().slack.clearCalls();

        click(HEAD, card, "request_decline");
        bot.harness().slack.awaitCall("views.open", WAIT);
        View reasonModal = bot.harness().slack.lastOpenedView();
        assertThat(reasonModal.callbackId()).isEqualTo(RequestIds.DECLINE_CALLBACK_ID);
        Ack empty = bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .submitView(
                                        reasonModal.id(),
                                        HEAD,
                                        StateValues.of()
                                                .text(RequestIds.DECLINE_REASON, RequestIds.VALUE, " ")
                                                .toJson()),
                        WAIT);
        assertThat(empty.payload().path("errors").has(RequestIds.DECLINE_REASON))
                .isTrue();

        bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .submitView(
                                        reasonModal.id(),
                                        HEAD,
                                        StateValues.of()
                                                .text(
                                                        RequestIds.DECLINE_REASON,
                                                        RequestIds.VALUE,
                                                        "Not a support matter")
                                                .toJson()),
                        WAIT);

        Await.until(
                WAIT,
                "declined card",
                () -> card(card).contains("Declined") && card(card).contains("Not a support matter"));
        Await.until(
                WAIT,
                "DM with the reason",
                () -> dms(CE_USER).stream().anyMatch(m -> m.text().contains("Not a support matter")));
    }

    @Test
    void messageShortcut_prefillsTheLinkAndQuotesTheMessage() {
        String ts = bot.harness().slack.addMessage(SUPPORT, "U0CUSTOMER", "SSO broken for all users", null);

        bot.harness()
                .slack
                .awaitAck(
                        bot.harness().slack.sendMessageShortcut(RequestIds.MESSAGE_CALLBACK_ID, CE_USER, SUPPORT, ts),
                        WAIT);

        bot.harness().slack.awaitCall("views.open", WAIT);
        String view = bot.harness().slack.lastOpenedView().blocks().toString();
        assertThat(bot.harness().slack.lastOpenedView().callbackId()).isEqualTo(RequestIds.CALLBACK_ID);
        assertThat(view)
                .contains("/archives/" + SUPPORT + "/p" + ts.replace(".", ""))
                .contains("> SSO broken for all users");
    }

    @Test
    void requestForATicketSupportHasContextFor_saysWhereInTheCardsThread() {
        bot.harness().slack.awaitAck(bot.harness().slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER), WAIT);
        View contextModal = Await.value(
                WAIT,
                "the context modal",
                () -> bot.harness().slack.views().values().stream()
                        .filter(v -> ContextIds.CALLBACK_ID.equals(v.callbackId()))
                        .findFirst()
                        .orElse(null));
        bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .submitView(
                                        contextModal.id(),
                                        CE_USER,
                                        StateValues.of()
                                                .externalSelect(
                                                        ContextIds.CUSTOMER,
                                                        ContextIds.CUSTOMER_SELECT,
                                                        "new:Acme Corp",
                                                        "Acme Corp")
                                                .text(ContextIds.LINK, ContextIds.VALUE, "ZD 77")
                                                .text(
                                                        ContextIds.BACKGROUND,
                                                        ContextIds.VALUE,
                                                        "SSO fails for the EU tenant")
                                                .toJson()),
                        WAIT);
        Message contextCard = Await.value(
                WAIT,
                "the context card",
                () -> bot.harness().slack.messages(SUPPORT).stream()
                        .filter(m -> !m.isReply())
                        .findFirst()
                        .orElse(null));

        submit(openModal(CE_USER), form());

        Message requestCard = Await.value(
                WAIT,
                "the request card",
                () -> bot.harness().slack.messages(SUPPORT).stream()
                        .filter(m -> !m.isReply() && !m.ts().equals(contextCard.ts()))
                        .findFirst()
                        .orElse(null));
        Message note = Await.value(
                WAIT,
                "a note in the request card's thread",
                () -> bot.harness().slack.messages(SUPPORT).stream()
                        .filter(m -> requestCard.ts().equals(m.threadTs()))
                        .findFirst()
                        .orElse(null));
        assertThat(note.text())
                .contains(
                        "Support already has the context for this ticket",
                        "/archives/" + SUPPORT + "/p" + contextCard.ts().replace(".", ""));
    }
}
