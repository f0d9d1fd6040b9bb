package com.cebot.slackfake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.events.payload.AppHomeOpenedPayload;
import com.slack.api.app_backend.events.payload.MessageBotPayload;
import com.slack.api.app_backend.events.payload.MessageChangedPayload;
import com.slack.api.app_backend.events.payload.MessageChannelJoinPayload;
import com.slack.api.app_backend.events.payload.MessageChannelTopicPayload;
import com.slack.api.app_backend.events.payload.MessageDeletedPayload;
import com.slack.api.app_backend.events.payload.MessageFileSharePayload;
import com.slack.api.app_backend.events.payload.MessageMePayload;
import com.slack.api.app_backend.events.payload.MessagePayload;
import com.slack.api.app_backend.events.payload.MessageThreadBroadcastPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockSuggestionPayload;
import com.slack.api.app_backend.interactive_components.payload.GlobalShortcutPayload;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.view.ViewState;
import com.slack.api.socket_mode.request.EventsApiEnvelope;
import com.slack.api.socket_mode.request.InteractiveEnvelope;
import com.slack.api.socket_mode.request.SlashCommandsEnvelope;
import com.slack.api.util.json.GsonFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The payloads the fake sends, read with the SDK's own models in strict mode: a misspelt or
 * invented field fails here instead of silently reading as null in an app test.
 */
final class PayloadsTest {

    private static final Gson STRICT = strictGson();
    private static final ObjectNode ALICE = Payloads.user("UALICE", "alice");
    private static final ObjectNode CHANNEL = Payloads.channel("C1", "ce");
    private static final Message POSTED = new Message(
            "C1",
            "1700000000.000100",
            null,
            SlackFake.BOT_USER_ID,
            SlackFake.BOT_ID,
            "Ticket #12",
            Json.parse("""
                    [{"type":"actions","block_id":"b","elements":[
                      {"type":"button","action_id":"claim","text":{"type":"plain_text","text":"Claim"},"value":"12"},
                      {"type":"static_select","action_id":"status","options":[
                        {"text":{"type":"plain_text","text":"Done"},"value":"done"}]}]}]""").orElseThrow(),
            null,
            List.of());

    @Test
    void globalShortcut_readsAsGlobalShortcutPayload() {
        GlobalShortcutPayload payload =
                read(Payloads.globalShortcut("support_ticket", ALICE, "1.2.abc"), GlobalShortcutPayload.class);

        assertThat(payload.getCallbackId()).isEqualTo("support_ticket");
        assertThat(payload.getTriggerId()).isEqualTo("1.2.abc");
        assertThat(payload.getUser().getId()).isEqualTo("UALICE");
        assertThat(payload.getTeam().getId()).isEqualTo(SlackFake.TEAM_ID);
    }

    @Test
    void messageShortcut_carriesTheMessageChannelAndResponseUrl() {
        MessageShortcutPayload payload = read(
                Payloads.messageShortcut(
                        "share", ALICE, CHANNEL, POSTED.toJson(false), "1.2.abc", "http://127.0.0.1/response/1"),
                MessageShortcutPayload.class);

        assertThat(payload.getMessage().getText()).isEqualTo("Ticket #12");
        assertThat(payload.getMessageTs()).isEqualTo(POSTED.ts());
        assertThat(payload.getChannel().getName()).isEqualTo("ce");
        assertThat(payload.getResponseUrl()).endsWith("/response/1");
    }

    @Test
    void slashCommand_readsAsSlashCommandPayload() {
        SlashCommandPayload payload = read(
                Payloads.slashCommand("/ooo", "list", ALICE, CHANNEL, "1.2.abc", "http://127.0.0.1/response/1"),
                SlashCommandPayload.class);

        assertThat(payload.getCommand()).isEqualTo("/ooo");
        assertThat(payload.getText()).isEqualTo("list");
        assertThat(payload.getUserId()).isEqualTo("UALICE");
        assertThat(payload.getChannelId()).isEqualTo("C1");
    }

