package com.cebot.outbox;

import com.cebot.schedule.Worker;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store first, post later. Features enqueue Slack writes in the same transaction as the change
 * that causes them; one dispatcher thread delivers them, retrying with backoff and Retry-After,
 * across restarts, and never posting a key twice.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final SlackWriter writer;
    private final Clock clock;
    private final Timing timing;
    private final Map<String, DeliveryHook> hooks = new ConcurrentHashMap<>();
    /** A 429 on one method holds every write of that method, not just the row that met it. */
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Worker worker;

    /** How long to wait between attempts and how often to look for due rows. */
    public record Timing(Duration firstRetry, Duration maxRetry, Duration poll) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(1));
    }

    public Outbox(Jdbi jdbi, MethodsClient methods, Clock clock, Timing timing) {
        this.jdbi = jdbi;
        this.writer = new SlackWriter(methods);
        this.clock = clock;
        this.timing = timing;
        this.worker = new Worker("outbox", timing.poll(), this::deliverDue);
    }

    public void register(String topic, DeliveryHook hook) {
        if (hooks.putIfAbsent(topic, hook) != null) {
            throw new IllegalStateException("Two hooks for outbox topic " + topic);
        }
    }

    /** Adds a write to the caller's transaction; a key already enqueued is left as it is. */
    public void enqueue(Handle handle, OutboxMessage message) {
        handle.attach(OutboxRepository.class).insert(message.key(), message.anchorKey(),
                WriteCodec.method(message.write()), WriteCodec.args(message.write()),
                message.topic(), message.ref(), clock.instant());
        if (handle.isInTransaction()) {
            handle.afterCommit(this::wake);
        } else {
            wake();
        }
    }

    public Optional<String> status(String key) {
        return jdbi.withExtension(OutboxRepository.class, r -> r.status(key));
    }

    public void start() {
        worker.start();
    }

    /** Asks the dispatcher to look for due rows now rather than at the next poll. */
    public void wake() {
        worker.wake();
    }

    /** One pass over due rows. @return how many rows were attempted. */
    int deliverDue() {
        failOrphans();
        Instant now = clock.instant();
        List<OutboxRow> due = jdbi.withExtension(OutboxRepository.class, r -> r.due(now, BATCH));
        int attempted = 0;
        for (OutboxRow row : due) {
            Instant paused = pausedUntil.get(row.method());
            if (paused != null && paused.isAfter(clock.instant())) {
                continue;
            }
            deliver(row);
            attempted++;
        }
        return attempted;
    }

    private void deliver(OutboxRow row) {
        SlackWrite write = WriteCodec.read(row.method(), row.args());
        if (row.maybeSent()) {
            Optional<String> landed;
            try {
                landed = writer.findPosted(row.messageKey(), write, row.anchorChannel(), row.anchorTs(), row.createdAt());
            } catch (Exception e) {
                // Cannot tell: posting again risks a duplicate, waiting risks nothing but time.
                log.warn("outbox {}: cannot check whether an earlier attempt landed ({}); will look again",
                        row.messageKey(), e.toString());
                finish(row, new Attempt.RetryLater(null, "lookup: " + e.getMessage(), true));
                return;
            }
            if (landed.isPresent()) {
                log.info("outbox {} had landed before an unanswered attempt; not posting again", row.messageKey());
                finish(row, new Attempt.Sent(targetChannel(row, write), landed.get()));
                return;
            }
        }
        jdbi.useExtension(OutboxRepository.class, r -> r.markAttempt(row.id(), true));
        long callStart = System.nanoTime();
        Attempt attempt = writer.send(row.messageKey(), write, row.anchorChannel(), row.anchorTs());
        long millis = (System.nanoTime() - callStart) / 1_000_000;
        if (attempt instanceof Attempt.Sent) {
            log.info("outbox {} {} delivered in {} ms (attempt {})", row.method(), row.messageKey(), millis, row.attempts() + 1);
        } else {
            log.warn("outbox {} {} attempt {}: {}", row.method(), row.messageKey(), row.attempts() + 1, attempt);
        }
        finish(row, attempt);
    }

    private void finish(OutboxRow row, Attempt attempt) {
        if (attempt instanceof Attempt.Sent sent) {
            jdbi.useTransaction(h -> {
                if (h.attach(OutboxRepository.class).markDelivered(row.id(), sent.channel(), sent.ts(), clock.instant()) == 1) {
                    hook(row).ifPresent(hook -> hook.delivered(h, row.ref(), new DeliveryHook.Delivered(sent.channel(), sent.ts())));
                }
            });
        } else if (attempt instanceof Attempt.RetryLater retry) {
            Duration wait = retry.after() != null ? retry.after() : backoff(row.attempts() + 1);
            Instant next = clock.instant().plus(wait);
            if (retry.after() != null) {
                pausedUntil.put(row.method(), next);
            }
            jdbi.useExtension(OutboxRepository.class, r -> r.markRetry(row.id(), next, retry.error(), retry.maybeSent()));
        } else if (attempt instanceof Attempt.Failed failed) {
            log.error("outbox {} {} refused by Slack for good: {}", row.method(), row.messageKey(), failed.error());
            jdbi.useTransaction(h -> {
                h.attach(OutboxRepository.class).markFailed(row.id(), failed.error());
                hook(row).ifPresent(hook -> hook.failed(h, row.ref(), failed.error()));
            });
        }
    }

    private void failOrphans() {
        for (OutboxRow orphan : jdbi.withExtension(OutboxRepository.class, OutboxRepository::orphans)) {
            finish(orphan, new Attempt.Failed("anchor " + orphan.anchorKey() + " was never posted"));
        }
    }

    private Optional<DeliveryHook> hook(OutboxRow row) {
        return row.topic() == null ? Optional.empty() : Optional.ofNullable(hooks.get(row.topic()));
    }

    private static String targetChannel(OutboxRow row, SlackWrite write) {
        return write instanceof SlackWrite.Post p ? p.channel() : row.anchorChannel();
    }

    /** Exponential with jitter, so a fleet of retries does not hit Slack in step. */
    Duration backoff(int attempts) {
        long base = timing.firstRetry().toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(base, timing.maxRetry().toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return Duration.ofMillis(capped + jitter);
    }

    @Override
    public void close() {
        worker.close();
    }
}
