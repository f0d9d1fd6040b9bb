package com.cebot.slackfake;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.externalSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.Option;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real Bolt app in a real SocketModeApp against the fake: what the SDK does on its own, acks,
 * view submissions, responses and reconnects. One app serves all tests because starting one
 * takes about a second; tests use their own users and messages and count calls from their start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class BoltSocketModeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The SDK's session monitor notices a dead socket within 5 s and then reconnects. */
    private static final Duration RECONNECT = Duration.ofSeconds(12);

    private final AtomicInteger botMessagesHandled = new AtomicInteger();
    private final AtomicReference<String> sharedMessageText = new AtomicReference<>();
    private final AtomicReference<String> editedText = new AtomicReference<>();
    private SlackFake fake;
    private Slack slack;
    private SocketModeApp socketModeApp;
    private List<RecordedCall> startupCalls;

    @BeforeAll
    void startApp() throws Exception {
        fake = SlackFake.start();
        fake.addChannel("C1", "ce", true);
        fake.addUser("UALICE", "alice", "Europe/Berlin");
        slack = Slack.getInstance(fake.slackConfig());
        App app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(SlackFake.BOT_TOKEN)
                .build());
        registerListeners(app);
        // The constructor taking a ready SocketModeClient never hands envelopes to Bolt (1.48.0),
        // so the app token constructor is the one that works.
        socketModeApp = new SocketModeApp(SlackFake.APP_TOKEN, app);
        socketModeApp.startAsync();
        fake.awaitConnections(1, WAIT);
        startupCalls = fake.calls();
    }

    @AfterAll
    void stopApp() throws Exception {
        socketModeApp.close();
        slack.close();
        fake.close();
    }

    @Test
    void startup_checksTheBotTokenAndOpensASocket() {
        assertThat(startupCalls).anySatisfy(call -> {
            assertThat(call.method()).isEqualTo("auth.test");
            assertThat(call.token()).isEqualTo(SlackFake.BOT_TOKEN);
        });
        assertThat(startupCalls)
                .filteredOn(call -> call.method().equals("apps.connections.open"))
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.token()).isEqualTo(SlackFake.APP_TOKEN));
    }

    @Test
    void globalShortcut_opensTheModalForTheUser_andAcksInTime() {
        String envelopeId = fake.sendGlobalShortcut("support_ticket", "UALICE");

        Ack ack = fake.awaitAck(envelopeId, WAIT);

        assertThat(ack.payload()).isNull();
        assertThat(ack.latency()).isLessThan(Duration.ofSeconds(3));
        View opened = fake.lastOpenedView();
        assertThat(opened.callbackId()).isEqualTo("support_ticket_form");
        assertThat(opened.userId()).isEqualTo("UALICE");
    }

    @Test
    void submittingAnEmptySummary_answersWithErrors_andTheModalStaysOpen() {
        View form = openForm("UERIN");

        Ack ack = fake.awaitAck(
                fake.submitView(
                        form.id(),
                        "UERIN",
                        StateValues.of().text("summary", "text", null).toJson()),
                WAIT);

        assertThat(ack.payload().get("response_action").asText()).isEqualTo("errors");
        assertThat(ack.payload().at("/errors/summary").asText()).isEqualTo("Please describe the ticket");
        assertThat(fake.modalStack("UERIN")).extracting(View::id).containsExactly(form.id());
    }

    @Test
    void submittingAskingForMore_updatesTheModalInPlace() {
        View form = openForm("UFRED");

        fake.awaitAck(
                fake.submitView(
                        form.id(),
                        "UFRED",
                        StateValues.of().text("summary", "text", "more").toJson()),
                WAIT);

        assertThat(fake.view(form.id()).title()).isEqualTo("More details");
        assertThat(fake.modalStack("UFRED")).hasSize(1);
    }

    @Test
    void submittingAValidForm_closesTheModal_andPostsTheTicket() {
        View form = openForm("UGINA");

        fake.awaitAck(
                fake.submitView(
                        form.id(),
                        "UGINA",
                        StateValues.of()
                                .text("summary", "text", "SSO broken")
                                .externalSelect("customer", "pick", "acme", "Acme")
                                .toJson()),
                WAIT);

        assertThat(fake.modalStack("UGINA")).isEmpty();
        assertThat(fake.messages("C1")).extracting(Message::text).contains("SSO broken for acme");
    }

    @Test
    void aButtonInTheModal_letsTheAppUpdateTheViewWithItsHash() {
        View form = openForm("UIDA");

        fake.awaitAck(fake.sendViewBlockAction(form.id(), "UIDA", "add_detail", "more", "1"), WAIT);

        assertThat(fake.awaitCall("views.update", WAIT).param("hash")).isEqualTo(form.hash());
        assertThat(fake.view(form.id()).title()).isEqualTo("With details");
    }

    @Test
    void blockSuggestion_isAnsweredWithOptionsInTheAck() {
        View form = openForm("UHANS");

        Ack ack = fake.awaitAck(fake.sendBlockSuggestion(form.id(), "UHANS", "pick", "customer", "acm"), WAIT);

        assertThat(ack.payload().at("/options/0/value").asText()).isEqualTo("acme");
    }

    @Test
    void slashCommand_isAnsweredInTheAck() {
        Ack ack = fake.awaitAck(fake.sendSlashCommand("/ooo", "help", "UALICE", "C1"), WAIT);

        assertThat(ack.payload().get("text").asText()).isEqualTo("Usage: /ooo [start] [end]");
    }

    @Test
    void buttonClick_respondsThroughTheResponseUrl_replacingTheMessage() throws Exception {
        String ts = slack.methods(SlackFake.BOT_TOKEN)
                .chatPostMessage(r -> r.channel("C1")
                        .text("Ticket #12")
                        .blocks(asBlocks(actions(a -> a.blockId("ticket")
                                .elements(List.of(button(
                                        b -> b.actionId("claim").value("12").text(plainText("Claim")))))))))
                .getTs();

        fake.awaitAck(fake.sendBlockAction("UALICE", "C1", ts, "claim", "ticket", "12"), WAIT);

        assertThat(fake.calls(WebApiServer.RESPONSE_URL))
                .anySatisfy(
                        call -> assertThat(call.json().get("replace_original").asBoolean())
                                .isTrue());
        assertThat(fake.message("C1", ts).orElseThrow().text()).isEqualTo("Ticket #12 claimed by UALICE");
    }

    @Test
    void messageShortcut_seesTheStoredMessage() {
        String ts = fake.addMessage("C1", "UALICE", "Customer asks about SAML", null);

        fake.awaitAck(fake.sendMessageShortcut("share_context", "UALICE", "C1", ts), WAIT);

        assertThat(sharedMessageText).hasValue("Customer asks about SAML");
    }

    @Test
    void messageEvent_getsAThreadedReply() {
        SentEvent event = fake.sendMessageEvent("C1", "UALICE", "can someone help?", null);

        fake.awaitAck(event.envelopeId(), WAIT);

        assertThat(fake.messages("C1")).anySatisfy(m -> {
            assertThat(m.threadTs()).isEqualTo(event.ts());
            assertThat(m.text()).isEqualTo("On it");
        });
    }

    @Test
    void anEditedMessage_arrivesAsMessageChanged_andIsStoredEdited() {
        String ts = fake.addMessage("C1", "UALICE", "typo", null);

        fake.awaitAck(fake.sendMessageChangedEvent("C1", ts, "fixed").envelopeId(), WAIT);

        assertThat(editedText).hasValue("fixed");
        assertThat(fake.message("C1", ts).orElseThrow().text()).isEqualTo("fixed");
    }

    @Test
    void theBotsOwnMessage_isResolvedWithBotsInfo_andIgnored() {
        int before = botMessagesHandled.get();

        fake.awaitAck(
                fake.sendBotMessageEvent("C1", SlackFake.BOT_ID, "posted by me").envelopeId(), WAIT);

        assertThat(fake.calls("bots.info"))
                .anySatisfy(call -> assertThat(call.param("bot")).isEqualTo(SlackFake.BOT_ID));
        assertThat(botMessagesHandled.get()).isEqualTo(before);
    }

    @Test
    void refreshRequested_makesTheAppReconnect_andShortcutsStillWork() {
        int opened = fake.connectionsOpened();

        fake.sendDisconnect("refresh_requested");

        fake.awaitConnectionsOpened(opened + 1, WAIT);
        fake.awaitConnections(1, WAIT);
        assertThat(fake.awaitAck(fake.sendGlobalShortcut("support_ticket", "UALICE"), WAIT)
                        .payload())
                .isNull();
    }

    @Test
    void aDroppedSocket_isReplacedByTheSessionMonitor_andShortcutsStillWork() {
        int opened = fake.connectionsOpened();
        int urls = fake.calls("apps.connections.open").size();

        fake.dropConnections();

        fake.awaitConnectionsOpened(opened + 1, RECONNECT);
        fake.awaitConnections(1, WAIT);
        assertThat(fake.calls("apps.connections.open")).hasSizeGreaterThan(urls);
        assertThat(fake.awaitAck(fake.sendGlobalShortcut("support_ticket", "UALICE"), WAIT)
                        .payload())
                .isNull();
    }

    private View openForm(String userId) {
        int opened = fake.calls("views.open").size();
        fake.awaitAck(fake.sendGlobalShortcut("support_ticket", userId), WAIT);
        fake.awaitCalls("views.open", opened + 1, WAIT);
        return fake.modalStack(userId).get(0);
    }

    private void registerListeners(App app) {
        app.globalShortcut("support_ticket", (req, ctx) -> {
            ctx.client()
                    .viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId()).view(form("Support ticket")));
            return ctx.ack();
        });
        app.viewSubmission("support_ticket_form", (req, ctx) -> {
            var values = req.getPayload().getView().getState().getValues();
            String summary = values.get("summary").get("text").getValue();
            if (summary == null) {
                return ctx.ackWithErrors(Map.of("summary", "Please describe the ticket"));
            }
            if (summary.equals("more")) {
                return ctx.ackWithUpdate(form("More details"));
            }
            String customer =
                    values.get("customer").get("pick").getSelectedOption().getValue();
            ctx.client().chatPostMessage(r -> r.channel("C1").text(summary + " for " + customer));
            return ctx.ack();
        });
        app.blockSuggestion(
                "pick", (req, ctx) -> ctx.ack(r -> r.options(List.of(new Option(plainText("Acme"), "acme")))));
        app.command("/ooo", (req, ctx) -> ctx.ack("Usage: /ooo [start] [end]"));
        app.blockAction("claim", (req, ctx) -> {
            String text = req.getPayload().getMessage().getText() + " claimed by "
                    + req.getPayload().getUser().getId();
            ctx.respond(r -> r.replaceOriginal(true).text(text));
            return ctx.ack();
        });
        app.messageShortcut("share_context", (req, ctx) -> {
            sharedMessageText.set(req.getPayload().getMessage().getText());
            return ctx.ack();
        });
        app.event(MessageEvent.class, (req, ctx) -> {
            MessageEvent event = req.getEvent();
            ctx.client()
                    .chatPostMessage(r -> r.channel(event.getChannel())
                            .threadTs(event.getTs())
                            .text("On it"));
            return ctx.ack();
        });
        app.blockAction("add_detail", (req, ctx) -> {
            var view = req.getPayload().getView();
            ctx.client()
                    .viewsUpdate(
                            r -> r.viewId(view.getId()).hash(view.getHash()).view(form("With details")));
            return ctx.ack();
        });
        app.event(MessageChangedEvent.class, (req, ctx) -> {
            editedText.set(req.getEvent().getMessage().getText());
            return ctx.ack();
        });
        app.event(MessageBotEvent.class, (req, ctx) -> {
            botMessagesHandled.incrementAndGet();
            return ctx.ack();
        });
    }

    private static com.slack.api.model.view.View form(String title) {
        return view(v -> v.type("modal")
                .callbackId("support_ticket_form")
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(s -> s.type("plain_text").text("Send")))
                .blocks(asBlocks(
                        input(i -> i.blockId("summary")
                                .label(plainText("Summary"))
                                .element(plainTextInput(p -> p.actionId("text")))),
                        input(i -> i.blockId("customer")
                                .label(plainText("Customer"))
                                .element(externalSelect(e -> e.actionId("pick").minQueryLength(2)))),
                        actions(a -> a.blockId("more")
                                .elements(List.of(button(
                                        b -> b.actionId("add_detail").value("1").text(plainText("Add detail")))))))));
    }
}
