package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.cebot.slack.ActingUserCheck;
import com.cebot.slack.Mrkdwn;
import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.Payloads;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.HostileText;
import com.cebot.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.model.block.element.BlockElements;
import com.slack.api.model.view.Views;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every hostile text ({@link HostileText}) in every field of the ticket forms, through the real
 * bot and the loopback Slack. Each submission is acked inside Slack's 3 s, either with errors next
 * to fields of that form or stored; every stored one reaches #customer-support; nothing the bot
 * sends carries a typed mention or link Slack would act on, or breaks Slack's limits (the loopback
 * Slack refuses those, which would leave failed writes); no log line holds a stack trace or the
 * typed text. Whatever no listener handles (a button of an older version, a forged action id, a
 * form left open across an upgrade, a shortcut or command no longer offered) is acked and answered
 * privately instead of Slack's own "did not respond" error, and nothing is stored or posted.
 */
final class HostileInputE2ETest {

    private static final Duration SLACK_DEADLINE = Duration.ofSeconds(3);
    private static final List<Named<String>> CASES = HostileText.cases(12, 400);

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @RegisterExtension
    final RunningBot bot = new RunningBot();

    private SlackFake slack;
    private final SoftAssertions soft = new SoftAssertions();
    private int stored;
    private int ticket = 1000;

    @BeforeEach
    void start() {
        slack = bot.harness().slack;
    }

    @Test
    void contextForm_everyFieldGetsEveryHostileText() {
        everyField(List.of("customer", ContextIds.LINK, ContextIds.BACKGROUND), (field, text) -> {
            StateValues values = StateValues.of()
                    .externalSelect(
                            ContextIds.CUSTOMER,
                            ContextIds.CUSTOMER_SELECT,
                            "new:" + (field.equals("customer") ? text : "Acme"),
                            "Acme")
                    .text(ContextIds.LINK, ContextIds.VALUE, field.equals(ContextIds.LINK) ? text : "ZD " + ticket++)
                    .text(ContextIds.BACKGROUND, ContextIds.VALUE, field.equals(ContextIds.BACKGROUND) ? text : "Fine");
            submitFrom(() -> open(ContextIds.CALLBACK_ID), values);
        });
        Await.until(WAIT, stored + " contexts stored", () -> rows("support_context") == stored);
        afterAll();
    }

    @Test
    void requestForm_everyFieldGetsEveryHostileText() {
        List<String> fields = List.of(
                "customer",
                RequestIds.LINK,
                RequestIds.ASK,
                RequestIds.WHY,
                RequestIds.IF_NOT,
                RequestIds.TIME_REASON,
                "anything_else");
        everyField(fields, (field, text) -> {
            StateValues values = StateValues.of()
                    .externalSelect(
                            RequestIds.CUSTOMER,
                            RequestIds.CUSTOMER_SELECT,
                            "new:" + (field.equals("customer") ? text : "Acme"),
                            "Acme")
                    .text(RequestIds.LINK, RequestIds.VALUE, field.equals(RequestIds.LINK) ? text : "ZD " + ticket++);
            for (String free : List.of(RequestIds.ASK, RequestIds.WHY, RequestIds.IF_NOT)) {
                values.text(free, RequestIds.VALUE, field.equals(free) ? text : "Fine");
            }
            if (field.equals(RequestIds.TIME_REASON)) {
                values.date(RequestIds.NEEDED_BY, RequestIds.VALUE, "2099-01-02")
                        .text(RequestIds.TIME_REASON, RequestIds.VALUE, text);
            }
            if (field.equals("anything_else")) {
                values.text("anything_else", RequestIds.VALUE, text);
            }
            submitFrom(() -> open(RequestIds.CALLBACK_ID), values);
        });
        Await.until(WAIT, stored + " requests stored", () -> rows("support_request") == stored);
        afterAll();
    }

