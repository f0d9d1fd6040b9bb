package com.cebot.config;

/**
 * Values that come only from the environment. {@link #toString()} never shows a token, so a
 * record printed by accident cannot leak one.
 */
public record Secrets(String botToken, String appToken, String slackApiUrl, String databaseUrl) {

    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:data/cebot.db";

    @Override
    public String toString() {
        return "Secrets[botToken=***, appToken=***, slackApiUrl=" + slackApiUrl
                + ", databaseUrl=" + databaseUrl + "]";
    }
}
