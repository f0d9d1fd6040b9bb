package com.cebot.work;

import java.time.Instant;

/**
 * A claimed row of durable work, as its handler sees it.
 *
 * @param person      whose turn the row takes ({@link NewWork#person})
 * @param attempts    earlier attempts that failed (a crash mid-attempt counts)
 * @param uncertain   an earlier attempt may have taken effect without our seeing it (a timeout, a
 *                    crash mid-call): look before doing it again
 * @param afterStatus the status of the row this one waits for ({@link NewWork#afterKey}), null if
 *                    none or missing
 * @param afterResult that row's result, e.g. where the message this one replies to landed
 */
public record WorkItem(
        long id,
        String queue,
        String key,
        String kind,
        String ref,
        String topic,
        String payload,
        String forUser,
        String person,
        String afterKey,
        int attempts,
        boolean uncertain,
        String lastError,
        Instant dueAt,
        Instant createdAt,
        String afterStatus,
        String afterResult) {}
