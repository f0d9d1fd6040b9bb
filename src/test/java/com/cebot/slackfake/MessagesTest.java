package com.cebot.slackfake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.cebot.testing.MutableClock;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posting, editing, reading back and reacting to messages through the real SDK. */
final class MessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private MutableClock clock;
    private SlackFake fake;
    private Slack slack;
    private MethodsClient bot;

    @BeforeEach
    void start() {
        clock = new MutableClock(NOW);
        fake = SlackFake.start(clock);
        fake.addChannel("C1", "ce", true);
        fake.addChannel("C2", "support", false);
        fake.addUser("UALICE", "alice", "Europe/Berlin");
        slack = fake.strictSlack();
        bot = slack.methods(SlackFake.BOT_TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void postMessage_storesItWithUniqueIncreasingTs() throws Exception {
        ChatPostMessageResponse first = bot.chatPostMessage(r -> r.channel("C1").text("one"));
        ChatPostMessageResponse second =
                bot.chatPostMessage(r -> r.channel("C1").text("two"));

        assertThat(first.getTs()).isEqualTo("1795428000.000000");
        assertThat(second.getTs()).isEqualTo("1795428000.000001");
        assertThat(second.getChannel()).isEqualTo("C1");
        assertThat(second.getMessage().getText()).isEqualTo("two");
        assertThat(fake.messages("C1"))
                .extracting(Message::text, Message::fromBot)
                .containsExactly(tuple("one", true), tuple("two", true));
    }

    @Test
    void postMessage_whereTheBotIsNotAMember_isNotInChannel() throws Exception {
        assertThat(bot.chatPostMessage(r -> r.channel("C2").text("hi")).getError())
                .isEqualTo("not_in_channel");
    }

    @Test
    void postMessage_toAnUnknownChannel_isChannelNotFound() throws Exception {
        assertThat(bot.chatPostMessage(r -> r.channel("C404").text("hi")).getError())
                .isEqualTo("channel_not_found");
    }

    @Test
    void postMessage_toAUserId_landsInTheirDm() throws Exception {
        ChatPostMessageResponse response =
                bot.chatPostMessage(r -> r.channel("UALICE").text("psst"));

        assertThat(response.getChannel()).isEqualTo("DALICE");
        assertThat(fake.messages("UALICE")).extracting(Message::text).containsExactly("psst");
    }

    @Test
    void postMessage_keepsThreadTsBlocksAndMetadata() throws Exception {
        String parent = bot.chatPostMessage(r -> r.channel("C1").text("parent")).getTs();
        var metadata = com.slack.api.model.Message.Metadata.builder()
                .eventType("ticket_context")
                .eventPayload(Map.of("ticket", "1234"))
                .build();

        String reply = bot.chatPostMessage(r -> r.channel("C1")
                        .threadTs(parent)
                        .text("reply")
                        .blocksAsString("[{\"type\":\"divider\"}]")
                        .metadata(metadata))
                .getTs();

        Message stored = fake.message("C1", reply).orElseThrow();
        assertThat(stored.threadTs()).isEqualTo(parent);
        assertThat(stored.isReply()).isTrue();
        assertThat(stored.blocks().get(0).get("type").asText()).isEqualTo("divider");
        assertThat(stored.metadata().get("event_payload").get("ticket").asText())
                .isEqualTo("1234");
    }

    @Test
    void postMessage_withFiftyOneBlocks_isInvalidBlocksNamingTheLimit() throws Exception {
        String blocks = "[" + String.join(",", Collections.nCopies(51, "{\"type\":\"divider\"}")) + "]";

        ChatPostMessageResponse response =
                bot.chatPostMessage(r -> r.channel("C1").text("x").blocksAsString(blocks));

        assertThat(response.getError()).isEqualTo("invalid_blocks");
        assertThat(response.getResponseMetadata().getMessages())
                .containsExactly("[ERROR] no more than 50 items allowed [json-pointer:/blocks]");
        assertThat(fake.messages("C1")).isEmpty();
    }

    @Test
    void postMessageAndUpdate_withMoreThan12000CharactersOfBlockText_areMsgBlocksTooLong() throws Exception {
        String section = "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "x".repeat(3000) + "\"}}";
        String tooLong = "[" + String.join(",", Collections.nCopies(4, section))
                + ",{\"type\":\"context\",\"elements\":[{\"type\":\"plain_text\",\"text\":\"y\"}]}]";
        String ts = bot.chatPostMessage(r -> r.channel("C1").text("x")).getTs();

        ChatPostMessageResponse posted =
                bot.chatPostMessage(r -> r.channel("C1").text("x").blocksAsString(tooLong));
        ChatUpdateResponse updated =
                bot.chatUpdate(r -> r.channel("C1").ts(ts).text("x").blocksAsString(tooLong));

        assertThat(posted.getError()).isEqualTo("msg_blocks_too_long");
        assertThat(updated.getError()).isEqualTo("msg_blocks_too_long");
        assertThat(fake.messages("C1"))
                .singleElement()
                .satisfies(m -> assertThat(m.blocks()).isNull());
    }

    @Test
    void postMessage_withoutTextOrBlocks_isNoText() throws Exception {
        assertThat(bot.chatPostMessage(r -> r.channel("C1")).getError()).isEqualTo("no_text");
    }

    @Test
    void update_replacesTheTextAndKeepsWhatItLeavesOut() throws Exception {
        String ts = bot.chatPostMessage(r -> r.channel("C1").text("old").blocksAsString("[{\"type\":\"divider\"}]"))
                .getTs();

        ChatUpdateResponse response = bot.chatUpdate(r -> r.channel("C1").ts(ts).text("new"));

        assertThat(response.isOk()).isTrue();
        Message stored = fake.message("C1", ts).orElseThrow();
        assertThat(stored.text()).isEqualTo("new");
        assertThat(stored.blocks()).hasSize(1);
    }

    @Test
    void update_ofAnUnknownTs_isMessageNotFound() throws Exception {
        assertThat(bot.chatUpdate(r -> r.channel("C1").ts("1.000001").text("x")).getError())
                .isEqualTo("message_not_found");
    }

    @Test
    void update_ofSomeoneElsesMessage_isCantUpdateMessage() throws Exception {
        String ts = fake.addMessage("C1", "UALICE", "mine", null);

        assertThat(bot.chatUpdate(r -> r.channel("C1").ts(ts).text("x")).getError())
                .isEqualTo("cant_update_message");
    }

    @Test
    void update_withTextOver4000Characters_isMsgTooLong() throws Exception {
        String ts = bot.chatPostMessage(r -> r.channel("C1").text("short")).getTs();

        assertThat(bot.chatUpdate(r -> r.channel("C1").ts(ts).text("x".repeat(4001)))
                        .getError())
                .isEqualTo("msg_too_long");
    }

    @Test
    void postEphemeral_isAnsweredButNotKeptInHistory() throws Exception {
        assertThat(bot.chatPostEphemeral(r -> r.channel("C1").user("UALICE").text("only you"))
                        .isOk())
                .isTrue();

        assertThat(fake.messages("C1")).isEmpty();
        assertThat(fake.calls("chat.postEphemeral"))
                .singleElement()
                .satisfies(call -> assertThat(call.param("user")).isEqualTo("UALICE"));
    }

    @Test
    void getPermalink_pointsAtTheMessageAndItsThread() throws Exception {
        String parent = bot.chatPostMessage(r -> r.channel("C1").text("parent")).getTs();
        String reply = bot.chatPostMessage(r -> r.channel("C1").threadTs(parent).text("reply"))
                .getTs();

        assertThat(bot.chatGetPermalink(r -> r.channel("C1").messageTs(parent)).getPermalink())
                .isEqualTo("https://fake.slack.com/archives/C1/p1795428000000000");
        assertThat(bot.chatGetPermalink(r -> r.channel("C1").messageTs(reply)).getPermalink())
                .isEqualTo("https://fake.slack.com/archives/C1/p1795428000000001?thread_ts=1795428000.000000&cid=C1");
        assertThat(bot.chatGetPermalink(r -> r.channel("C1").messageTs("1.000001"))
                        .getError())
                .isEqualTo("message_not_found");
    }

    @Test
    void history_isNewestFirst_topLevelOnly_andHonoursOldest() throws Exception {
        String first = fake.addMessage("C1", "UALICE", "first", null);
        String second = fake.addMessage("C1", "UALICE", "second", null);
        fake.addMessage("C1", "UALICE", "reply", first);
        fake.addMessage("C1", "UALICE", "third", null);

        ConversationsHistoryResponse all = bot.conversationsHistory(r -> r.channel("C1"));
        ConversationsHistoryResponse newer =
                bot.conversationsHistory(r -> r.channel("C1").oldest(second));

        assertThat(all.getMessages())
                .extracting(com.slack.api.model.Message::getText)
                .containsExactly("third", "second", "first");
        assertThat(all.getMessages().get(2).getReplyCount()).isEqualTo(1);
        assertThat(newer.getMessages())
                .extracting(com.slack.api.model.Message::getText)
                .containsExactly("third");
    }

    @Test
    void history_includesMetadataOnlyWhenAskedFor() throws Exception {
        var metadata = com.slack.api.model.Message.Metadata.builder()
                .eventType("ooo_period")
                .eventPayload(Map.of("id", 7))
                .build();
        bot.chatPostMessage(r -> r.channel("C1").text("away").metadata(metadata));

        assertThat(bot.conversationsHistory(r -> r.channel("C1"))
                        .getMessages()
                        .get(0)
                        .getMetadata())
                .isNull();
        assertThat(bot.conversationsHistory(r -> r.channel("C1").includeAllMetadata(true))
                        .getMessages()
                        .get(0)
                        .getMetadata()
                        .getEventType())
                .isEqualTo("ooo_period");
    }

    @Test
    void replies_returnTheParentThenTheRepliesOldestFirst() throws Exception {
        String parent = fake.addMessage("C1", "UALICE", "question", null);
        fake.addMessage("C1", "UALICE", "detail", parent);
        bot.chatPostMessage(r -> r.channel("C1").threadTs(parent).text("answer"));

        assertThat(bot.conversationsReplies(r -> r.channel("C1").ts(parent)).getMessages())
                .extracting(com.slack.api.model.Message::getText)
                .containsExactly("question", "detail", "answer");
        assertThat(bot.conversationsReplies(r -> r.channel("C1").ts("1.000001")).getError())
                .isEqualTo("thread_not_found");
    }

    @Test
    void reactionsAdd_twice_isAlreadyReacted() throws Exception {
        String ts = fake.addMessage("C1", "UALICE", "done", null);

        assertThat(bot.reactionsAdd(r -> r.channel("C1").timestamp(ts).name("white_check_mark"))
                        .isOk())
                .isTrue();
        assertThat(bot.reactionsAdd(r -> r.channel("C1").timestamp(ts).name("white_check_mark"))
                        .getError())
                .isEqualTo("already_reacted");
        assertThat(fake.message("C1", ts).orElseThrow().reactions()).containsExactly("white_check_mark");
    }

    @Test
    void scheduleMessage_acceptsUpTo120DaysAhead() throws Exception {
        long now = NOW.getEpochSecond();

        assertThat(bot.chatScheduleMessage(r -> r.channel("C1").text("later").postAt((int)
                                (now + Duration.ofDays(120).toSeconds())))
                        .isOk())
                .isTrue();
        assertThat(bot.chatScheduleMessage(r -> r.channel("C1").text("too late").postAt((int)
                                (now + Duration.ofDays(121).toSeconds())))
                        .getError())
                .isEqualTo("time_too_far");
        assertThat(bot.chatScheduleMessage(r -> r.channel("C1").text("past").postAt((int) now))
                        .getError())
                .isEqualTo("time_in_past");
    }
}