    @Test
    void viewSubmission_carriesTheStoredViewWithTheGivenState() {
        View view = new ViewStore().open("UALICE", Json.parse("""
                {"type":"modal","callback_id":"ooo","private_metadata":"p","title":{"type":"plain_text","text":"OOO"},
                 "blocks":[]}""").orElseThrow());
        ObjectNode values = StateValues.of()
                .date("start", "pick", "2026-12-01")
                .text("note", "in", "Skiing")
                .toJson();

        ViewSubmissionPayload payload =
                read(Payloads.viewSubmission(view.json(), ALICE, values, "1.2.abc"), ViewSubmissionPayload.class);

        assertThat(payload.getView().getId()).isEqualTo(view.id());
        assertThat(payload.getView().getCallbackId()).isEqualTo("ooo");
        assertThat(payload.getView().getPrivateMetadata()).isEqualTo("p");
        assertThat(payload.getView().getHash()).isEqualTo(view.hash());
        assertThat(payload.getView()
                        .getState()
                        .getValues()
                        .get("start")
                        .get("pick")
                        .getSelectedDate())
                .isEqualTo("2026-12-01");
    }

    @Test
    void blockActionOnAButton_carriesItsValueAndText() {
        ObjectNode action =
                Payloads.action(POSTED.blocks().get(0).get("elements").get(0), "claim", "b", "12");

        BlockActionPayload payload = read(
                Payloads.blockActionsInMessage(
                        ALICE, CHANNEL, POSTED.toJson(false), action, "1.2.abc", "http://127.0.0.1/response/1"),
                BlockActionPayload.class);

        assertThat(payload.getContainer().getType()).isEqualTo("message");
        assertThat(payload.getContainer().getMessageTs()).isEqualTo(POSTED.ts());
        assertThat(payload.getActions().get(0).getValue()).isEqualTo("12");
        assertThat(payload.getActions().get(0).getText().getText()).isEqualTo("Claim");
        assertThat(payload.getMessage().getBlocks()).hasSize(1);
    }

    @Test
    void blockActionOnASelect_carriesTheSelectedOptionWithItsText() {
        ObjectNode action =
                Payloads.action(POSTED.blocks().get(0).get("elements").get(1), "status", "b", "done");

        BlockActionPayload payload = read(
                Payloads.blockActionsInMessage(
                        ALICE, CHANNEL, POSTED.toJson(false), action, "1.2.abc", "http://127.0.0.1/response/1"),
                BlockActionPayload.class);

        assertThat(payload.getActions().get(0).getSelectedOption().getValue()).isEqualTo("done");
        assertThat(payload.getActions().get(0).getSelectedOption().getText().getText())
                .isEqualTo("Done");
    }

    @Test
    void blockSuggestion_carriesWhatTheUserTyped() {
        View view = new ViewStore().open("UALICE", Json.parse("""
                {"type":"modal","title":{"type":"plain_text","text":"T"},"blocks":[]}""").orElseThrow());

        // Slack sends container.view_id, which the SDK's model lacks, so this one is read leniently.
        BlockSuggestionPayload payload = GsonFactory.createSnakeCase()
                .fromJson(
                        Json.write(Payloads.blockSuggestion(view.json(), ALICE, "customer", "cust", "acm")),
                        BlockSuggestionPayload.class);

        assertThat(payload.getActionId()).isEqualTo("customer");
        assertThat(payload.getValue()).isEqualTo("acm");
        assertThat(payload.getView().getId()).isEqualTo(view.id());
    }

    @Test
    void messageEvent_readsAsMessagePayload_withThreadFields() {
        Message reply = new Message(
                "C1", "1700000000.000200", "1700000000.000100", "UALICE", null, "me too", null, null, List.of());

        MessagePayload payload = read(
                Payloads.eventCallback(Payloads.messageEvent(reply, "UBOB"), "Ev1", 1700000000), MessagePayload.class);

        assertThat(payload.getEventId()).isEqualTo("Ev1");
        assertThat(payload.getEvent().getText()).isEqualTo("me too");
        assertThat(payload.getEvent().getThreadTs()).isEqualTo("1700000000.000100");
        assertThat(payload.getEvent().getParentUserId()).isEqualTo("UBOB");
        assertThat(payload.getEvent().getChannelType()).isEqualTo("channel");
    }

    @Test
    void botMessageEvent_readsAsMessageBotPayload() {
        Message fromBot =
                new Message("C1", "1700000000.000300", null, null, "BZENDESK", "New ticket", null, null, List.of());

        MessageBotPayload payload = read(
                Payloads.eventCallback(Payloads.messageEvent(fromBot, null), "Ev2", 1700000000),
                MessageBotPayload.class);

        assertThat(payload.getEvent().getSubtype()).isEqualTo("bot_message");
        assertThat(payload.getEvent().getBotId()).isEqualTo("BZENDESK");
    }

