package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.WAIT;

import com.cebot.slackfake.Message;
import com.cebot.slackfake.SlackFake;
import com.cebot.testing.Await;
import com.cebot.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake workspace for SDR routing: an SDR, four CEs in @ce-sdr-collab, a CE manager; the clock at
 * 10:00 on Monday 23 November 2026 in Los Angeles, inside working hours.
 */
final class SdrWorkspace implements AutoCloseable {

    static final String SDR = "U0SDR";
    static final String CE1 = "U0CE1";
    static final String CE2 = "U0CE2";
    static final String CE3 = "U0CE3";
    static final String CE4 = "U0CE4";
    static final String MANAGER = "U0MGR";
    static final Instant MONDAY_10AM = Instant.parse("2026-11-23T18:00:00Z");

    final MutableClock clock = new MutableClock(MONDAY_10AM);
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    final BotHarness harness;

    SdrWorkspace(Path dir, String sdrSettings, String roster) {
        harness = BotHarness.create(dir, clock);
        seed(harness, sdrSettings, roster);
    }

    /**
     * This workspace's people, group and settings in {@code harness}: {@code sdrSettings} go under
     * {@code sdr_collab}, {@code more} at the top level (a roster, say); {@code moreUsers} join the
     * people.
     */
    static void seed(BotHarness harness, String sdrSettings, String more, String... moreUsers) {
        List<String> people = new ArrayList<>(List.of(SDR, CE1, CE2, CE3, CE4, MANAGER));
        people.addAll(List.of(moreUsers));
        for (String user : people) {
            harness.slack.addUser(user, user.substring(2).toLowerCase(), "America/Los_Angeles");
        }
        harness.slack.addUserGroup(SdrIds.GROUP, "ce-sdr-collab", List.of(CE1, CE2, CE3, CE4));
        harness.writeConfig(
                """
                channels:
                  customer_support: customer-support
                  ce: "#ce"
                  ce_internal: ce-internal
                support:
                  head_of_support: %s
                schedule:
                  time_zone: America/Los_Angeles
                sdr_collab:
                  escalate_to: %s
                %s
                %s
                """.formatted(BotHarness.HEAD, MANAGER, sdrSettings.indent(2).stripTrailing(), more));
    }

    SdrWorkspace started() {
        harness.start();
        return this;
    }

    /** A top-level message in #ce tagging the group; its ts. */
    String ask(String user, String text) {
        return harness.slack
                .sendMessageEvent(CE, user, text + " <!subteam^" + SdrIds.GROUP + "|@ce-sdr-collab>", null)
                .ts();
    }

    /** The bot's assignment reply in the question's thread, as it stands now. */
    Message reply(String questionTs) {
        Message first = Await.value(
                WAIT,
                "the assignment reply to " + questionTs,
                () -> botReplies(questionTs).stream().findFirst().orElse(null));
        return harness.slack.message(CE, first.ts()).orElseThrow();
    }

    List<Message> botReplies(String questionTs) {
        return harness.slack.messages(CE).stream()
                .filter(m -> SlackFake.BOT_USER_ID.equals(m.user()) && m.isReply() && questionTs.equals(m.threadTs()))
                .sorted(Comparator.comparing(Message::ts))
                .toList();
    }

    /** Waits until the assignment reply's text contains {@code what}; returns it. */
    String awaitReply(String questionTs, String what) {
        return Await.value(WAIT, "the reply to say " + what, () -> {
            String text = reply(questionTs).text();
            return text.contains(what) ? text : null;
        });
    }

    String awaitNote(String questionTs, String what) {
        return Await.value(
                WAIT,
                "a thread note saying " + what,
                () -> botReplies(questionTs).stream()
                        .map(Message::text)
                        .filter(t -> t.contains(what))
                        .findFirst()
                        .orElse(null));
    }

    /**
     * Clicks a button of the assignment reply as it was first shown: a button no longer there stands
     * for a click on a copy of the message the client had not refreshed yet.
     */
    void press(String user, String questionTs, String actionId) {
        Message reply = reply(questionTs);
        String id = ids.computeIfAbsent(questionTs, ts -> reply.recordId());
        harness.slack.awaitAck(harness.slack.sendBlockAction(user, CE, reply.ts(), actionId, "b", id), WAIT);
    }

    /** The text of the latest private answer to a click. */
    String awaitPrivate(int count) {
        return harness.slack
                .awaitCalls("response_url", count, WAIT)
                .get(count - 1)
                .json()
                .path("text")
                .asText();
    }

    List<Message> dms(String user) {
        return harness.slack.messages(user);
    }

    @Override
    public void close() {
        harness.close();
    }
}
