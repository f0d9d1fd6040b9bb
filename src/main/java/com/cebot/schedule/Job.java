package com.cebot.schedule;

import java.time.Instant;

/**
 * A job as its handler sees it. {@code attempts} counts earlier failed runs, so a handler can tell
 * a first run from a retry.
 */
public record Job(long id, String key, String kind, String ref, Instant dueAt, int attempts) {}