    @Test
    void messageChangedEvent_carriesTheNewAndPreviousMessage() {
        Message before = new Message("C1", "1700000000.000100", null, "UALICE", null, "old", null, null, List.of());
        Message after = before.withContent("new", null, null);

        MessageChangedPayload payload = read(
                Payloads.eventCallback(
                        Payloads.messageChangedEvent(before, after, "1700000001.000000"), "Ev3", 1700000001),
                MessageChangedPayload.class);

        assertThat(payload.getEvent().getMessage().getText()).isEqualTo("new");
        assertThat(payload.getEvent().getPreviousMessage().getMessage().getText())
                .isEqualTo("old");
    }

    @Test
    void fileShareEvent_readsAsMessageFileSharePayload() {
        var files = Json.array();
        files.addObject().put("id", "F0SHOT").put("name", "screenshot.png").put("title", "screenshot.png");
        Message shot = new Message(
                "C1", "1700000000.000400", null, "UALICE", null, "what is this error?", null, null, List.of(), files);

        ObjectNode json = Payloads.eventCallback(Payloads.fileShareEvent(shot, null), "Ev6", 1700000000);
        // Slack sends it (its own examples do); the SDK's model of a file share lacks it.
        assertThat(((ObjectNode) json.get("event")).remove("client_msg_id")).isNotNull();
        MessageFileSharePayload payload = read(json, MessageFileSharePayload.class);

        assertThat(payload.getEvent().getSubtype()).isEqualTo("file_share");
        assertThat(payload.getEvent().getUser()).isEqualTo("UALICE");
        assertThat(payload.getEvent().getText()).isEqualTo("what is this error?");
        assertThat(payload.getEvent().getFiles()).extracting(f -> f.getName()).containsExactly("screenshot.png");
        assertThat(payload.getEvent().getThreadTs()).isNull();
    }

    @Test
    void threadBroadcastEvent_isAReplyWithItsThreadsParentAsRoot() {
        Message root = new Message("C1", "1700000000.000100", null, "UBOB", null, "question", null, null, List.of());
        Message reply =
                new Message("C1", "1700000000.000500", root.ts(), "UALICE", null, "answer", null, null, List.of());

        ObjectNode json = Payloads.eventCallback(Payloads.threadBroadcastEvent(reply, root, 1), "Ev7", 1700000000);
        // Slack's documented example has it on the root; the SDK's model of a root lacks it.
        assertThat(((ObjectNode) json.get("event").get("root")).remove("is_locked"))
                .isNotNull();
        MessageThreadBroadcastPayload payload = read(json, MessageThreadBroadcastPayload.class);

        assertThat(payload.getEvent().getSubtype()).isEqualTo("thread_broadcast");
        assertThat(payload.getEvent().getThreadTs()).isEqualTo(root.ts());
        assertThat(payload.getEvent().getTs()).isEqualTo(reply.ts());
        assertThat(payload.getEvent().getRoot().getUser()).isEqualTo("UBOB");
    }

    @Test
    void meMessageEvent_readsAsMessageMePayload() {
        Message me =
                new Message("C1", "1700000000.000600", null, "UALICE", null, "waves at <@UBOB>", null, null, List.of());

        MessageMePayload payload =
                read(Payloads.eventCallback(Payloads.meMessageEvent(me), "Ev8", 1700000000), MessageMePayload.class);

        assertThat(payload.getEvent().getSubtype()).isEqualTo("me_message");
        assertThat(payload.getEvent().getText()).isEqualTo("waves at <@UBOB>");
    }

    @Test
    void messageDeletedAndChannelNotices_readAsTheirPayloads() {
        Message gone = new Message("C1", "1700000000.000100", null, "UALICE", null, "oops", null, null, List.of());
        Message joined = new Message(
                "C1",
                "1700000000.000700",
                null,
                "UALICE",
                null,
                "<@UALICE> has joined the channel",
                null,
                null,
                List.of());
        Message topic = new Message(
                "C1",
                "1700000000.000800",
                null,
                "UALICE",
                null,
                "<@UALICE> set the channel topic: Ask here",
                null,
                null,
                List.of());

        MessageDeletedPayload deleted = read(
                Payloads.eventCallback(Payloads.messageDeletedEvent(gone, "1700000001.000000"), "Ev9", 1700000001),
                MessageDeletedPayload.class);
        MessageChannelJoinPayload join = read(
                Payloads.eventCallback(Payloads.channelNoticeEvent("channel_join", joined, null), "Ev10", 1700000001),
                MessageChannelJoinPayload.class);
        MessageChannelTopicPayload topicSet = read(
                Payloads.eventCallback(
                        Payloads.channelNoticeEvent("channel_topic", topic, "Ask here"), "Ev11", 1700000001),
                MessageChannelTopicPayload.class);

        assertThat(deleted.getEvent().getDeletedTs()).isEqualTo(gone.ts());
        assertThat(deleted.getEvent().getPreviousMessage().getText()).isEqualTo("oops");
        assertThat(join.getEvent().getSubtype()).isEqualTo("channel_join");
        assertThat(topicSet.getEvent().getTopic()).isEqualTo("Ask here");
    }

