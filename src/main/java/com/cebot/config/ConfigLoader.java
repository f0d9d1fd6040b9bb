package com.cebot.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the settings: secrets from the environment, the rest from YAML. Every problem found is
 * collected, so one start tells the admin everything that is wrong instead of one thing per try.
 */
public final class ConfigLoader {

    public static final String DEFAULT_CONFIG_PATH = "config/cebot.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {}

    public static Settings load(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Secrets secrets = secrets(env, problems);
        Path path = Path.of(env.getOrDefault("CEBOT_CONFIG", DEFAULT_CONFIG_PATH));
        BotConfig config = config(path, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Settings(secrets, config, path);
    }

    static Secrets secrets(Map<String, String> env, List<String> problems) {
        String bot = token(env, "SLACK_BOT_TOKEN", "xoxb-", "the Bot User OAuth Token under OAuth & Permissions", problems);
        String app = token(env, "SLACK_APP_TOKEN", "xapp-",
                "an app-level token with the connections:write scope, under Basic Information", problems);
        String apiUrl = env.getOrDefault("SLACK_API_URL", Secrets.DEFAULT_SLACK_API_URL).strip();
        if (!apiUrl.matches("https?://\\S+")) {
            problems.add("SLACK_API_URL must be an http(s) URL such as " + Secrets.DEFAULT_SLACK_API_URL
                    + " (it is \"" + apiUrl + "\").");
        } else if (!apiUrl.endsWith("/")) {
            apiUrl = apiUrl + "/";
        }
        return new Secrets(bot, app, apiUrl, databaseUrl(env, problems));
    }

    /** The store alone, for commands that need no Slack (export). */
    public static String databaseUrl(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String url = databaseUrl(env, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return url;
    }

    private static String databaseUrl(Map<String, String> env, List<String> problems) {
        String dbUrl = env.getOrDefault("CEBOT_DB_URL", Secrets.DEFAULT_DATABASE_URL).strip();
        if (!dbUrl.startsWith("jdbc:sqlite:")) {
            problems.add("CEBOT_DB_URL must be a SQLite JDBC URL such as " + Secrets.DEFAULT_DATABASE_URL
                    + "; other databases are not supported yet.");
        }
        return dbUrl;
    }

    private static String token(Map<String, String> env, String name, String prefix, String where, List<String> problems) {
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

    static BotConfig config(Path path, List<String> problems) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            problems.add("Config file " + path.toAbsolutePath() + " does not exist. Copy config/cebot.yaml"
                    + " from the release or point CEBOT_CONFIG at your file.");
            return null;
        } catch (JacksonException e) {
            problems.add("Config file " + path.toAbsolutePath() + " is not valid YAML: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ").");
            return null;
        } catch (IOException e) {
            problems.add("Config file " + path.toAbsolutePath() + " cannot be read: " + e.getMessage());
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add("Config file " + path.toAbsolutePath() + " is empty or not a mapping of settings.");
            return null;
        }
        return new ConfigReader(root, problems).read();
    }
}
