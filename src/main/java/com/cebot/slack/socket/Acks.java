package com.cebot.slack.socket;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.slack.api.bolt.response.Response;
import com.slack.api.socket_mode.response.AckResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An envelope's ack: its body, built as {@code SocketModeApp} builds it, and the socket it goes on;
 * each ack sent, or not, is counted by its envelope's kind.
 */
final class Acks {

    private static final Logger log = LoggerFactory.getLogger(Acks.class);

    private final Gson gson;
    private final Supplier<Optional<Link>> current;
    private final SocketMeters meters;

    /**
     * @param gson the SDK's snake-case Gson, as the SDK client writes its own frames
     * @param current the open socket, if any, for an ack whose own socket has closed
     */
    Acks(Gson gson, Supplier<Optional<Link>> current, SocketMeters meters) {
        this.gson = gson;
        this.current = current;
        this.meters = meters;
    }

    /** An ack that carries nothing. */
    String plain(String envelopeId) {
        return gson.toJson(new AckResponse(envelopeId));
    }

    /** Bolt's answer as the ack: a JSON body as the payload, any other body as {"text": body}, else a plain ack. */
    String of(String envelopeId, Response response) {
        String body = response.getBody();
        if (body == null) {
            return plain(envelopeId);
        }
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("envelope_id", envelopeId);
        String contentType = response.getContentType();
        if (contentType != null && contentType.startsWith("application/json")) {
            ack.put("payload", gson.fromJson(body, JsonElement.class));
        } else {
            ack.put("payload", Map.of("text", body));
        }
        return gson.toJson(ack);
    }

    /**
     * On the socket the envelope came from, or, if that one is gone, on the current one (as the SDK does).
     *
     * @param frame an envelope's
     * @param arrived {@link System#nanoTime()} when the socket's reader got the frame
     */
    void send(Link link, FrameHeader frame, long arrived, String ack) {
        Optional<Link> target = link.canSend() ? Optional.of(link) : current.get();
        if (target.isEmpty()) {
            meters.of(frame).unacked();
            log.warn(
                    "The ack for {} envelope {} was not sent: no Socket Mode connection is open",
                    frame.type(),
                    frame.envelopeId());
            return;
        }
        try {
            target.get().send(ack);
        } catch (RuntimeException e) {
            meters.of(frame).unacked();
            log.warn(
                    "The ack for {} envelope {} was not sent: {}",
                    frame.type(),
                    frame.envelopeId(),
                    e.getClass().getSimpleName());
            return;
        }
        meters.of(frame).acked(arrived);
    }
}