    @Test
    void messageShortcuts_onHostileMessages_openTheirFormsWithinSlacksLimits() {
        List<Named<String>> messages = new ArrayList<>();
        // Slack delivers typed text escaped, and real mentions and links as control sequences.
        CASES.forEach(c -> messages.add(Named.of(c.getName(), Mrkdwn.escape(c.getPayload()))));
        CASES.stream()
                .filter(c -> c.getName().equals("mentions") || c.getName().equals("disguised link"))
                .forEach(c -> messages.add(Named.of(c.getName() + " as real control sequences", c.getPayload())));
        for (Named<String> c : messages) {
            String ts = slack.addMessage(SUPPORT, "U0CUSTOMER", c.getPayload(), null);
            for (String callback : List.of(ContextIds.MESSAGE_CALLBACK_ID, RequestIds.MESSAGE_CALLBACK_ID)) {
                // Every round's calls stay recorded, so afterAll reads what each of them sent.
                int opened = slack.calls("views.open").size();
                Ack ack = slack.awaitAck(slack.sendMessageShortcut(callback, CE_USER, SUPPORT, ts), WAIT);
                soft.assertThat(ack.latency())
                        .as("%s on %s: ack", callback, c.getName())
                        .isLessThan(SLACK_DEADLINE);
                RecordedCall open =
                        slack.awaitCalls("views.open", opened + 1, WAIT).get(opened);
                soft.assertThat(open.status())
                        .as("%s on %s: views.open", callback, c.getName())
                        .isEqualTo(200);
                soft.assertThat(slack.lastOpenedView())
                        .as("%s on %s: the modal opened", callback, c.getName())
                        .isNotNull();
            }
        }
        afterAll();
    }

    @Test
    void customerTypeahead_answersHostileTextWithinSlacksLimits() {
        View view = open(ContextIds.CALLBACK_ID);
        for (Named<String> c : CASES) {
            Ack ack = slack.awaitAck(
                    slack.sendBlockSuggestion(
                            view.id(), CE_USER, ContextIds.CUSTOMER_SELECT, ContextIds.CUSTOMER, c.getPayload()),
                    WAIT);
            soft.assertThat(ack.latency()).as("suggestions for %s", c.getName()).isLessThan(SLACK_DEADLINE);
            for (JsonNode option : ack.payload().path("options")) {
                String shown = option.path("text").path("text").asText();
                soft.assertThat(shown.codePointCount(0, shown.length()))
                        .as("option text for %s", c.getName())
                        .isBetween(1, 75);
                soft.assertThat(option.path("value").asText().length())
                        .as("option value for %s", c.getName())
                        .isBetween(1, 150);
            }
        }
        afterAll();
    }

    private void everyField(List<String> fields, BiConsumer<String, String> fill) {
        for (Named<String> c : CASES) {
            for (String field : fields) {
                current = c.getName() + " in " + field;
                fill.accept(field, c.getPayload());
            }
        }
    }

    private String current;

    private void submitFrom(Supplier<View> opener, StateValues values) {
        View view = opener.get();
        Set<String> inputs = inputBlocks(view);
        Ack ack = slack.awaitAck(slack.submitView(view.id(), CE_USER, values.toJson()), WAIT);
        soft.assertThat(ack.latency()).as("%s: ack", current).isLessThan(SLACK_DEADLINE);
        JsonNode errors = ack.payload() == null ? null : ack.payload().get("errors");
        if (errors == null) {
            stored++;
            return;
        }
        Set<String> named = new HashSet<>();
        errors.fieldNames().forEachRemaining(named::add);
        soft.assertThat(inputs)
                .as("%s: errors %s are next to fields of the form", current, named)
                .containsAll(named);
        // Errors show as plain text, so quoting what was typed pings nobody; they must stay readable.
        errors.forEach(e -> soft.assertThat(e.asText().length())
                .as("%s: error %s", current, e)
                .isBetween(1, 500));
    }

    private View open(String callbackId) {
        slack.clearCalls();
        slack.awaitAck(slack.sendGlobalShortcut(callbackId, CE_USER), WAIT);
        slack.awaitCall("views.open", WAIT);
        return slack.lastOpenedView();
    }

