package com.cebot.slackfake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Supplier;

/** Identity methods that Bolt and the SDK call on their own (SLACK.md §2.5). */
final class AuthMethods {

    static final String WORKSPACE_URL = "https://fake.slack.com/";

    private final Directory directory;
    private final Supplier<String> socketModeUrl;

    AuthMethods(Directory directory, Supplier<String> socketModeUrl) {
        this.directory = directory;
        this.socketModeUrl = socketModeUrl;
    }

    void register(Map<String, Handler> handlers) {
        handlers.put("auth.test", this::authTest);
        handlers.put("apps.connections.open", r -> Json.object().put("url", socketModeUrl.get()));
        handlers.put("bots.info", this::botsInfo);
    }

    private ObjectNode authTest(ApiRequest request) {
        ObjectNode body = Json.object()
                .put("url", WORKSPACE_URL)
                .put("team", "Fake Workspace")
                .put("team_id", SlackFake.TEAM_ID);
        if (SlackFake.APP_TOKEN.equals(request.token())) {
            return body.put("app_id", SlackFake.APP_ID).put("app_name", "CE Bot");
        }
        return body.put("user", "cebot")
                .put("user_id", SlackFake.BOT_USER_ID)
                .put("bot_id", SlackFake.BOT_ID)
                .put("is_enterprise_install", false);
    }

    private ObjectNode botsInfo(ApiRequest request) {
        Directory.Bot bot = directory
                .bot(request.required("bot", "bot_not_found"))
                .orElseThrow(() -> new SlackError("bot_not_found"));
        ObjectNode json = Json.object();
        json.putObject("bot")
                .put("id", bot.id())
                .put("deleted", false)
                .put("name", bot.name())
                .put("updated", 1_700_000_000)
                .put("app_id", SlackFake.APP_ID)
                .put("user_id", bot.userId());
        return json;
    }
}
