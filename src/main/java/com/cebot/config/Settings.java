package com.cebot.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the bot is started with: the environment's secrets and the YAML settings.
 *
 * @param features what each of the file's other readers (the features) made of its part, in the
 *                 order they were given to {@link ConfigLoader#load}
 */
public record Settings<F>(Secrets secrets, BotConfig config, Path configPath, List<F> features) {

    public Settings {
        features = List.copyOf(features);
    }
}