    private static Set<String> inputBlocks(View view) {
        Set<String> ids = new HashSet<>();
        view.json().path("blocks").forEach(b -> {
            if ("input".equals(b.path("type").asText())) {
                ids.add(b.path("block_id").asText());
            }
        });
        return ids;
    }

    /** Every write delivered, none refused by Slack; nothing sent pings anyone; logs clean. */
    private void afterAll() {
        bot.harness().awaitWorkDone(Duration.ofSeconds(60));
        soft.assertThat(failedWrites()).as("writes Slack refused").isZero();
        for (RecordedCall call : slack.calls()) {
            // A pre-filled input is plain text: it shows the quoted message as it was typed, links nobody.
            JsonNode json = call.json().deepCopy();
            json.findParents("initial_value").forEach(p -> ((ObjectNode) p).remove("initial_value"));
            String sent = json.toString();
            var ping = HostileText.PINGS.matcher(sent);
            if (ping.find()) {
                soft.fail("%s sent a typed mention or link: %s", call.method(), ping.group());
            }
        }
        soft.assertThat(logs.events()).as("log lines with a stack trace").noneMatch(e -> e.getThrowableProxy() != null);
        String logged = loggedText();
        for (Named<String> c : CASES) {
            String text = c.getPayload().strip();
            if (text.length() >= 8) {
                soft.assertThat(logged.contains(text.substring(0, 8)))
                        .as("log holds the start of %s", c.getName())
                        .isFalse();
            }
        }
        soft.assertAll();
    }

