package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.AE;
import static com.cebot.e2e.BotHarness.AE2;
import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Fault;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Support Ticket Context from shortcut to claimed card, through the real app and a loopback Slack. */
final class SupportTicketContextE2ETest {

    @RegisterExtension
    final RunningBot bot = new RunningBot();

    private View openModal(String user) {
        bot.harness().slack.clearCalls();
        bot.harness().slack.awaitAck(bot.harness().slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, user), WAIT);
        bot.harness().slack.awaitCall("views.open", WAIT);
        return bot.harness().slack.lastOpenedView();
    }

    private static StateValues form(String customerValue, String link, String background) {
        StateValues values = StateValues.of();
        if (customerValue != null) {
            values.externalSelect(ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, customerValue, customerValue);
        }
        return values.text(ContextIds.LINK, ContextIds.VALUE, link)
                .text(ContextIds.BACKGROUND, ContextIds.VALUE, background);
    }

    private Ack submit(View view, String user, StateValues values) {
        return bot.harness().slack.awaitAck(bot.harness().slack.submitView(view.id(), user, values.toJson()), WAIT);
    }

    private List<Message> cards() {
        return bot.harness().slack.messages(SUPPORT).stream()
                .filter(m -> !m.isReply())
                .toList();
    }

    private Message awaitCard() {
        return Await.value(WAIT, "a card in #customer-support", () -> cards().isEmpty() ? null : cards().get(0));
    }

    private List<Message> dms(String user) {
        return bot.harness().slack.messages(user);
    }

    private Message awaitDm(String user, int count) {
        return Await.value(
                WAIT,
                count + " DM(s) to " + user,
                () -> dms(user).size() >= count ? dms(user).get(count - 1) : null);
    }

    @Test
    void submit_postsOneCard_andConfirmsToTheCeWithItsLink() {
        View view = openModal(CE_USER);

        Ack ack = submit(
                view,
                CE_USER,
                form(
                        "new:Acme Corp",
                        "ZD 1234, https://github.com/acme/app/issues/7",
                        "Nightly restarts since the upgrade"));

        assertThat(ack.payload() == null || !ack.payload().has("errors")).isTrue();
        Message card = awaitCard();
        String blocks = card.blocks().toString();
        assertThat(card.text())
                .startsWith("Support context for Acme Corp: Nightly restarts since the upgrade")
                .as("the CE hears by DM, not by a mention too")
                .doesNotContain("<@" + CE_USER + ">");
        assertThat(blocks)
                .contains("Acme Corp")
                .contains("<@" + CE_USER + ">")
                .contains("<https://acme.zendesk.com/agent/tickets/1234|Zendesk #1234>")
                .contains("GitHub issue #7 in acme/app")
                .contains("Nightly restarts since the upgrade")
                .contains("I'll take it");
        Message dm = awaitDm(CE_USER, 1);
        assertThat(dm.text()).contains("/archives/" + SUPPORT + "/p" + card.ts().replace(".", ""));
    }

    @Test
    void everyRequiredFieldMissing_isRefusedNextToItsField_andNothingIsPosted() {
        View view = openModal(CE_USER);

        Ack ack = submit(view, CE_USER, form(null, null, null));

        JsonNode errors = ack.payload().path("errors");
        assertThat(ack.payload().path("response_action").asText()).isEqualTo("errors");
        assertThat(errors.has(ContextIds.CUSTOMER)).isTrue();
        assertThat(errors.has(ContextIds.LINK)).isTrue();
        assertThat(errors.has(ContextIds.BACKGROUND)).isTrue();
        bot.harness().awaitWorkDone();
        assertThat(bot.harness().slack.calls("chat.postMessage")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "the ticket from yesterday",
                "https://evil.example/tickets/9",
                "https://github.com/acme/app",
                "ZD 12 and also foo"
            })
    void refusedLink_isExplainedOnTheLinkField_withAnExample(String link) {
        View view = openModal(CE_USER);

        Ack ack = submit(view, CE_USER, form("new:Acme", link, "bg"));

        assertThat(ack.payload().path("errors").path(ContextIds.LINK).asText()).contains("ZD 1234");
        assertThat(ack.payload().path("errors").has(ContextIds.CUSTOMER)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"#1234", "ZD 1234", "ZD#1234", "zendesk 1234", "https://acme.zendesk.com/agent/tickets/1234"})
    void everyZendeskForm_becomesTheSameTicketLink(String link) {
        submit(openModal(CE_USER), CE_USER, form("new:Acme", link, "bg"));

        assertThat(awaitCard().blocks().toString()).contains("https://acme.zendesk.com/agent/tickets/1234");
    }

    @Test
    void typedMentions_neverPingAnyone() {
        String injection = "<!channel> <!here> <!subteam^S0SDR|@ce-sdr-collab> <@U0HEAD>";

        submit(openModal(CE_USER), CE_USER, form("new:Acme " + injection, "ZD 1", "Look " + injection));

        Message card = awaitCard();
        String everything = card.text() + card.blocks().toString();
        assertThat(everything)
                .doesNotContain("<!channel>", "<!here>", "<!subteam^", "<@U0HEAD>")
                .contains("&lt;!channel&gt;");
    }

    @Test
    void customerSuggestions_offerKnownNames_andTheTypedOne() {
        submit(openModal(CE_USER), CE_USER, form("new:Acme Corp", "ZD 1", "bg"));
        awaitCard();
        View view = openModal(CE_USER);

        Ack ack = bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .sendBlockSuggestion(
                                        view.id(), CE_USER, ContextIds.CUSTOMER_SELECT, ContextIds.CUSTOMER, "acm"),
                        WAIT);

        assertThat(ack.payload().path("options").toString())
                .contains("Acme Corp")
                .contains("New customer: acm");
    }

    @Test
    void messageShortcut_prefillsPermalinkAndQuotesTheMessage() {
        String ts = bot.harness().slack.addMessage(SUPPORT, "U0CUSTOMER", "Our build &lt;fails&gt; again", null);

        bot.harness()
                .slack
                .awaitAck(
                        bot.harness().slack.sendMessageShortcut(ContextIds.MESSAGE_CALLBACK_ID, CE_USER, SUPPORT, ts),
                        WAIT);

        bot.harness().slack.awaitCall("views.open", WAIT);
        String view = bot.harness().slack.lastOpenedView().blocks().toString();
        assertThat(bot.harness().slack.calls("chat.getPermalink")).hasSize(1);
        assertThat(view)
                .contains("/archives/" + SUPPORT + "/p" + ts.replace(".", ""))
                .contains("> Our build <fails> again");
    }

    @Test
    void claim_firstEngineerWins_secondIsToldPrivatelyWhoHasIt() {
        submit(openModal(CE_USER), CE_USER, form("new:Acme", "ZD 1", "bg"));
        Message card = awaitCard();
        String cardId = card.blocks().findPath("value").asText();

        bot.harness()
                .slack
                .awaitAck(
                        bot.harness().slack.sendBlockAction(AE, SUPPORT, card.ts(), "context_claim", "b", cardId),
                        WAIT);
        bot.harness()
                .slack
                .awaitAck(
                        bot.harness().slack.sendBlockAction(AE2, SUPPORT, card.ts(), "context_claim", "b", cardId),
                        WAIT);

        Await.until(
                WAIT,
                "card shows assignee",
                () -> bot.harness()
                        .slack
                        .message(SUPPORT, card.ts())
                        .orElseThrow()
                        .blocks()
                        .toString()
                        .contains("<@" + AE + ">"));
        assertThat(bot.harness()
                        .slack
                        .message(SUPPORT, card.ts())
                        .orElseThrow()
                        .blocks()
                        .toString())
                .doesNotContain("I'll take it");
        var ephemeral = bot.harness().slack.awaitCall("chat.postEphemeral", WAIT);
        assertThat(ephemeral.param("user")).isEqualTo(AE2);
        assertThat(ephemeral.param("text")).contains("<@" + AE + ">");
    }

    private void press(String user, Message card, String actionId) {
        bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .sendBlockAction(
                                        user,
                                        SUPPORT,
                                        card.ts(),
                                        actionId,
                                        "b",
                                        card.blocks().findPath("value").asText()),
                        WAIT);
    }

    private String cardNow(Message card) {
        return bot.harness()
                .slack
                .message(SUPPORT, card.ts())
                .orElseThrow()
                .blocks()
                .toString();
    }

    private List<String> ephemeralTexts() {
        return bot.harness().slack.calls("chat.postEphemeral").stream()
                .map(c -> c.param("user") + ": " + c.param("text"))
                .toList();
    }

    @Test
    void theTaker_releasesTheCard_itShowsNobodyHasIt_theThreadSaysSo_andSomeoneElseTakesIt() {
        submit(openModal(CE_USER), CE_USER, form("new:Acme", "ZD 1", "bg"));
        Message card = awaitCard();
        press(AE, card, "context_claim");
        Await.until(
                WAIT,
                "taken",
                () -> cardNow(card).contains("<@" + AE + ">") && cardNow(card).contains("context_release"));

        press(AE2, card, "context_release");
        Await.until(
                WAIT,
                "the other engineer told privately",
                () -> ephemeralTexts().stream()
                        .anyMatch(
                                t -> t.startsWith(AE2 + ": Only <@" + AE + ">, who took this ticket, can release it")));
        press(AE, card, "context_release");

        Await.until(
                WAIT,
                "the card shows nobody has it",
                () -> cardNow(card).contains("Waiting for someone in support")
                        && cardNow(card).contains("I'll take it")
                        && !cardNow(card).contains("context_release"));
        Await.until(
                WAIT,
                "a note in the thread",
                () -> bot.harness().slack.messages(SUPPORT).stream()
                        .anyMatch(m -> m.isReply() && m.text().startsWith("Released:")));
        press(AE2, card, "context_claim");
        Await.until(WAIT, "taken again", () -> cardNow(card).contains("<@" + AE2 + ">"));
        Await.until(
                WAIT,
                "three notes",
                () -> bot.harness().slack.messages(SUPPORT).stream()
                                .filter(Message::isReply)
                                .count()
                        == 3);
        assertThat(bot.harness().slack.messages(SUPPORT).stream()
                        .filter(Message::isReply)
                        .map(Message::text))
                .containsExactly(
                        "Taken: the card shows who has this ticket now.",
                        "Released: anyone in support can take this ticket now.",
                        "Taken: the card shows who has this ticket now.");
        assertThat(bot.harness().slack.message(SUPPORT, card.ts()).orElseThrow().text())
                .as("the card's text follows who has it")
                .endsWith("Taken by <@" + AE2 + ">.");
    }

    @Test
    void withTakersSet_onlyTheGroupsMembersTakeACard_othersAreToldPrivately() {
        BotHarness harness = bot.harness();
        harness.slack.addUserGroup("S0AES", "app-engineers", List.of(AE));
        harness.stopBot();
        harness.writeConfig("""
                channels:
                  customer_support: customer-support
                  ce: "#ce"
                  ce_internal: ce-internal
                support:
                  head_of_support: %s
                  takers: "@app-engineers"
                zendesk:
                  subdomain: acme
                """.formatted(BotHarness.HEAD));
        harness.start();
        submit(openModal(CE_USER), CE_USER, form("new:Acme", "ZD 1", "bg"));
        Message card = awaitCard();

        press(AE2, card, "context_claim");
        Await.until(
                WAIT,
                "the outsider told privately",
                () -> ephemeralTexts().stream()
                        .anyMatch(t -> t.startsWith(AE2 + ": Only <!subteam^S0AES> take support tickets")));
        assertThat(cardNow(card)).contains("Waiting for someone in support", "Only <!subteam^S0AES> can take it.");
        press(AE, card, "context_claim");

        Await.until(WAIT, "the member took it", () -> cardNow(card).contains("<@" + AE + ">"));
    }

    @Test
    void moreContextForAnAssignedTicket_goesInTheThread_andNamesTheAssignee() {
        submit(openModal(CE_USER), CE_USER, form("new:Acme", "ZD 1", "first"));
        Message card = awaitCard();
        bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .sendBlockAction(
                                        AE,
                                        SUPPORT,
                                        card.ts(),
                                        "context_claim",
                                        "b",
                                        card.blocks().findPath("value").asText()),
                        WAIT);
        Await.until(
                WAIT,
                "claim recorded",
                () -> bot.harness().slack.messages(SUPPORT).stream().anyMatch(Message::isReply));

        submit(openModal(CE_USER), CE_USER, form("new:Acme", "https://acme.zendesk.com/agent/tickets/1", "second"));

        Message dm = awaitDm(CE_USER, 2);
        Await.stays(WAIT, "cards", 1, () -> cards().size(), bot.harness()::workDone);
        assertThat(bot.harness().slack.messages(SUPPORT))
                .filteredOn(Message::isReply)
                .anySatisfy(m -> assertThat(String.valueOf(m.blocks())).contains("second"));
        assertThat(dm.text()).contains("<@" + AE + ">").contains("engage them directly");
    }

    /** Another company's Zendesk, or a look-alike, may carry our ticket's number: it is not our ticket. */
    @Test
    void aZendeskLinkOnAnotherHost_isAPlainLinkOnACardOfItsOwn() {
        submit(openModal(CE_USER), CE_USER, form("new:Acme", "ZD 1234", "ours"));
        awaitDm(CE_USER, 1);

        submit(
                openModal(CE_USER),
                CE_USER,
                form("new:Acme", "https://acme.zendesk.com.evil.io/agent/tickets/1234", "look-alike"));

        awaitDm(CE_USER, 2);
        Await.stays(WAIT, "cards", 2, () -> cards().size(), bot.harness()::workDone);
        assertThat(bot.harness().slack.messages(SUPPORT)).noneMatch(Message::isReply);
        String lookAlike = cards().get(1).blocks().toString();
        assertThat(lookAlike)
                .contains("look-alike")
                .contains(
                        "<https://acme.zendesk.com.evil.io/agent/tickets/1234|acme.zendesk.com.evil.io/agent/tickets/1234>")
                .doesNotContain("Zendesk #1234");
    }

    @Test
    void sameSubmissionDeliveredTwice_makesOneCard() {
        View view = openModal(CE_USER);
        StateValues values = form("new:Acme", "ZD 1", "bg");

        submit(view, CE_USER, values);
        submit(view, CE_USER, values);

        awaitDm(CE_USER, 1);
        Await.stays(WAIT, "cards", 1, () -> cards().size(), bot.harness()::workDone);
        assertThat(dms(CE_USER)).hasSize(1);
    }

    @Test
    void slackFailingThenRestart_stillPostsTheCardOnce() {
        bot.harness()
                .slack
                .enqueueFault(
                        "chat.postMessage",
                        new Fault.RateLimited(1),
                        new Fault.ServerError(500),
                        new Fault.ServerError(503));
        submit(openModal(CE_USER), CE_USER, form("new:Acme", "ZD 1", "bg"));
        bot.harness().slack.awaitCalls("chat.postMessage", 1, WAIT);

        bot.harness().restart();

        awaitDm(CE_USER, 1);
        Await.stays(WAIT, "cards", 1, () -> cards().size(), bot.harness()::workDone);
    }
}
