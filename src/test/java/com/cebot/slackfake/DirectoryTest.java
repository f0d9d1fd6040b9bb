package com.cebot.slackfake;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.MutableClock;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.model.User;
import com.slack.api.model.Usergroup;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users, user groups, channels and bots as the SDK reads and changes them. */
final class DirectoryTest {

    /** A summer date, so Berlin is on daylight saving time. */
    private static final Instant JULY = Instant.parse("2026-07-01T09:00:00Z");

    private SlackFake fake;
    private Slack slack;
    private MethodsClient bot;

    @BeforeEach
    void start() {
        fake = SlackFake.start(new MutableClock(JULY));
        fake.addUser("UALICE", "alice", "Europe/Berlin");
        fake.addUser("UBOB", "bob", "America/New_York");
        fake.addUserGroup("S1", "ce-sdr-collab", List.of("UALICE"));
        fake.addChannel("C1", "ce", true);
        fake.addChannel("C2", "support", false);
        fake.addChannel("C3", "random", false);
        slack = fake.strictSlack();
        bot = slack.methods(SlackFake.BOT_TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void usersInfo_givesTheTimeZoneWithItsCurrentOffsetAndTheStatus() throws Exception {
        fake.setStatus("UALICE", "Out of office", ":palm_tree:");

        User alice = bot.usersInfo(r -> r.user("UALICE")).getUser();

        assertThat(alice.getTz()).isEqualTo("Europe/Berlin");
        assertThat(alice.getTzOffset()).isEqualTo(7200);
        assertThat(alice.getTzLabel()).isEqualTo("Central European Summer Time");
        assertThat(alice.getRealName()).isEqualTo("alice");
        assertThat(alice.getProfile().getStatusText()).isEqualTo("Out of office");
        assertThat(alice.getProfile().getStatusEmoji()).isEqualTo(":palm_tree:");
    }

    @Test
    void usersInfo_ofAnUnknownUser_isUserNotFound() throws Exception {
        assertThat(bot.usersInfo(r -> r.user("UNOBODY")).getError()).isEqualTo("user_not_found");
    }

    @Test
    void usersProfileGet_givesTheStatus() throws Exception {
        fake.setStatus("UBOB", "Travelling", ":airplane:");

        assertThat(bot.usersProfileGet(r -> r.user("UBOB")).getProfile().getStatusEmoji())
                .isEqualTo(":airplane:");
    }

    @Test
    void usergroupsList_includesMembersOnlyWhenAskedFor() throws Exception {
        Usergroup withUsers =
                bot.usergroupsList(r -> r.includeUsers(true)).getUsergroups().get(0);
        Usergroup withoutUsers = bot.usergroupsList(r -> r).getUsergroups().get(0);

        assertThat(withUsers.getHandle()).isEqualTo("ce-sdr-collab");
        assertThat(withUsers.getUsers()).containsExactly("UALICE");
        assertThat(withoutUsers.getUsers()).isNull();
    }

    @Test
    void usergroupsUsersUpdate_replacesTheWholeMemberList() throws Exception {
        assertThat(bot.usergroupsUsersUpdate(r -> r.usergroup("S1").users(List.of("UBOB")))
                        .isOk())
                .isTrue();

        assertThat(bot.usergroupsUsersList(r -> r.usergroup("S1")).getUsers()).containsExactly("UBOB");
        assertThat(fake.userGroupMembers("S1")).containsExactly("UBOB");
    }

    @Test
    void usergroupsUsersUpdate_cannotEmptyAGroup_orAddUnknownUsers() throws Exception {
        assertThat(bot.usergroupsUsersUpdate(r -> r.usergroup("S1").users(List.of()))
                        .getError())
                .isEqualTo("no_users_provided");
        assertThat(bot.usergroupsUsersUpdate(r -> r.usergroup("S1").users(List.of("UNOBODY")))
                        .getError())
                .isEqualTo("invalid_users");
        assertThat(bot.usergroupsUsersUpdate(r -> r.usergroup("S404").users(List.of("UBOB")))
                        .getError())
                .isEqualTo("no_such_subteam");
        assertThat(fake.userGroupMembers("S1")).containsExactly("UALICE");
    }

    @Test
    void conversationsList_pagesWithACursor() throws Exception {
        ConversationsListResponse first = bot.conversationsList(
                r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL)).limit(2));
        String cursor = first.getResponseMetadata().getNextCursor();
        ConversationsListResponse second = bot.conversationsList(r -> r.limit(2).cursor(cursor));

        assertThat(first.getChannels()).extracting(c -> c.getName()).containsExactly("ce", "support");
        assertThat(second.getChannels()).extracting(c -> c.getName()).containsExactly("random");
        assertThat(second.getResponseMetadata().getNextCursor()).isEmpty();
    }

    @Test
    void conversationsInfo_tellsWhetherTheBotIsAMember() throws Exception {
        assertThat(bot.conversationsInfo(r -> r.channel("C1")).getChannel().isMember())
                .isTrue();
        assertThat(bot.conversationsInfo(r -> r.channel("C2")).getChannel().isMember())
                .isFalse();
        assertThat(bot.conversationsInfo(r -> r.channel("C404")).getError()).isEqualTo("channel_not_found");
    }

    @Test
    void conversationsJoin_letsTheBotPostThere() throws Exception {
        assertThat(bot.chatPostMessage(r -> r.channel("C2").text("hi")).getError())
                .isEqualTo("not_in_channel");

        assertThat(bot.conversationsJoin(r -> r.channel("C2")).isOk()).isTrue();

        assertThat(fake.botIsMember("C2")).isTrue();
        assertThat(bot.chatPostMessage(r -> r.channel("C2").text("hi")).isOk()).isTrue();
    }

    @Test
    void botsInfo_resolvesABotToItsUser() throws Exception {
        fake.addBot("BZENDESK", "UZENDESK", "Zendesk");

        assertThat(bot.botsInfo(r -> r.bot(SlackFake.BOT_ID)).getBot().getUserId())
                .isEqualTo(SlackFake.BOT_USER_ID);
        assertThat(bot.botsInfo(r -> r.bot("BZENDESK")).getBot().getUserId()).isEqualTo("UZENDESK");
        assertThat(bot.botsInfo(r -> r.bot("B404")).getError()).isEqualTo("bot_not_found");
    }
}
