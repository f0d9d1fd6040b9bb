package com.cebot.slack;

import com.cebot.config.BotConfig;
import com.cebot.config.ConfigSection;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Usergroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns names from the settings (channels, people, user groups) into the workspace's IDs, for the
 * core and for each feature. Every finding becomes a line of the report, so {@code check} and a
 * failed start tell the admin the same thing. At start it joins the public channels the bot posts
 * in; for {@code check} it changes nothing.
 */
public final class WorkspaceLookup {

    private final MethodsClient methods;
    private final boolean join;
    private final List<String> ok = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Map<String, Conversation> byName;
    private List<Usergroup> groups;

    /** @param join true at start (join public channels); false for {@code check}, which changes nothing */
    public WorkspaceLookup(MethodsClient methods, boolean join) {
        this.methods = methods;
        this.join = join;
    }

    public List<String> ok() {
        return List.copyOf(ok);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Something a feature's settings leave to a default the admin should know about. */
    public void warn(String line) {
        warnings.add(line);
    }

    /** The team's channels; those the bot posts in must let it post. */
    public Workspace workspace(BotConfig.Channels c, String botUserId, String teamUrl) {
        return new Workspace(
                botUserId,
                teamUrl,
                channel("channels.customer_support", c.customerSupport(), true),
                channel("channels.ce", c.ce(), true),
                channel("channels.ce_internal", c.ceInternal(), true),
                channel("channels.feedback", c.feedback(), true),
                channel("channels.ask_product_eng", c.askProductEng(), false));
    }

    /** @param mustPost the bot posts there: a channel it cannot post in is a problem, else a warning */
    public String channel(String key, String configured, boolean mustPost) {
        Conversation found = find(configured);
        if (found == null) {
            String line = key + ": no channel \"" + configured + "\" is visible to the bot. Check the name, or"
                    + " invite the bot if it is private.";
            (mustPost ? problems : warnings).add(line);
            return null;
        }
        String label = key + " → #" + found.getName() + " (" + found.getId() + ")";
        if (!mustPost || found.isMember()) {
            ok.add(label);
        } else if (found.isPrivate()) {
            problems.add(label + ": the bot is not a member of this private channel. Type /invite @CE Bot in it.");
        } else if (!join) {
            ok.add(label + ": the bot will join it at start");
        } else {
            var joined = call(() -> methods.conversationsJoin(r -> r.channel(found.getId())));
            if (joined.isOk()) {
                ok.add(label + ": joined");
            } else {
                problems.add(
                        label + ": the bot cannot join (" + joined.getError() + "). Invite it with /invite @CE Bot.");
            }
        }
        return found.getId();
    }

    /**
     * How to mention a person ({@code U…}) or a user group ({@code S…} or a handle, with or without
     * "@"): {@code <@U…>} or {@code <!subteam^S…>}; empty, with a problem, when there is no such one.
     */
    public Optional<String> mention(String key, String userOrGroup) {
        if (ConfigSection.isUserId(userOrGroup)) {
            var user = call(() -> methods.usersInfo(r -> r.user(userOrGroup)));
            if (!user.isOk()) {
                problems.add(key + ": user " + userOrGroup + " not found (" + user.getError() + ").");
                return Optional.empty();
            }
            ok.add(key + " → " + user.getUser().getName() + " (" + userOrGroup + ")");
            return Optional.of("<@" + userOrGroup + ">");
        }
        Optional<Usergroup> group = group(userOrGroup.startsWith("@") ? userOrGroup.substring(1) : userOrGroup);
        if (group.isEmpty()) {
            problems.add(key + ": no user group \"" + userOrGroup + "\" in this workspace.");
            return Optional.empty();
        }
        ok.add(key + " → @" + group.get().getHandle() + " (" + group.get().getId() + ")");
        return Optional.of("<!subteam^" + group.get().getId() + ">");
    }

    /** A user group's ID; a missing group is a warning, as features can wait for it. */
    public Optional<String> userGroup(String key, String handle, String withoutIt) {
        Optional<Usergroup> group = group(handle);
        if (group.isEmpty()) {
            warnings.add(key + ": no user group @" + handle + " in this workspace; " + withoutIt + ".");
            return Optional.empty();
        }
        ok.add(key + " → @" + handle + " (" + group.get().getId() + ")");
        return Optional.of(group.get().getId());
    }

    private Conversation find(String configured) {
        if (configured.matches("[CG][A-Z0-9]{8,}")) {
            var info = call(() -> methods.conversationsInfo(r -> r.channel(configured)));
            return info.isOk() ? info.getChannel() : null;
        }
        if (byName == null) {
            byName = listChannels();
        }
        return byName.get(configured);
    }

    private Map<String, Conversation> listChannels() {
        Map<String, Conversation> names = new HashMap<>();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse list = call(() -> methods.conversationsList(
                    r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                            .excludeArchived(true)
                            .limit(1000)
                            .cursor(page)));
            if (!list.isOk()) {
                throw new SlackApiErrorException("conversations.list", list.getError());
            }
            list.getChannels().forEach(ch -> names.put(ch.getName(), ch));
            cursor = list.getResponseMetadata() == null
                    ? null
                    : list.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return names;
    }

    private Optional<Usergroup> group(String handleOrId) {
        if (groups == null) {
            UsergroupsListResponse list = call(() -> methods.usergroupsList(r -> r.includeDisabled(false)));
            if (!list.isOk()) {
                warnings.add("User groups cannot be read (" + list.getError() + "): the app needs the"
                        + " usergroups:read scope, on a plan with user groups.");
                groups = List.of();
            } else {
                groups = list.getUsergroups();
            }
        }
        return groups.stream()
                .filter(g -> handleOrId.equals(g.getId()) || handleOrId.equals(g.getHandle()))
                .findFirst();
    }

    /** A Web API call whose failure to answer at all ends the lookup (the caller reports it). */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SlackApiException e) {
            throw new SlackApiErrorException(
                    "Web API", "HTTP " + e.getResponse().code());
        }
    }
}
