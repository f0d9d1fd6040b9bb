package com.cebot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import java.net.URI;
import java.time.Duration;

/**
 * Builds the one {@link Slack} instance the app uses, pointed at the configured Web API URL, on an
 * HTTP client that never sends a write twice by itself ({@link ResendPolicy}).
 */
public final class SlackClients {

    private SlackClients() {}

    public static Slack create(String apiUrl, Duration readTimeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        config.setHttpClientReadTimeoutMillis((int) readTimeout.toMillis());
        config.setHttpClientWriteTimeoutMillis((int) readTimeout.toMillis());
        // Team-id caching makes extra auth.test calls with every token; one workspace needs none.
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        String host = URI.create(apiUrl).getHost();
        if ("127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host)) {
            // SlackConfig picks up HTTP(S)_PROXY with no NO_PROXY logic; loopback must stay local.
            config.setProxyUrl(null);
        }
        // The SDK's own client (timeouts, proxy, user agent, no redirects), with what it sends again
        // decided by the bot.
        SlackHttpClient http = new SlackHttpClient(ResendPolicy.applyTo(SlackHttpClient.buildOkHttpClient(config)));
        return Slack.getInstance(config, http);
    }
}
