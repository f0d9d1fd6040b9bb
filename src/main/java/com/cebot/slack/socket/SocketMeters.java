package com.cebot.slack.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the connection counts for the operators' metrics: envelopes and their acks by kind, with the
 * time from a frame's arrival to its ack, and the socket's own ups and downs. Tags name kinds of
 * envelope only (never a user, a channel or a payload), and a kind Slack might invent is "other".
 * Recording an envelope is two map reads and a timer's record: the meters of each kind are made
 * once, the first time it arrives.
 */
final class SocketMeters {

    /** An ack later than this leaves the travel back little of Slack's 3 s. */
    static final Duration LATE = Duration.ofMillis(2_500);

    private static final long LATE_NANOS = LATE.toNanos();
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        LATE,
        Duration.ofSeconds(3),
        Duration.ofSeconds(5)
    };
    private static final int LONGEST_KIND = 40;

    private final MeterRegistry registry;
    /** Envelope type, then kind. */
    private final Map<String, Map<String, Envelope>> envelopes = new ConcurrentHashMap<>();

    private final Counter dropped;
    private final Counter lost;
    private final Counter asked;
    private final Counter failedTries;

    SocketMeters(MeterRegistry registry) {
        this.registry = registry;
        this.dropped = Counter.builder("cebot.socket.envelopes.dropped")
                .description("Envelopes that arrived while the bot was stopping, left for Slack to send again")
                .register(registry);
        this.lost = reconnects("lost");
        this.asked = reconnects("asked");
        this.failedTries = Counter.builder("cebot.socket.reconnect.failures")
                .description("Tries at a new Socket Mode socket that failed (each is followed by a longer wait)")
                .register(registry);
    }

    /** The meters of one kind of envelope. */
    final class Envelope {
        private final Counter received;
        private final Timer acks;
        private final Counter late;
        private final Counter unacked;

        private Envelope(String envelope, String kind) {
            received = Counter.builder("cebot.socket.envelopes")
                    .tag("envelope", envelope)
                    .tag("type", kind)
                    .description("Envelopes read from the Socket Mode connection")
                    .register(registry);
            acks = Timer.builder("cebot.socket.acks")
                    .tag("envelope", envelope)
                    .tag("type", kind)
                    .description("Acks sent, by the time from the envelope's arrival to its ack")
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            late = Counter.builder("cebot.socket.acks.late")
                    .tag("envelope", envelope)
                    .tag("type", kind)
                    .description("Acks sent more than 2.5 s after their envelope arrived")
                    .register(registry);
            unacked = Counter.builder("cebot.socket.acks.missed")
                    .tag("envelope", envelope)
                    .tag("type", kind)
                    .description("Envelopes no ack was sent for (no socket open, or the handler failed)")
                    .register(registry);
        }

        void received() {
            received.increment();
        }

        /** @param arrived {@link System#nanoTime()} when the socket's reader got the frame */
        void acked(long arrived) {
            long took = System.nanoTime() - arrived;
            acks.record(took, TimeUnit.NANOSECONDS);
            if (took > LATE_NANOS) {
                late.increment();
            }
        }

        void unacked() {
            unacked.increment();
        }
    }

    /** The meters of this envelope's kind; {@code frame} is an envelope ({@link FrameHeader#isEnvelope()}). */
    Envelope of(FrameHeader frame) {
        String envelope = frame.type();
        String kind = kind(frame);
        Map<String, Envelope> kinds = envelopes.get(envelope);
        if (kinds == null) {
            kinds = envelopes.computeIfAbsent(envelope, e -> new ConcurrentHashMap<>());
        }
        Envelope meters = kinds.get(kind);
        return meters != null ? meters : kinds.computeIfAbsent(kind, k -> new Envelope(envelope, k));
    }

    /**
     * What an envelope carries: an interaction's payload type ({@code view_submission}), an event's
     * type ({@code message}), or {@code command}; {@code other} for anything not in Slack's shape.
     */
    static String kind(FrameHeader frame) {
        String kind = switch (frame.type()) {
            case "interactive" -> frame.payloadType();
            case "events_api" -> frame.eventType();
            case "slash_commands" -> "command";
            default -> null;
        };
        return plain(kind) ? kind : "other";
    }

    /** Lowercase letters and underscores, as Slack names its types; anything else could be anything. */
    private static boolean plain(String kind) {
        if (kind == null || kind.isEmpty() || kind.length() > LONGEST_KIND) {
            return false;
        }
        for (int i = 0; i < kind.length(); i++) {
            char c = kind.charAt(i);
            if ((c < 'a' || c > 'z') && c != '_') {
                return false;
            }
        }
        return true;
    }

    void dropped() {
        dropped.increment();
    }

    /** A new socket said hello in place of one that was lost ({@code asked} false) or that Slack asked to go. */
    void reconnected(boolean askedBySlack) {
        (askedBySlack ? asked : lost).increment();
    }

    void reconnectFailed() {
        failedTries.increment();
    }

    /** 1 while a socket that said hello is open, else 0. */
    void watch(Supervisor supervisor) {
        Gauge.builder("cebot.socket.up", supervisor, s -> s.isUp() ? 1 : 0)
                .description("1 while a Socket Mode socket that said hello is open")
                .register(registry);
    }

    private Counter reconnects(String reason) {
        return Counter.builder("cebot.socket.reconnects")
                .tag("reason", reason)
                .description("New Socket Mode sockets that said hello in place of one lost or one Slack asked to go")
                .register(registry);
    }
}
