package com.cebot.e2e;

import com.cebot.slackfake.SlackFake;
import com.slack.api.Slack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The floor of the benchmark: a bare Socket Mode client (the JDK's WebSocket) that acks every
 * envelope the moment it is read, doing nothing else. No app can ack sooner through the same fake
 * Slack on the same machine, so the bot's figures are read as multiples of this one's.
 */
final class FloorClient implements AutoCloseable {

    private static final String ID_FIELD = "\"envelope_id\":\"";

    private final WebSocket socket;

    private FloorClient(WebSocket socket) {
        this.socket = socket;
    }

    static FloorClient connect(SlackFake slack) throws Exception {
        String url;
        Slack client = Slack.getInstance(slack.slackConfig());
        try {
            url = client.methods()
                    .appsConnectionsOpen(r -> r.token(SlackFake.APP_TOKEN))
                    .getUrl();
        } finally {
            client.close();
        }
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(url), new Acker())
                .get(10, TimeUnit.SECONDS);
        slack.awaitConnections(1, Duration.ofSeconds(10));
        return new FloorClient(socket);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
    }

    /** Reads a frame, and if it carries an envelope id, sends it back as the ack before reading on. */
    private static final class Acker implements WebSocket.Listener {

        private final StringBuilder frame = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (!last) {
                socket.request(1);
                return null;
            }
            int start = frame.indexOf(ID_FIELD);
            if (start < 0) {
                frame.setLength(0);
                socket.request(1);
                return null;
            }
            start += ID_FIELD.length();
            String ack = "{\"envelope_id\":\"" + frame.substring(start, frame.indexOf("\"", start)) + "\"}";
            frame.setLength(0);
            socket.sendText(ack, true).whenComplete((s, e) -> socket.request(1));
            return null;
        }
    }
}
