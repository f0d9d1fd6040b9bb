package com.cebot.feature;

import com.cebot.config.BotConfig;
import com.cebot.config.ConfigSection;
import com.cebot.config.Configurable;
import com.cebot.slack.WorkspaceLookup;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.util.List;

/**
 * A feature with the settings it read, as the steps after {@link Feature#configure} take it: each
 * step that completes the settings gives a new one. Immutable.
 */
public record Configured<S>(Feature<S> feature, S settings) {

    /** How the settings loader reads a feature's part of the file. */
    public static Configurable<Configured<?>> reading(Feature<?> feature) {
        return root -> read(feature, root);
    }

    private static <S> Configured<S> read(Feature<S> feature, ConfigSection root) {
        return new Configured<>(feature, feature.configure(root));
    }

    public Configured<S> check(WorkspaceLookup lookup) {
        return new Configured<>(feature, feature.check(settings, lookup));
    }

    public List<String> preview(BotConfig team, MethodsClient slack, Clock clock) {
        return feature.preview(settings, team, slack, clock);
    }

    public void start(Engine engine) {
        feature.start(settings, engine);
    }
}
