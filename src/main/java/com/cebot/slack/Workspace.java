package com.cebot.slack;

/**
 * The team's configured channels resolved against the workspace at start. {@code askProductEng}
 * may be null: nothing posts there yet. {@code teamUrl} is the workspace
 * address from auth.test, for permalinks.
 */
public record Workspace(
        String botUserId,
        String teamUrl,
        String customerSupport,
        String ce,
        String ceInternal,
        String feedback,
        String askProductEng) {}
