package com.cebot.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.SlackClients;
import com.cebot.slackfake.Fault;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.SlackFake;
import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import com.cebot.work.Backoff;
import com.cebot.work.Owner;
import com.cebot.work.WorkQueue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against a loopback Slack and a real store: faults, restarts, ordering. */
final class OutboxTest {

    private static final String CHANNEL = "C0SUPPORT1";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 15);

    @TempDir
    Path dir;

    private SlackFake slack;
    private Jdbi jdbi;
    private Slack client;
    private MethodsClient methods;
    private WorkQueue queue;
    private Outbox outbox;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        slack = SlackFake.start();
        slack.addChannel(CHANNEL, "customer-support", true);
        jdbi = TestDatabase.open(dir);
        client = SlackClients.create(slack.apiUrl(), Duration.ofMillis(500));
        methods = client.methods(SlackFake.BOT_TOKEN);
        outbox = newOutbox(BACKOFF);
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
        client.close();
        slack.close();
    }

    /** A fresh queue and outbox on the same store, as after a restart. */
    private Outbox newOutbox(Backoff backoff) {
        queue = new WorkQueue(
                "outbox",
                jdbi,
                Clock.systemUTC(),
                Owner.ofThisProcess(),
                new WorkQueue.Settings(20, Duration.ofMillis(50), Duration.ofSeconds(30), backoff),
                () -> {});
        Outbox o = new Outbox(
                queue, methods, Duration.ofMillis(500), new BotIdentity(SlackFake.BOT_USER_ID, SlackFake.BOT_ID));
        o.register("test", new DeliveryHook() {
            @Override
            public void delivered(Handle handle, String ref, Delivered delivered) {
                heard.add("delivered " + ref + " " + delivered.channel());
            }

            @Override
            public void failed(Handle handle, String ref, String error) {
                heard.add("failed " + ref + " " + error);
            }
        });
        return o;
    }

    private void enqueue(OutboxMessage message) {
        jdbi.useTransaction(h -> outbox.enqueue(h, message));
    }

    private static OutboxMessage post(String key, String text) {
        return OutboxMessage.of(key, new SlackWrite.Post(CHANNEL, text, null)).onDelivery("test", key);
    }

    private List<Message> posts() {
        return slack.messages(CHANNEL);
    }

    private void awaitStatus(String key, String status) {
        Await.until(
                WAIT,
                key + " " + status,
                () -> outbox.status(key).filter(status::equals).isPresent());
    }

    @Test
    void threeFailuresThenRecovery_landsOnePost() {
        slack.enqueueFault(
                "chat.postMessage",
                new Fault.RateLimited(1),
                new Fault.ServerError(503),
                new Fault.NotOk("internal_error"));
        queue.start();

        enqueue(post("card:1", "hello"));

        awaitStatus("card:1", "done");
        assertThat(slack.calls("chat.postMessage")).hasSize(4);
        assertThat(posts()).extracting(Message::text).containsExactly("hello");
        assertThat(heard).containsExactly("delivered card:1 " + CHANNEL);
    }

    @Test
    void retryAfter_isHonoured() {
        slack.enqueueFault("chat.postMessage", new Fault.RateLimited(1));
        queue.start();

        enqueue(post("card:1", "hello"));

        awaitStatus("card:1", "done");
        List<com.cebot.slackfake.RecordedCall> calls = slack.calls("chat.postMessage");
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void restartBetweenFailures_stillLandsExactlyOnePost() {
        slack.enqueueFault(
                "chat.postMessage", new Fault.ServerError(500), new Fault.ServerError(502), new Fault.RateLimited(1));
        queue.start();
        enqueue(post("card:1", "hello"));
        slack.awaitCalls("chat.postMessage", 1, WAIT);

        queue.close();
        outbox = newOutbox(BACKOFF);
        queue.start();

        awaitStatus("card:1", "done");
        assertThat(posts()).hasSize(1);
    }

    @Test
    void unansweredPostThatLanded_isFoundAndNotPostedAgain() {
        // Slack takes the post but answers after our read timeout: the fate of the call is unknown.
        slack.enqueueFault("chat.postMessage", new Fault.LoseAnswer(Duration.ofMillis(1500)));
        queue.start();

        enqueue(post("card:1", "hello"));

        awaitStatus("card:1", "done");
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        assertThat(slack.calls("conversations.history")).isNotEmpty();
        assertThat(posts()).hasSize(1);
    }

    @Test
    void aPostWhoseConnectionWasResetOnceSlackMadeIt_isFoundAndNotPostedAgain() {
        slack.enqueueFault("chat.postMessage", new Fault.ResetAfterWork());
        queue.start();

        enqueue(post("card:1", "hello"));

        awaitStatus("card:1", "done");
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        assertThat(slack.calls("conversations.history")).isNotEmpty();
        assertThat(posts()).extracting(Message::text).containsExactly("hello");
        assertThat(heard).containsExactly("delivered card:1 " + CHANNEL);
    }

    @Test
    void enqueueingAKeyTwice_postsOnce() {
        enqueue(post("card:1", "first"));
        enqueue(post("card:1", "second"));
        queue.start();

        awaitStatus("card:1", "done");
        assertThat(posts()).extracting(Message::text).containsExactly("first");
    }

    @Test
    void refusal_isFinal_andTheHookHearsIt() {
        slack.enqueueFault("chat.postMessage", new Fault.NotOk("channel_not_found"));
        queue.start();

        enqueue(post("card:1", "hello"));

        awaitStatus("card:1", "failed");
        assertThat(heard).containsExactly("failed card:1 channel_not_found");
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void repliesAndUpdates_waitForTheirAnchor_andKeepTheirOrder() {
        slack.enqueueFault("chat.postMessage", new Fault.ServerError(500), new Fault.ServerError(500));
        enqueue(post("card:1", "v1"));
        enqueue(OutboxMessage.anchored("card:1:update", "card:1", new SlackWrite.Update("v2", null)));
        enqueue(OutboxMessage.anchored("card:1:note", "card:1", new SlackWrite.ThreadReply("note", null)));
        enqueue(OutboxMessage.anchored("card:1:update2", "card:1", new SlackWrite.Update("v3", null)));
        queue.start();

        awaitStatus("card:1:update2", "done");
        List<Message> all = posts();
        assertThat(all).hasSize(2);
        Message card = all.stream().filter(m -> !m.isReply()).findFirst().orElseThrow();
        Message note = all.stream().filter(Message::isReply).findFirst().orElseThrow();
        assertThat(card.text()).isEqualTo("v3");
        assertThat(note.threadTs()).isEqualTo(card.ts());
    }

    /**
     * One person's hundred writes queued first (cards and DMs) and another person's card queued
     * after them: the card is the second call to reach Slack, and the hundred keep their order.
     */
    @Test
    void aHundredWritesOfOnePerson_doNotHoldUpAnotherPersonsCard() {
        slack.addUser("U0A", "a", "UTC");
        jdbi.useTransaction(h -> {
            for (int i = 0; i < 60; i++) {
                outbox.enqueue(h, post("a:card:" + i, "a card " + i).forUser("U0A"));
            }
            for (int i = 0; i < 40; i++) {
                outbox.enqueue(h, OutboxMessage.of("a:dm:" + i, new SlackWrite.Post("U0A", "a DM " + i, null)));
            }
        });
        enqueue(post("b:card", "b card").forUser("U0B"));
        queue.start();

        awaitStatus("a:dm:39", "done");
        awaitStatus("b:card", "done");
        List<String> sent = slack.calls("chat.postMessage").stream()
                .map(c -> c.param("text"))
                .toList();
        assertThat(sent).hasSize(101).doesNotHaveDuplicates();
        assertThat(sent.indexOf("b card"))
                .as("calls before the other person's card")
                .isEqualTo(1);
        List<String> hundred = new ArrayList<>(sent);
        hundred.remove("b card");
        assertThat(hundred)
                .containsExactlyElementsOf(Stream.concat(
                                IntStream.range(0, 60).mapToObj(i -> "a card " + i),
                                IntStream.range(0, 40).mapToObj(i -> "a DM " + i))
                        .toList());
    }

    /** Turns among people never let a card's replies and updates overtake it, or each other. */
    @Test
    void anotherPersonsFlood_keepsACardsRepliesAndUpdatesInOrder() {
        jdbi.useTransaction(h -> {
            for (int i = 0; i < 50; i++) {
                outbox.enqueue(h, post("b:card:" + i, "b card " + i).forUser("U0B"));
            }
        });
        enqueue(post("card:1", "v1").forUser("U0A"));
        for (int i = 1; i <= 5; i++) {
            enqueue(OutboxMessage.anchored("card:1:update" + i, "card:1", new SlackWrite.Update("v" + (i + 1), null))
                    .forUser("U0C"));
            enqueue(OutboxMessage.anchored("card:1:note" + i, "card:1", new SlackWrite.ThreadReply("note " + i, null))
                    .forUser("U0A"));
        }
        queue.start();

        awaitStatus("card:1:note5", "done");
        awaitStatus("b:card:49", "done");
        List<String> toTheCard = slack.calls().stream()
                .filter(c -> c.method().equals("chat.update")
                        || String.valueOf(c.param("text")).matches("v1|note \\d"))
                .map(c -> c.param("text"))
                .toList();
        assertThat(toTheCard)
                .containsExactly("v1", "v2", "note 1", "v3", "note 2", "v4", "note 3", "v5", "note 4", "v6", "note 5");
        Message card =
                posts().stream().filter(m -> m.text().equals("v6")).findFirst().orElseThrow();
        assertThat(posts())
                .filteredOn(Message::isReply)
                .hasSize(5)
                .allMatch(m -> m.threadTs().equals(card.ts()));
    }

    @Test
    void anchorRefused_failsWhatWaitsOnIt() {
        slack.enqueueFault("chat.postMessage", new Fault.NotOk("is_archived"));
        enqueue(post("card:1", "v1"));
        enqueue(OutboxMessage.anchored("card:1:note", "card:1", new SlackWrite.ThreadReply("note", null)));
        queue.start();

        awaitStatus("card:1:note", "failed");
        assertThat(posts()).isEmpty();
    }

    @Test
    void lookupRefused_neverPostsAgain_butLooksAgain() {
        // The post lands but its answer is lost, and the lookup that would find it is refused twice.
        slack.enqueueFault("chat.postMessage", new Fault.LoseAnswer(Duration.ofMillis(1500)));
        slack.enqueueFault("conversations.history", new Fault.NotOk("missing_scope"), new Fault.ServerError(500));
        queue.start();

        enqueue(post("card:1", "hello"));

        awaitStatus("card:1", "done");
        assertThat(slack.calls("conversations.history")).hasSize(3);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        assertThat(posts()).hasSize(1);
        assertThat(heard).containsExactly("delivered card:1 " + CHANNEL);
    }

    @Test
    void unansweredDm_isFoundInTheConversationWithThePerson() {
        slack.addUser("U0CE", "ce", "UTC");
        slack.enqueueFault("chat.postMessage", new Fault.LoseAnswer(Duration.ofMillis(1500)));
        queue.start();

        enqueue(OutboxMessage.of("dm:1", new SlackWrite.Post("U0CE", "your card is up", null)));

        awaitStatus("dm:1", "done");
        assertThat(slack.calls("conversations.open"))
                .extracting(c -> c.param("users"))
                .containsExactly("U0CE");
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        assertThat(slack.messages("U0CE")).extracting(Message::text).containsExactly("your card is up");
    }

    @Test
    void unreadableRow_failsAlone_andTheRowsBehindItAreDelivered() {
        enqueue(post("card:1", "first"));
        jdbi.useHandle(h -> h.execute("UPDATE work SET payload = '{not json' WHERE work_key = 'card:1'"));
        enqueue(post("card:2", "second"));
        queue.close();
        outbox = newOutbox(new Backoff(Duration.ofMillis(20), Duration.ofMillis(50), 3));
        queue.start();

        awaitStatus("card:2", "done");
        awaitStatus("card:1", "failed");
        assertThat(posts()).extracting(Message::text).containsExactly("second");
        String error = jdbi.withHandle(h -> h.createQuery("SELECT last_error FROM work WHERE work_key = 'card:1'")
                .mapTo(String.class)
                .one());
        assertThat(error).as("no payload text in the stored error").doesNotContain("not json");
    }

    @Test
    void keepsFailing_isGivenUpAfterTheLastAttempt_andTheHookHears() {
        queue.close();
        outbox = newOutbox(new Backoff(Duration.ofMillis(20), Duration.ofMillis(50), 3));
        slack.enqueueFault(
                "chat.postMessage",
                new Fault.NotOk("internal_error"),
                new Fault.NotOk("internal_error"),
                new Fault.NotOk("internal_error"),
                new Fault.NotOk("internal_error"));
        queue.start();

        enqueue(post("card:1", "hello"));

        awaitStatus("card:1", "failed");
        assertThat(slack.calls("chat.postMessage")).hasSize(3);
        assertThat(heard).containsExactly("failed card:1 internal_error");
    }

    @Test
    void failedWriteWithoutAHook_tellsThePersonItWasFor() {
        slack.addUser("U0HEAD", "head", "UTC");
        slack.enqueueFault("chat.postMessage", new Fault.NotOk("channel_not_found"));
        queue.start();

        enqueue(OutboxMessage.of("note:1", new SlackWrite.Post(CHANNEL, "moved", null))
                .forUser("U0HEAD"));

        awaitStatus("undelivered:1", "done");
        assertThat(slack.messages("U0HEAD"))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("channel_not_found", "retry-failed"));
    }

    /** What another app or a person posted with the bot's metadata key, as the outbox writes it. */
    private static ObjectNode keyed(String key) {
        ObjectNode metadata = JSON.createObjectNode().put("event_type", SlackWriter.METADATA_EVENT);
        metadata.putObject("event_payload").put("key", key);
        return metadata;
    }

    private List<Message> botMessages(String channel) {
        return slack.messages(channel).stream()
                .filter(m -> SlackFake.BOT_USER_ID.equals(m.user()))
                .toList();
    }

    @Test
    void anotherAppsPostCarryingTheSameKey_isNotTakenForTheBots() {
        slack.addMessage(CHANNEL, "U0OTHERBOT", "B0OTHER", "copied", null, keyed("card:1"), null);
        slack.enqueueFault("chat.postMessage", new Fault.ServerError(500));
        queue.start();

        enqueue(post("card:1", "hello"));

        awaitStatus("card:1", "done");
        assertThat(slack.calls("conversations.history")).as("looked for").isNotEmpty();
        assertThat(botMessages(CHANNEL)).extracting(Message::text).containsExactly("hello");
    }

    @Test
    void anotherAppsReplyCarryingTheSameKey_isNotTakenForTheBots() {
        String card = slack.addMessage(CHANNEL, SlackFake.BOT_USER_ID, SlackFake.BOT_ID, "card", null, null, null);
        jdbi.useTransaction(h -> outbox.knownMessage(h, "card:1", CHANNEL, card));
        slack.addMessage(CHANNEL, "U0OTHERBOT", "B0OTHER", "copied", card, keyed("card:1:note"), null);
        slack.enqueueFault("chat.postMessage", new Fault.ServerError(502));
        queue.start();

        enqueue(OutboxMessage.anchored("card:1:note", "card:1", new SlackWrite.ThreadReply("note", null)));

        awaitStatus("card:1:note", "done");
        assertThat(slack.calls("conversations.replies")).as("looked for").isNotEmpty();
        assertThat(botMessages(CHANNEL))
                .filteredOn(Message::isReply)
                .extracting(Message::text)
                .containsExactly("note");
    }

    @Test
    void aFileOfTheSameNameThePersonSharedInTheDm_isNotTakenForTheBots() {
        slack.addUser("U0CE", "ce", "UTC");
        ArrayNode files = JSON.createArrayNode();
        files.addObject().put("id", "F0THEIRS").put("name", "time-off-1-1.ics");
        slack.addMessage("U0CE", "U0CE", null, "here it is back", null, null, files);
        slack.enqueueFault("files.completeUploadExternal", new Fault.ServerError(500));
        queue.start();

        enqueue(OutboxMessage.of(
                "ics:1", new SlackWrite.Upload("U0CE", "time-off-1-1.ics", "Time off", "BEGIN", "For the calendar")));

        awaitStatus("ics:1", "done");
        assertThat(slack.calls("files.completeUploadExternal")).hasSize(2);
        assertThat(botMessages("U0CE")).extracting(Message::text).containsExactly("For the calendar");
    }
}
