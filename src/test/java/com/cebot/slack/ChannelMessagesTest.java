package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cebot.slackfake.Message;
import com.cebot.slackfake.Payloads;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.RichTextBlock;
import com.slack.api.model.block.element.RichTextSectionElement;
import com.slack.api.model.event.MessageEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelMessagesTest {

    private static final String ROOT_TS = "1700000000.000100";

    private final ChannelMessages messages = new ChannelMessages();
    private final List<ChannelMessages.Message> heard = new CopyOnWriteArrayList<>();
    private final AtomicInteger passedOn = new AtomicInteger();
    private final MiddlewareChain rest = req -> {
        passedOn.incrementAndGet();
        return Response.builder().statusCode(404).build();
    };

    ChannelMessagesTest() {
        messages.subscribe(heard::add);
    }

    @Test
    void mentionsComeFromTheTextAndFromRichText() {
        var event = new MessageEvent();
        event.setChannel("C1");
        event.setUser("U1");
        event.setTs("1.000100");
        event.setText(
                "<@U0AWAY1> and <@W0ENTERP|someone> and <!subteam^S0SDR|@ce-sdr-collab>, not <#C0CHAN> or @U0PLAIN");
        var section = RichTextSectionElement.builder()
                .elements(List.of(
                        RichTextSectionElement.User.builder().userId("U0RICH1").build(),
                        RichTextSectionElement.User.builder()
                                .userId("<!channel>")
                                .build(),
                        RichTextSectionElement.UserGroup.builder()
                                .usergroupId("S0RICH")
                                .build()))
                .build();
        event.setBlocks(
                List.of(RichTextBlock.builder().elements(List.of(section)).build()));

        ChannelMessages.Message m = ChannelMessages.read("Ev1", event);

        assertEquals(Set.of("U0AWAY1", "W0ENTERP", "U0RICH1"), m.users());
        assertEquals(Set.of("S0SDR", "S0RICH"), m.groups());
        assertTrue(m.topLevel());
        assertEquals("1.000100", m.thread());
    }

    @Test
    void aThreadReplyIsNotTopLevelButABroadcastParentIs() {
        var reply = new MessageEvent();
        reply.setTs("2.0");
        reply.setThreadTs("1.0");
        reply.setText("thanks");
        ChannelMessages.Message m = ChannelMessages.read("Ev2", reply);
        assertFalse(m.topLevel());
        assertEquals("1.0", m.thread());
        assertEquals(Set.of(), m.users());

        var parent = new MessageEvent();
        parent.setTs("1.0");
        parent.setThreadTs("1.0");
        assertTrue(ChannelMessages.read("Ev3", parent).topLevel());
    }

    @Test
    void aPlainMessage_aFileShare_andAMeMessage_areReadAlike() throws Exception {
        var files = new ObjectMapper().createArrayNode();
        files.addObject().put("id", "F0SHOT").put("name", "error.png").put("title", "error.png");
        String words = "What does this error mean? <!subteam^S0SDR|@ce-sdr-collab> cc <@U0AWAY>";

        Response plain = deliver(Payloads.messageEvent(message("1.000200", null, words), null), "EvPlain");
        Response shared = deliver(
                Payloads.fileShareEvent(
                        new Message("C1", "1.000300", null, "U0SDR", null, words, null, null, List.of(), files), null),
                "EvFile");
        Response me = deliver(Payloads.meMessageEvent(message("1.000400", null, words)), "EvMe");

        assertThat(List.of(plain, shared, me)).allMatch(r -> r.getStatusCode() == 200);
        assertThat(heard).extracting(ChannelMessages.Message::eventId).containsExactly("EvPlain", "EvFile", "EvMe");
        assertThat(heard).allSatisfy(m -> {
            assertThat(m.user()).isEqualTo("U0SDR");
            assertThat(m.channel()).isEqualTo("C1");
            assertThat(m.topLevel()).isTrue();
            assertThat(m.groups()).containsExactly("S0SDR");
            assertThat(m.users()).containsExactly("U0AWAY");
        });
        assertThat(passedOn).as("no other listener is asked about a message").hasValue(0);
    }

    @Test
    void aReplyAlsoSentToTheChannel_staysAReplyInItsThread() throws Exception {
        Message root = message(ROOT_TS, null, "the question");
        Message broadcast =
                new Message("C1", "1.000500", ROOT_TS, "U0CE1", null, "Yes, with SSO", null, null, List.of());

        deliver(Payloads.threadBroadcastEvent(broadcast, root, 2), "EvBroadcast");

        assertThat(heard).singleElement().satisfies(m -> {
            assertThat(m.topLevel()).isFalse();
            assertThat(m.thread()).isEqualTo(ROOT_TS);
            assertThat(m.ts()).isEqualTo("1.000500");
            assertThat(m.user()).isEqualTo("U0CE1");
        });
    }

    @Test
    void everyOtherMessage_isAckedWithoutReachingAListener() throws Exception {
        String words = "<!subteam^S0SDR|@ce-sdr-collab> <@U0AWAY>";
        Message person = message(ROOT_TS, null, words);
        Message bot = new Message("C1", "1.000600", null, null, "B0OTHER", words, null, null, List.of());
        Message otherAppsBroadcast =
                new Message("C1", "1.000700", ROOT_TS, "U0APPBOT", null, words, null, null, List.of());
        ObjectNode broadcastByABot =
                Payloads.threadBroadcastEvent(otherAppsBroadcast, person, 1).put("bot_id", "B0APP");
        Message joined = message("1.000800", null, "<@U0SDR> has joined the channel");
        Message topic = message("1.000900", null, "<@U0SDR> set the channel topic: ask " + words);

        List<Response> acks = List.of(
                deliver(
                        Payloads.messageChangedEvent(person, message(ROOT_TS, null, words + " edited"), "1.001"),
                        "Ev1"),
                deliver(Payloads.messageDeletedEvent(person, "1.002"), "Ev2"),
                deliver(Payloads.messageEvent(bot, null), "Ev3"),
                deliver(broadcastByABot, "Ev4"),
                deliver(Payloads.channelNoticeEvent("channel_join", joined, null), "Ev5"),
                deliver(Payloads.channelNoticeEvent("channel_topic", topic, "ask " + words), "Ev6"),
                deliver(
                        Payloads.messageEvent(message("1.001000", null, words), null)
                                .put("user", "<!channel>"),
                        "Ev7"));

        assertThat(acks).allMatch(r -> r.getStatusCode() == 200);
        assertThat(heard).isEmpty();
        assertThat(passedOn).hasValue(0);
    }

    @Test
    void otherEvents_goOnToTheirListeners() throws Exception {
        deliver(Payloads.appHomeOpened("U0SDR", null, "1.000001"), "EvHome");

        assertThat(passedOn).hasValue(1);
        assertThat(heard).isEmpty();
    }

    private static Message message(String ts, String threadTs, String text) {
        return new Message("C1", ts, threadTs, "U0SDR", null, text, null, null, List.of());
    }

    private Response deliver(ObjectNode event, String eventId) throws Exception {
        String body = new ObjectMapper().writeValueAsString(Payloads.eventCallback(event, eventId, 1700000000));
        return messages.apply(new EventRequest(body, new RequestHeaders(Map.of())), Response.ok(), rest);
    }
}
