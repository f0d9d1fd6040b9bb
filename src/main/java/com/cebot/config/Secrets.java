package com.cebot.config;

import com.cebot.db.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Values that come only from the environment. {@link #toString()} never shows a token or the
 * database's credentials, so a record printed by accident cannot leak one.
 */
public record Secrets(String botToken, String appToken, String slackApiUrl, Store store) {

    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:data/cebot.db";

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    @Override
    public String toString() {
        return "Secrets[botToken=***, appToken=***, slackApiUrl=" + slackApiUrl + ", store=" + store + "]";
    }

    /**
     * The secrets alone, for work a start begins before the settings file is read; empty when the
     * environment lacks one or has one malformed, which {@link ConfigLoader#load} then reports with
     * the settings' problems.
     */
    public static Optional<Secrets> fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Secrets secrets = read(env, problems);
        return problems.isEmpty() ? Optional.of(secrets) : Optional.empty();
    }

    static Secrets read(Map<String, String> env, List<String> problems) {
        String bot =
                token(env, "SLACK_BOT_TOKEN", "xoxb-", "the Bot User OAuth Token under OAuth & Permissions", problems);
        String app = token(
                env,
                "SLACK_APP_TOKEN",
                "xapp-",
                "an app-level token with the connections:write scope, under Basic Information",
                problems);
        return new Secrets(bot, app, apiUrl(env, problems), store(env, problems));
    }

    /**
     * The Web API's base URL. Tokens travel with every call, so anything but loopback (a test server
     * on this machine) must be https.
     */
    private static String apiUrl(Map<String, String> env, List<String> problems) {
        String url = env.getOrDefault("SLACK_API_URL", DEFAULT_SLACK_API_URL).strip();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add("SLACK_API_URL is not a URL (" + e.getReason() + "); use one such as " + DEFAULT_SLACK_API_URL
                    + ".");
            return url;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add("SLACK_API_URL must be an https URL such as " + DEFAULT_SLACK_API_URL + " (it is \"" + url
                    + "\").");
        } else if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            problems.add("SLACK_API_URL must use https: tokens are sent with every call (http is allowed only for"
                    + " a server on this machine, such as http://127.0.0.1:8080/api/).");
        }
        return url.endsWith("/") ? url : url + "/";
    }

    /** The store alone, for commands that need no Slack (export, status, retry-failed, forget, backup). */
    public static Store store(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Store store = store(env, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return store;
    }

    private static Store store(Map<String, String> env, List<String> problems) {
        Store store = Store.fromEnvironment(env, DEFAULT_DATABASE_URL);
        String url = store.url();
        if (store.isPostgresql()) {
            if (org.postgresql.Driver.parseURL(url, new java.util.Properties()) == null) {
                // Never echo it: the URL may carry a password.
                problems.add("CEBOT_DB_URL cannot be read as a PostgreSQL URL; use one such as"
                        + " jdbc:postgresql://db.example.com:5432/cebot.");
            }
        } else if (!url.startsWith("jdbc:sqlite:")) {
            problems.add("CEBOT_DB_URL must be a SQLite JDBC URL such as " + DEFAULT_DATABASE_URL
                    + ", or a PostgreSQL one such as jdbc:postgresql://db.example.com:5432/cebot.");
        } else if (url.contains(":memory:") || url.contains("mode=memory") || url.equals("jdbc:sqlite:")) {
            problems.add("CEBOT_DB_URL must name a database file such as " + DEFAULT_DATABASE_URL + ": an in-memory"
                    + " database would lose everything at a restart (and each pooled connection would get its own).");
        }
        return store;
    }

    private static String token(
            Map<String, String> env, String name, String prefix, String where, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is not set. Export it with " + where + " (it starts with " + prefix + ").");
            return null;
        }
        value = value.strip();
        if (!value.startsWith(prefix)) {
            // Never echo the value: a token pasted into the wrong variable is still a secret.
            problems.add(name + " does not look right: it must start with " + prefix + " (" + where + ").");
        }
        return value;
    }
}
