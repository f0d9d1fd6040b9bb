package com.cebot.slack;

import com.cebot.config.BotConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Usergroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the configured channel names and user groups into IDs, and joins the public channels the
 * bot must post in. Every finding becomes a line of the report, so {@code check} and a failed
 * start tell the admin the same thing.
 */
public final class WorkspaceSetup {

    /** What was found. {@code workspace} is present only when there is no problem. */
    public record Report(Optional<Workspace> workspace, List<String> ok, List<String> problems, List<String> warnings) {}

    private final MethodsClient methods;
    private final BotConfig config;
    private final List<String> ok = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Map<String, Conversation> byName;
    private List<Usergroup> groups;

    public WorkspaceSetup(MethodsClient methods, BotConfig config) {
        this.methods = methods;
        this.config = config;
    }

    /** @param join true at start (join public channels); false for {@code check}, which changes nothing. */
    public Report resolve(String botUserId, String teamUrl, boolean join) throws IOException, SlackApiException {
        BotConfig.Channels c = config.channels();
        String customerSupport = channel("channels.customer_support", c.customerSupport(), true, join);
        String ce = channel("channels.ce", c.ce(), true, join);
        String ceInternal = channel("channels.ce_internal", c.ceInternal(), true, join);
        String feedback = channel("channels.feedback", c.feedback(), false, false);
        String askProductEng = channel("channels.ask_product_eng", c.askProductEng(), false, false);
        String head = headOfSupport();
        Optional<String> sdrGroup = sdrGroup();
        Optional<Workspace> workspace = problems.isEmpty()
                ? Optional.of(new Workspace(botUserId, teamUrl, customerSupport, ce, ceInternal, feedback, askProductEng, head, sdrGroup))
                : Optional.empty();
        return new Report(workspace, List.copyOf(ok), List.copyOf(problems), List.copyOf(warnings));
    }

    private String channel(String key, String configured, boolean mustPost, boolean join)
            throws IOException, SlackApiException {
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
            var joined = methods.conversationsJoin(r -> r.channel(found.getId()));
            if (joined.isOk()) {
                ok.add(label + ": joined");
            } else {
                problems.add(label + ": the bot cannot join (" + joined.getError() + "). Invite it with /invite @CE Bot.");
            }
        }
        return found.getId();
    }

    private Conversation find(String configured) throws IOException, SlackApiException {
        if (configured.matches("[CG][A-Z0-9]{8,}")) {
            var info = methods.conversationsInfo(r -> r.channel(configured));
            return info.isOk() ? info.getChannel() : null;
        }
        if (byName == null) {
            byName = listChannels();
        }
        return byName.get(configured);
    }

    private Map<String, Conversation> listChannels() throws IOException, SlackApiException {
        Map<String, Conversation> names = new HashMap<>();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse list = methods.conversationsList(r -> r
                    .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                    .excludeArchived(true).limit(1000).cursor(page));
            if (!list.isOk()) {
                throw new SlackApiErrorException("conversations.list", list.getError());
            }
            list.getChannels().forEach(ch -> names.put(ch.getName(), ch));
            cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return names;
    }

    private String headOfSupport() throws IOException, SlackApiException {
        String head = config.support().headOfSupport();
        if (head.matches("[UW][A-Z0-9]{2,}")) {
            var user = methods.usersInfo(r -> r.user(head));
            if (!user.isOk()) {
                problems.add("support.head_of_support: user " + head + " not found (" + user.getError() + ").");
                return null;
            }
            ok.add("support.head_of_support → " + user.getUser().getName() + " (" + head + ")");
            return "<@" + head + ">";
        }
        Optional<Usergroup> group = group(head.startsWith("@") ? head.substring(1) : head);
        if (group.isEmpty()) {
            problems.add("support.head_of_support: no user group \"" + head + "\" in this workspace.");
            return null;
        }
        ok.add("support.head_of_support → @" + group.get().getHandle() + " (" + group.get().getId() + ")");
        return "<!subteam^" + group.get().getId() + ">";
    }

    private Optional<String> sdrGroup() throws IOException, SlackApiException {
        String handle = config.sdrCollab().userGroup();
        Optional<Usergroup> group = group(handle);
        if (group.isEmpty()) {
            warnings.add("sdr_collab.user_group: no user group @" + handle + " in this workspace; SDR routing waits for it.");
            return Optional.empty();
        }
        ok.add("sdr_collab.user_group → @" + handle + " (" + group.get().getId() + ")");
        return Optional.of(group.get().getId());
    }

    private Optional<Usergroup> group(String handleOrId) throws IOException, SlackApiException {
        if (groups == null) {
            UsergroupsListResponse list = methods.usergroupsList(r -> r.includeDisabled(false));
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
}