    @Test
    void appHomeOpened_readsAsAppHomeOpenedPayload() {
        AppHomeOpenedPayload payload = read(
                Payloads.eventCallback(Payloads.appHomeOpened("UALICE", null, "1.000001"), "Ev4", 1),
                AppHomeOpenedPayload.class);

        assertThat(payload.getEvent().getUser()).isEqualTo("UALICE");
        assertThat(payload.getEvent().getTab()).isEqualTo("home");
    }

    @Test
    void envelopes_readAsTheSocketModeEnvelopeTypes() {
        ObjectNode event = Payloads.eventCallback(Payloads.appHomeOpened("UALICE", null, "1.000001"), "Ev5", 1);
        ObjectNode shortcut = Payloads.globalShortcut("x", ALICE, "1.2.abc");
        ObjectNode command =
                Payloads.slashCommand("/ooo", "", ALICE, CHANNEL, "1.2.abc", "http://127.0.0.1/response/1");

        EventsApiEnvelope events = read(Payloads.envelope("events_api", event, "e1"), EventsApiEnvelope.class);
        InteractiveEnvelope interactive =
                read(Payloads.envelope("interactive", shortcut, "e2"), InteractiveEnvelope.class);
        SlashCommandsEnvelope slash =
                read(Payloads.envelope("slash_commands", command, "e3"), SlashCommandsEnvelope.class);

        assertThat(events.getRetryAttempt()).isZero();
        assertThat(events.getRetryReason()).isEmpty();
        assertThat(interactive.getAcceptsResponsePayload()).isFalse();
        assertThat(slash.getAcceptsResponsePayload()).isTrue();
    }

    @Test
    void stateValues_readAsTheSdksViewState() {
        ObjectNode values = StateValues.of()
                .text("summary", "in", "Help with SSO")
                .time("at", "pick", "09:30", "Europe/Berlin")
                .select("prio", "pick", "p1", "Urgent")
                .externalSelect("customer", "pick", "acme", "Acme")
                .user("owner", "pick", "UALICE")
                .users("cover", "pick", "UBOB", "UCAROL")
                .conversation("where", "pick", "C1")
                .checkboxes("tasks", "pick", "autoreply", "handover")
                .toJson();
        ObjectNode state = Json.object();
        state.set("values", values);

        ViewState parsed = STRICT.fromJson(Json.write(state), ViewState.class);

        var read = parsed.getValues();
        assertThat(read.get("summary").get("in").getValue()).isEqualTo("Help with SSO");
        assertThat(read.get("at").get("pick").getSelectedTime()).isEqualTo("09:30");
        assertThat(read.get("prio").get("pick").getSelectedOption().getText().getText())
                .isEqualTo("Urgent");
        assertThat(read.get("customer").get("pick").getSelectedOption().getValue())
                .isEqualTo("acme");
        assertThat(read.get("owner").get("pick").getSelectedUser()).isEqualTo("UALICE");
        assertThat(read.get("cover").get("pick").getSelectedUsers()).containsExactly("UBOB", "UCAROL");
        assertThat(read.get("where").get("pick").getSelectedConversation()).isEqualTo("C1");
        assertThat(read.get("tasks").get("pick").getSelectedOptions())
                .extracting(o -> o.getValue())
                .containsExactly("autoreply", "handover");
    }

    private static <T> T read(ObjectNode json, Class<T> type) {
        return STRICT.fromJson(Json.write(json), type);
    }

    private static Gson strictGson() {
        SlackConfig config = new SlackConfig();
        config.setFailOnUnknownProperties(true);
        return GsonFactory.createSnakeCase(config);
    }
}
