package com.cebot.slack;

/**
 * Message links built from the workspace URL that auth.test reports, so confirming a post costs
 * no extra call to Slack. The format is the one chat.getPermalink returns.
 */
public final class Permalinks {

    private final String teamUrl;

    public Permalinks(String teamUrl) {
        this.teamUrl = teamUrl.endsWith("/") ? teamUrl : teamUrl + "/";
    }

    public String message(String channel, String ts) {
        return teamUrl + "archives/" + channel + "/p" + ts.replace(".", "");
    }

    public String reply(String channel, String ts, String threadTs) {
        return message(channel, ts) + "?thread_ts=" + threadTs + "&cid=" + channel;
    }
}
