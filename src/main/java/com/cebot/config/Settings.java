package com.cebot.config;

import java.nio.file.Path;

/** Everything the bot is started with: the environment's secrets and the YAML settings. */
public record Settings(Secrets secrets, BotConfig config, Path configPath) {}
