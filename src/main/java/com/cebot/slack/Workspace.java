package com.cebot.slack;

import java.util.Optional;

/**
 * The configured names resolved against the workspace at start: channel IDs, how to mention the
 * head of support, the SDR user group. {@code feedback} and {@code askProductEng} may be null:
 * nothing posts there yet. {@code teamUrl} is the workspace address from auth.test, for permalinks.
 */
public record Workspace(
        String botUserId,
        String teamUrl,
        String customerSupport,
        String ce,
        String ceInternal,
        String feedback,
        String askProductEng,
        String headOfSupportMention,
        Optional<String> sdrGroupId) {}
