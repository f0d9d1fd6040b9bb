package com.cebot.slackfake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/** Users, their profiles and user groups. */
final class UserMethods {

    private final Directory directory;
    private final Clock clock;

    UserMethods(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    void register(Map<String, Handler> handlers) {
        handlers.put("users.info", this::info);
        handlers.put("users.profile.get", this::profile);
        handlers.put("usergroups.list", this::listGroups);
        handlers.put("usergroups.users.list", this::groupMembers);
        handlers.put("usergroups.users.update", this::updateGroupMembers);
    }

    private ObjectNode info(ApiRequest request) {
        Directory.User user = user(request);
        ZoneId zone = ZoneId.of(user.tz());
        Instant now = clock.instant();
        boolean summer = zone.getRules().isDaylightSavings(now);
        ObjectNode json = Json.object()
                .put("id", user.id())
                .put("team_id", SlackFake.TEAM_ID)
                .put("name", user.name())
                .put("deleted", false)
                .put("real_name", user.name())
                .put("tz", user.tz())
                .put("tz_label", TimeZone.getTimeZone(zone).getDisplayName(summer, TimeZone.LONG, Locale.US))
                .put("tz_offset", zone.getRules().getOffset(now).getTotalSeconds())
                .put("is_bot", user.isBot())
                .put("is_app_user", false)
                .put("updated", 1_700_000_000);
        json.set("profile", profileJson(user));
        ObjectNode body = Json.object();
        body.set("user", json);
        return body;
    }

    private ObjectNode profile(ApiRequest request) {
        ObjectNode body = Json.object();
        body.set("profile", profileJson(user(request)));
        return body;
    }

    private ObjectNode listGroups(ApiRequest request) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("usergroups");
        directory.userGroups().forEach(g -> array.add(groupJson(g, request.flag("include_users"))));
        return body;
    }

    private ObjectNode groupMembers(ApiRequest request) {
        ObjectNode body = Json.object();
        ArrayNode users = body.putArray("users");
        group(request).userIds().forEach(users::add);
        return body;
    }

    /** The new list replaces the old one entirely; Slack refuses to empty a group this way. */
    private ObjectNode updateGroupMembers(ApiRequest request) {
        Directory.UserGroup group = group(request);
        String users = request.param("users");
        if (users == null || users.isBlank()) {
            throw new SlackError("no_users_provided");
        }
        List<String> ids = Arrays.stream(users.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        if (ids.stream().anyMatch(id -> directory.user(id).isEmpty())) {
            throw new SlackError("invalid_users");
        }
        directory.setMembers(group.id(), ids);
        ObjectNode body = Json.object();
        body.set("usergroup", groupJson(directory.userGroup(group.id()).orElseThrow(), true));
        return body;
    }

    private Directory.User user(ApiRequest request) {
        return directory
                .user(request.required("user", "user_not_found"))
                .orElseThrow(() -> new SlackError("user_not_found"));
    }

    private Directory.UserGroup group(ApiRequest request) {
        return directory
                .userGroup(request.required("usergroup", "no_such_subteam"))
                .orElseThrow(() -> new SlackError("no_such_subteam"));
    }

    private static ObjectNode profileJson(Directory.User user) {
        return Json.object()
                .put("real_name", user.name())
                .put("display_name", user.name())
                .put("status_text", user.status().text())
                .put("status_emoji", user.status().emoji())
                .put("status_expiration", user.status().expiration())
                .put("team", SlackFake.TEAM_ID);
    }

    private static ObjectNode groupJson(Directory.UserGroup group, boolean withUsers) {
        ObjectNode json = Json.object()
                .put("id", group.id())
                .put("team_id", SlackFake.TEAM_ID)
                .put("is_usergroup", true)
                .put("is_subteam", true)
                .put("name", group.handle())
                .put("description", "")
                .put("handle", group.handle())
                .put("is_external", false)
                .put("date_create", 1_700_000_000)
                .put("date_update", 1_700_000_000)
                .put("date_delete", 0)
                .put("user_count", group.userIds().size());
        if (withUsers) {
            ArrayNode users = json.putArray("users");
            group.userIds().forEach(users::add);
        }
        return json;
    }
}