    private int rows(String table) {
        return bot.harness()
                .bot()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
                        .mapTo(Integer.class)
                        .one());
    }

    private int failedWrites() {
        return bot.harness()
                .bot()
                .jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT count(*) FROM work WHERE queue = 'outbox'" + " AND status = 'failed'")
                        .mapTo(Integer.class)
                        .one());
    }

    @Test
    void aButtonNobodyHandles_isAcked_andThePersonIsToldPrivately() {
        String ts = slack.addMessage(BotHarness.SUPPORT, SlackFake.BOT_USER_ID, "an old card", null);
        String envelope = slack.sendBlockAction(
                BotHarness.CE_USER, BotHarness.SUPPORT, ts, "forged_or_retired_action", "b1", "<!channel> 42");

        Ack ack = slack.awaitAck(envelope, BotHarness.WAIT);

        assertThat(ack.payload()).isNull();
        RecordedCall reply = slack.awaitCall("response_url", BotHarness.WAIT);
        assertThat(reply.json().path("text").asText())
                .contains("no longer in use")
                .contains("nothing happened");
        assertThat(reply.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.json().path("replace_original").asBoolean()).isFalse();
        bot.harness().awaitWorkDone();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
        assertThat(loggedText()).doesNotContain("<!channel> 42");
        assertThat(logs.events()).noneMatch(e -> e.getThrowableProxy() != null);
    }

    @Test
    void aFormNobodyHandles_isReplacedByANoticeThatItWasNotSaved() throws Exception {
        var old = Views.view(v -> v.type("modal")
                .callbackId("retired_form")
                .title(Views.viewTitle(t -> t.type("plain_text").text("Old form")))
                .submit(Views.viewSubmit(t -> t.type("plain_text").text("Send")))
                .blocks(Blocks.asBlocks(Blocks.input(i -> i.blockId("what")
                        .label(BlockCompositions.plainText("What"))
                        .element(BlockElements.plainTextInput(p -> p.actionId("what")))))));
        var opened = slack.strictSlack()
                .methods(SlackFake.BOT_TOKEN)
                .viewsOpen(r ->
                        r.triggerId(slack.issueTriggerId(BotHarness.CE_USER)).view(old));
        assertThat(opened.isOk()).isTrue();

        String envelope = slack.submitView(
                opened.getView().getId(),
                BotHarness.CE_USER,
                StateValues.of()
                        .text("what", "what", "typed before the upgrade")
                        .toJson());
        Ack ack = slack.awaitAck(envelope, BotHarness.WAIT);

        assertThat(ack.payload().path("response_action").asText()).isEqualTo("update");
        assertThat(ack.payload().path("view").toString()).contains("was not saved");
        assertThat(loggedText()).doesNotContain("typed before the upgrade");
    }

    @Test
    void aShortcutNobodyHandles_opensANoticeInsteadOfAnError() {
        String envelope = slack.sendGlobalShortcut("retired_shortcut", BotHarness.CE_USER);

        slack.awaitAck(envelope, BotHarness.WAIT);

        RecordedCall open = slack.awaitCall("views.open", BotHarness.WAIT);
        assertThat(open.json().path("view").toString()).contains("no longer offers this shortcut");
    }

    @Test
    void aCommandNobodyHandles_isAnsweredPrivately() {
        String envelope = slack.sendSlashCommand("/retired", "anything", BotHarness.CE_USER, BotHarness.CE);

        Ack ack = slack.awaitAck(envelope, BotHarness.WAIT);

        assertThat(ack.payload().path("text").asText()).contains("does not handle that command");
    }

    @Test
    void forgedAndStalePresses_areAnsweredPrivately_andChangeNothing() {
        String ts = slack.addMessage(SUPPORT, SlackFake.BOT_USER_ID, "a card", null);
        List<String[]> presses = List.of(
                new String[] {"request_approve", "abc<!channel>"},
                new String[] {"request_approve", "999999"},
                new String[] {"request_decline", "-1"},
                new String[] {"request_done", "1e3"},
                new String[] {"context_claim", "<@UEVIL>"},
                new String[] {"context_claim", "424242"},
                new String[] {"context_claim", ""},
                new String[] {"sdr_claim", "x<!here>"},
                new String[] {"sdr_answered", "777777"},
                new String[] {"ooo_edit", "<@UEVIL>"},
                new String[] {"ooo_cancel", "888888", "can no longer be changed"});
        for (String[] press : presses) {
            slack.clearCalls();
            Ack ack = slack.awaitAck(
                    slack.sendBlockAction(BotHarness.HEAD, SUPPORT, ts, press[0], "b", press[1]), BotHarness.WAIT);
            soft.assertThat(ack.latency()).as("%s %s: ack", press[0], press[1]).isLessThan(SLACK_DEADLINE);
            RecordedCall reply = slack.awaitCall("response_url", BotHarness.WAIT);
            soft.assertThat(reply.json().path("text").asText())
                    .as("%s %s", press[0], press[1])
                    .contains(press.length > 2 ? press[2] : "nothing happened");
        }
        soft.assertThat(rows("support_request") + rows("context_card"))
                .as("records made")
                .isZero();
        soft.assertThat(loggedText())
                .doesNotContain("abc<!channel>")
                .doesNotContain("<@UEVIL>")
                .doesNotContain("x<!here>");
        afterAll();
    }

    @Test
    void pressesOnSomeoneElsesOrAnAlreadyDecidedRequest_areRefusedPrivately() {
        slack.awaitAck(slack.sendGlobalShortcut(RequestIds.CALLBACK_ID, CE_USER), BotHarness.WAIT);
        slack.awaitCall("views.open", BotHarness.WAIT);
        slack.awaitAck(
                slack.submitView(
                        slack.lastOpenedView().id(),
                        CE_USER,
                        StateValues.of()
                                .externalSelect(RequestIds.CUSTOMER, RequestIds.CUSTOMER_SELECT, "new:Acme", "Acme")
                                .text(RequestIds.LINK, RequestIds.VALUE, "ZD 5")
                                .text(RequestIds.ASK, RequestIds.VALUE, "Ask")
                                .text(RequestIds.WHY, RequestIds.VALUE, "Why")
                                .text(RequestIds.IF_NOT, RequestIds.VALUE, "If not")
                                .toJson()),
                BotHarness.WAIT);
        var card = Await.value(
                BotHarness.WAIT,
                "the card",
                () -> slack.messages(SUPPORT).stream()
                        .filter(m -> !m.isReply())
                        .findFirst()
                        .orElse(null));
        slack.awaitAck(
                slack.sendBlockAction(CE_USER, SUPPORT, card.ts(), "request_approve", "b", "1"), BotHarness.WAIT);
        Await.until(
                BotHarness.WAIT,
                "the CE told privately who decides",
                () -> slack.calls("chat.postEphemeral").stream()
                        .anyMatch(c -> c.param("user").equals(CE_USER)
                                && c.param("text").contains(BotHarness.HEAD)));

        slack.awaitAck(
                slack.sendBlockAction(BotHarness.HEAD, SUPPORT, card.ts(), "request_approve", "b", "1"),
                BotHarness.WAIT);
        Await.until(
                BotHarness.WAIT,
                "approved",
                () -> slack.message(SUPPORT, card.ts())
                        .orElseThrow()
                        .blocks()
                        .toString()
                        .contains("Approved by"));
        slack.awaitAck(
                slack.sendBlockAction(BotHarness.DELEGATE, SUPPORT, card.ts(), "request_acknowledge", "b", "1"),
                BotHarness.WAIT);
        Await.until(
                BotHarness.WAIT,
                "the delegate told it had moved on",
                () -> slack.calls("chat.postEphemeral").stream()
                        .anyMatch(c -> c.param("user").equals(BotHarness.DELEGATE)));
        String status = bot.harness()
                .bot()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT status FROM support_request")
                        .mapTo(String.class)
                        .one());
        soft.assertThat(status).isEqualTo("approved");
        afterAll();
    }

    @Test
    void hostileMessagesAndCommandText_areAcked_andNothingTypedIsEchoedAsAMention() {
        for (Named<String> c : CASES) {
            // Slack delivers typed text escaped, and mentions as control sequences: send both.
            for (String text : List.of(
                    Mrkdwn.escape(c.getPayload()),
                    c.getPayload() + " <!subteam^S0SDR> <@" + BotHarness.CE_USER + ">")) {
                for (String channel : List.of(BotHarness.CE, SUPPORT)) {
                    Ack ack = slack.awaitAck(
                            slack.sendMessageEvent(channel, BotHarness.AE, text, null)
                                    .envelopeId(),
                            BotHarness.WAIT);
                    soft.assertThat(ack.latency())
                            .as("message in %s: %s", channel, c.getName())
                            .isLessThan(SLACK_DEADLINE);
                }
                Ack command =
                        slack.awaitAck(slack.sendSlashCommand("/ooo", text, CE_USER, BotHarness.CE), BotHarness.WAIT);
                soft.assertThat(command.latency()).as("/ooo %s", c.getName()).isLessThan(SLACK_DEADLINE);
                if (command.payload() != null) {
                    soft.assertThat(HostileText.PINGS
                                    .matcher(command.payload().toString())
                                    .find())
                            .as("/ooo %s answered with a typed mention", c.getName())
                            .isFalse();
                }
            }
        }
        afterAll();
    }

    @Test
    void aPayloadWhoseUserIsNotAUserId_isAckedAndDropped_beforeAnyListenerOrLogLineSeesIt() {
        String forged = "U0AE> <!channel";
        String forgedTrigger = slack.issueTriggerId(BotHarness.AE);
        slack.clearCalls();
        Ack ack = slack.awaitAck(
                slack.send(
                        "interactive",
                        Payloads.globalShortcut(
                                ContextIds.CALLBACK_ID, Payloads.user(forged, "mallory"), forgedTrigger)),
                WAIT);
        slack.awaitAck(
                slack.sendEvent(Payloads.messageEvent(
                                new Message(
                                        BotHarness.CE,
                                        "1790000000.000100",
                                        null,
                                        forged,
                                        null,
                                        "hello <!subteam^S0SDR>",
                                        null,
                                        null,
                                        List.of()),
                                null))
                        .envelopeId(),
                WAIT);

        assertThat(ack.latency()).isLessThan(SLACK_DEADLINE);
        Await.until(
                WAIT,
                () -> "both forged payloads dropped; warnings: " + logs.lines(ActingUserCheck.class, Level.WARN),
                () -> logs.lines(ActingUserCheck.class, Level.WARN).stream()
                                .filter(l -> l.contains("not a user ID"))
                                .count()
                        == 2);
        // A real shortcut after them: once its modal opens, the forged one had its chance.
        slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, BotHarness.AE);
        slack.awaitCall("views.open", WAIT);
        assertThat(slack.calls("views.open")).hasSize(1).noneMatch(c -> forgedTrigger.equals(c.param("trigger_id")));
        int inbox = bot.harness()
                .bot()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM work WHERE queue = 'inbox'")
                        .mapTo(Integer.class)
                        .one());
        assertThat(inbox).as("the forged message stored nothing").isZero();
        assertThat(loggedText()).doesNotContain(forged);
    }

    /**
     * One person sends every hostile text here, which the limits on flooding others (periods
     * planned, DMs to the people covering, questions a minute) would mostly refuse; those limits
     * have tests of their own. The bot starts again with room for all of it.
     */
    private void roomForEveryText() {
        bot.harness().stopBot();
        bot.harness().appendConfig("""
                ooo:
                  max_planned_periods: 100
                  coverer_dms_per_day: 50
                sdr_collab:
                  questions_per_minute: 1000
                """);
        bot.harness().start();
        slack = bot.harness().slack;
    }

    @Test
    void oooForm_everyFieldGetsEveryHostileText() {
        roomForEveryText();
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        int[] window = {0};
        everyField(List.of(OooIds.PLAN, OooIds.CUSTOMERS), (field, text) -> {
            LocalDate first = today.plusDays(2 + 3L * window[0]++);
            StateValues values = StateValues.of()
                    .date(OooIds.FIRST_DAY, OooIds.VALUE, first.toString())
                    .date(OooIds.LAST_DAY, OooIds.VALUE, first.plusDays(1).toString())
                    .users(OooIds.COVERERS, OooIds.VALUE, BotHarness.AE)
                    .text(OooIds.PLAN, OooIds.VALUE, field.equals(OooIds.PLAN) ? text : "Cover me")
                    .externalSelects(
                            OooIds.CUSTOMERS,
                            OooIds.CUSTOMER_SELECT,
                            "new:" + (field.equals(OooIds.CUSTOMERS) ? text : "Acme"));
            submitFrom(
                    () -> {
                        slack.clearCalls();
                        slack.awaitAck(
                                slack.sendSlashCommand(OooIds.COMMAND, "", CE_USER, BotHarness.CE), BotHarness.WAIT);
                        slack.awaitCall("views.open", BotHarness.WAIT);
                        return slack.lastOpenedView();
                    },
                    values);
        });
        Await.until(BotHarness.WAIT, stored + " periods stored", () -> rows("ooo_period") == stored);
        afterAll();
    }

    @Test
    void askTheCeTeamForm_everyFieldGetsEveryHostileText() {
        roomForEveryText();
        everyField(List.of(SdrIds.QUESTION, SdrIds.ACCOUNT, SdrIds.LINK), (field, text) -> {
            StateValues values = StateValues.of()
                    .text(SdrIds.QUESTION, SdrIds.VALUE, field.equals(SdrIds.QUESTION) ? text : "Does Acme get SSO?")
                    .externalSelect(
                            SdrIds.ACCOUNT,
                            SdrIds.ACCOUNT_SELECT,
                            "new:" + (field.equals(SdrIds.ACCOUNT) ? text : "Acme"),
                            "Acme")
                    .radio(SdrIds.URGENCY, SdrIds.VALUE, "WEEK", "This week");
            if (field.equals(SdrIds.LINK)) {
                values.text(SdrIds.LINK, SdrIds.VALUE, text);
            }
            submitFrom(() -> open(SdrIds.CALLBACK_ID), values);
        });
        Await.until(BotHarness.WAIT, stored + " questions stored", () -> rows("sdr_question") == stored);
        afterAll();
    }

    private String loggedText() {
        return logs.events().stream().map(LogCapture::printed).collect(Collectors.joining("\n"));
    }
}
