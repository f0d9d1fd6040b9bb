package com.cebot.slackfake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Socket Mode protocol (SLACK.md §1) as a bare WebSocket client sees it. */
final class SocketModeServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private SlackFake fake;
    private Slack slack;
    private final List<RawSocketClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = SlackFake.start();
        slack = Slack.getInstance(fake.slackConfig());
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(RawSocketClient::close);
        slack.close();
        fake.close();
    }

    @Test
    void connecting_withATicket_isGreetedWithHello() throws Exception {
        RawSocketClient client = connect();

        JsonNode hello = client.nextFrame(WAIT);
        assertThat(hello.get("type").asText()).isEqualTo("hello");
        assertThat(hello.get("num_connections").asInt()).isEqualTo(1);
        assertThat(hello.at("/connection_info/app_id").asText()).isEqualTo(SlackFake.APP_ID);
        assertThat(hello.at("/debug_info/approximate_connection_time").asInt()).isPositive();
        assertThat(fake.openConnections()).isEqualTo(1);
    }

    @Test
    void aTicket_opensOneSocketOnly() throws Exception {
        String url = socketUrl();
        clients.add(RawSocketClient.connect(url));

        assertThat(RawSocketClient.connect(url)).isNull();
        assertThat(RawSocketClient.connect(url.replaceAll("ticket=\\d+", "ticket=999")))
                .isNull();
        assertThat(fake.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void protocolPings_areAnsweredWithPongs() throws Exception {
        RawSocketClient client = connect();

        client.sendPing();

        assertThat(client.awaitPong(WAIT)).isTrue();
    }

    @Test
    void anEnvelope_reachesTheClient_andItsAckIsRecordedWithLatency() throws Exception {
        RawSocketClient client = connect();
        client.nextFrame(WAIT);

        String envelopeId = fake.sendAppHomeOpened("UALICE").envelopeId();
        JsonNode envelope = client.nextFrame(WAIT);
        client.ack(envelopeId, null);

        assertThat(envelope.get("envelope_id").asText()).isEqualTo(envelopeId);
        assertThat(envelope.get("type").asText()).isEqualTo("events_api");
        assertThat(envelope.get("accepts_response_payload").asBoolean()).isFalse();
        assertThat(envelope.get("retry_attempt").asInt()).isZero();
        assertThat(envelope.get("retry_reason").asText()).isEmpty();
        assertThat(envelope.at("/payload/event/type").asText()).isEqualTo("app_home_opened");
        Ack ack = fake.awaitAck(envelopeId, WAIT);
        assertThat(ack.payload()).isNull();
        assertThat(ack.latency()).isBetween(Duration.ZERO, WAIT);
    }

    @Test
    void anAckWithAPayload_keepsThePayload() throws Exception {
        RawSocketClient client = connect();
        client.nextFrame(WAIT);
        String envelopeId = fake.sendSlashCommand("/ooo", "help", "UALICE", "DALICE");
        assertThat(client.nextFrame(WAIT).get("accepts_response_payload").asBoolean())
                .isTrue();

        client.ack(envelopeId, Json.object().put("text", "Usage: /ooo"));

        assertThat(fake.awaitAck(envelopeId, WAIT).payload().get("text").asText())
                .isEqualTo("Usage: /ooo");
    }

    @Test
    void anEnvelopeSentWhileNoSocketIsOpen_isDeliveredAfterTheNextHello() throws Exception {
        String envelopeId = fake.sendAppHomeOpened("UALICE").envelopeId();

        RawSocketClient client = connect();

        assertThat(client.nextFrame(WAIT).get("type").asText()).isEqualTo("hello");
        assertThat(client.nextFrame(WAIT).get("envelope_id").asText()).isEqualTo(envelopeId);
    }

    @Test
    void theSameEnvelopeSentTwice_isAckedTwice() throws Exception {
        RawSocketClient client = connect();
        client.nextFrame(WAIT);
        var envelope = Payloads.envelope(
                "events_api",
                Payloads.eventCallback(Payloads.appHomeOpened("UALICE", null, "1.000001"), "Ev1", 1),
                "dup-1");

        fake.sendRaw(envelope);
        fake.sendRaw(envelope.deepCopy().put("retry_attempt", 1).put("retry_reason", "timeout"));
        client.ack(client.nextFrame(WAIT).get("envelope_id").asText(), null);
        JsonNode retry = client.nextFrame(WAIT);
        client.ack(retry.get("envelope_id").asText(), null);

        assertThat(retry.get("retry_attempt").asInt()).isEqualTo(1);
        assertThat(fake.awaitAcks("dup-1", 2, WAIT)).hasSize(2);
        assertThat(fake.acks()).extracting(Ack::envelopeId).containsExactly("dup-1", "dup-1");
    }

    @Test
    void anUnackedEvent_isRedeliveredWithRisingRetryAttempts_whenSwitchedOn() throws Exception {
        RawSocketClient client = connect();
        client.nextFrame(WAIT);
        fake.redeliverUnackedEvents(Duration.ofMillis(50));

        SentEvent event = fake.sendAppHomeOpened("UALICE");

        List<Integer> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode delivery = client.nextFrame(WAIT);
            assertThat(delivery.get("envelope_id").asText()).isEqualTo(event.envelopeId());
            assertThat(delivery.at("/payload/event_id").asText()).isEqualTo(event.eventId());
            attempts.add(delivery.get("retry_attempt").asInt());
            if (i > 0) {
                assertThat(delivery.get("retry_reason").asText()).isEqualTo("timeout");
            }
        }
        assertThat(attempts).containsExactly(0, 1, 2, 3);
    }

    @Test
    void sendDisconnect_asksEveryOpenSocketToGoAway() throws Exception {
        RawSocketClient first = connect();
        RawSocketClient second = connect();
        first.nextFrame(WAIT);
        second.nextFrame(WAIT);

        fake.sendDisconnect("refresh_requested");

        for (RawSocketClient client : List.of(first, second)) {
            JsonNode frame = client.nextFrame(WAIT);
            assertThat(frame.get("type").asText()).isEqualTo("disconnect");
            assertThat(frame.get("reason").asText()).isEqualTo("refresh_requested");
        }
    }

    @Test
    void dropConnections_cutsEverySocketWithoutACloseHandshake() throws Exception {
        RawSocketClient client = connect();
        fake.awaitConnections(1, WAIT);

        fake.dropConnections();

        assertThat(client.awaitCloseCode(WAIT)).isEqualTo(CloseFrame.ABNORMAL_CLOSE);
        fake.awaitConnections(0, WAIT);
    }

    @Test
    void theEleventhSocket_isToldTooManyWebsockets() throws Exception {
        for (int i = 0; i < SocketModeServer.MAX_CONNECTIONS; i++) {
            connect().nextFrame(WAIT);
        }

        // The fake closes this socket right after greeting it, so connectBlocking may already see it closed.
        RawSocketClient eleventh = new RawSocketClient(socketUrl());
        clients.add(eleventh);
        eleventh.connectBlocking(5, TimeUnit.SECONDS);

        JsonNode frame = eleventh.nextFrame(WAIT);
        assertThat(frame.get("type").asText()).isEqualTo("disconnect");
        assertThat(frame.get("reason").asText()).isEqualTo("too_many_websockets");
        assertThat(eleventh.awaitCloseCode(WAIT)).isEqualTo(CloseFrame.POLICY_VALIDATION);
        assertThat(fake.openConnections()).isEqualTo(SocketModeServer.MAX_CONNECTIONS);
    }

    @Test
    void close_takesLessThanASecond_withAnOpenSocketAndAHangingCall() throws Exception {
        RawSocketClient client = connect();
        client.nextFrame(WAIT);
        fake.enqueueFault("auth.test", new Fault.Hang(Duration.ofSeconds(30)));
        CompletableFuture.runAsync(() -> {
            try {
                slack.methods(SlackFake.BOT_TOKEN).authTest(r -> r);
            } catch (Exception expected) {
                // The fake going away mid-call is the point of this test.
            }
        });

        long start = System.nanoTime();
        fake.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(client.awaitCloseCode(WAIT)).isEqualTo(CloseFrame.GOING_AWAY);
    }

    @Test
    void deadSocketUrls_pointWhereNothingListens_untilSwitchedOff() throws Exception {
        fake.handOutDeadSocketUrls(true);
        String dead = socketUrl();
        fake.handOutDeadSocketUrls(false);

        assertThat(dead).startsWith("ws://127.0.0.1:").contains("ticket=");
        assertThat(RawSocketClient.connect(dead)).isNull();
        assertThat(fake.connectionsOpened()).isZero();
        connect().nextFrame(WAIT);
    }

    @Test
    void withheldHello_leavesTheSocketOpenAndSilent_evenForEnvelopes() throws Exception {
        fake.withholdHello(true);
        RawSocketClient silent = connect();
        fake.awaitConnections(1, WAIT);
        fake.withholdHello(false);

        String envelopeId = fake.sendAppHomeOpened("UALICE").envelopeId();
        RawSocketClient next = connect();

        assertThat(next.nextFrame(WAIT).get("type").asText()).isEqualTo("hello");
        assertThat(next.nextFrame(WAIT).get("envelope_id").asText()).isEqualTo(envelopeId);
        assertThat(silent.framesWaiting()).isZero();
        silent.sendPing();
        assertThat(silent.awaitPong(WAIT)).isTrue();
    }

    @Test
    void frozenSockets_stayOpen_butAnswerNoPings_andEnvelopesWaitForTheNextSocket() throws Exception {
        RawSocketClient frozen = connect();
        frozen.nextFrame(WAIT);
        fake.freezeConnections();

        frozen.sendPing();
        String envelopeId = fake.sendAppHomeOpened("UALICE").envelopeId();
        RawSocketClient next = connect();

        assertThat(next.nextFrame(WAIT).get("type").asText()).isEqualTo("hello");
        assertThat(next.nextFrame(WAIT).get("envelope_id").asText()).isEqualTo(envelopeId);
        assertThat(frozen.framesWaiting()).isZero();
        assertThat(frozen.awaitPong(Duration.ofMillis(200))).isFalse();
        assertThat(fake.openConnections()).isEqualTo(2);
    }

    @Test
    void envelopesInTurn_passOverASocketWhoseCloseHasBegun_toAnotherOpenOne() throws Exception {
        SocketModeServer server = SocketModeServer.start(ack -> {});
        Socket silent = silentPeer(server.issueUrl());
        try {
            server.awaitOpenConnections(1, WAIT);
            RawSocketClient live = RawSocketClient.connect(server.issueUrl());
            clients.add(live);
            assertThat(live.nextFrame(WAIT).get("type").asText()).isEqualTo("hello");
            server.awaitOpenConnections(2, WAIT);
            server.deliverRoundRobin(true);
            // A close begun, sent at once: until the fake's onClose the socket is still listed but
            // takes no frame, as a killed bot's socket between its reset and the fake noticing.
            server.openConnections().get(0).close(CloseFrame.GOING_AWAY);

            List<String> sent = List.of("turn-1", "turn-2", "turn-3", "turn-4");
            for (String envelopeId : sent) {
                server.send(Payloads.envelope(
                        "events_api",
                        Payloads.eventCallback(
                                Payloads.appHomeOpened("UALICE", null, "1.000001"), "Ev" + envelopeId, 1),
                        envelopeId));
            }

            List<String> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                received.add(live.nextFrame(WAIT).get("envelope_id").asText());
            }
            assertThat(received).containsExactlyElementsOf(sent);
        } finally {
            silent.close();
            server.close();
        }
    }

    private RawSocketClient connect() throws Exception {
        RawSocketClient client = RawSocketClient.connect(socketUrl());
        assertThat(client).as("handshake accepted").isNotNull();
        clients.add(client);
        return client;
    }

    /** A TCP peer that completes the WebSocket handshake, then reads nothing and answers nothing. */
    private static Socket silentPeer(String url) throws Exception {
        URI uri = URI.create(url);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout((int) WAIT.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                        + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the handshake ended early: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }

    private String socketUrl() throws Exception {
        return slack.methods(SlackFake.APP_TOKEN).appsConnectionsOpen(r -> r).getUrl();
    }
}
