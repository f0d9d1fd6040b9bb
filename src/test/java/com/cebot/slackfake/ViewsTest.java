package com.cebot.slackfake;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.MutableClock;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsPushResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Modals and the Home tab: trigger ids, stacks, hashes and limits, through the real SDK. */
final class ViewsTest {

    private static final String MODAL = """
            {"type":"modal","callback_id":"ooo","title":{"type":"plain_text","text":"%s"},
             "private_metadata":"{\\"step\\":1}","external_id":"%s",
             "blocks":[{"type":"section","text":{"type":"mrkdwn","text":"Hello"}}]}""";

    private MutableClock clock;
    private SlackFake fake;
    private Slack slack;
    private MethodsClient bot;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        fake = SlackFake.start(clock);
        slack = fake.strictSlack();
        bot = slack.methods(SlackFake.BOT_TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void open_withAFreshTrigger_returnsTheFullViewAndRemembersTheUser() throws Exception {
        ViewsOpenResponse response = open(fake.issueTriggerId("UALICE"), "Out of office");

        assertThat(response.isOk()).isTrue();
        assertThat(response.getView().getId()).startsWith("V");
        assertThat(response.getView().getHash()).isNotBlank();
        assertThat(response.getView().getState().getValues()).isEmpty();
        assertThat(response.getView().getRootViewId())
                .isEqualTo(response.getView().getId());
        View stored = fake.lastOpenedView();
        assertThat(stored.userId()).isEqualTo("UALICE");
        assertThat(stored.callbackId()).isEqualTo("ooo");
        assertThat(stored.privateMetadata()).isEqualTo("{\"step\":1}");
        assertThat(fake.modalStack("UALICE")).containsExactly(stored);
    }

    @Test
    void open_withATriggerUsedBefore_isExchangedTriggerId() throws Exception {
        String trigger = fake.issueTriggerId("UALICE");
        open(trigger, "First");

        assertThat(open(trigger, "Second").getError()).isEqualTo("exchanged_trigger_id");
    }

    @Test
    void open_justBeforeThreeSeconds_works_andJustAfter_isExpired() throws Exception {
        String inTime = fake.issueTriggerId("UALICE");
        String late = fake.issueTriggerId("UALICE");

        clock.advance(Duration.ofMillis(3000));
        assertThat(open(inTime, "In time").isOk()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(open(late, "Late").getError()).isEqualTo("expired_trigger_id");
    }

    @Test
    void open_withAShortenedTriggerLifetime_expiresSooner() throws Exception {
        fake.setTriggerLifetime(Duration.ofMillis(100));
        String trigger = fake.issueTriggerId("UALICE");

        clock.advance(Duration.ofMillis(101));

        assertThat(open(trigger, "Late").getError()).isEqualTo("expired_trigger_id");
    }

    @Test
    void open_withAMadeUpTrigger_isInvalidTriggerId() throws Exception {
        assertThat(open("not-a-trigger", "x").getError()).isEqualTo("invalid_trigger_id");
        assertThat(open("12345.67890.abcdef", "x").getError()).isEqualTo("invalid_trigger_id");
    }

    @Test
    void open_withATwentyFiveCharacterTitle_isRefused_andTheTriggerStaysUsable() throws Exception {
        String trigger = fake.issueTriggerId("UALICE");

        ViewsOpenResponse refused = open(trigger, "x".repeat(25));

        assertThat(refused.getError()).isEqualTo("invalid_arguments");
        assertThat(refused.getResponseMetadata().getMessages())
                .containsExactly("[ERROR] must be at most 24 characters [json-pointer:/view/title/text]");
        assertThat(open(trigger, "x".repeat(24)).isOk()).isTrue();
    }

    @Test
    void open_overTwoHundredFiftyKilobytes_isViewTooLarge() throws Exception {
        String view = MODAL.formatted("Big", "")
                .replace(
                        "\"private_metadata\":\"{\\\"step\\\":1}\"",
                        "\"private_metadata\":\"" + "m".repeat(250_001) + "\"");

        assertThat(bot.viewsOpen(r -> r.triggerId(fake.issueTriggerId("UALICE")).viewAsString(view))
                        .getError())
                .isEqualTo("view_too_large");
    }

    @Test
    void push_beyondThreeViews_isPushLimitReached() throws Exception {
        String root = open(fake.issueTriggerId("UALICE"), "One").getView().getId();
        String second = push("Two").getView().getId();
        push("Three");

        assertThat(push("Four").getError()).isEqualTo("push_limit_reached");
        assertThat(fake.modalStack("UALICE")).extracting(View::title).containsExactly("One", "Two", "Three");
        assertThat(fake.views()).hasSize(3).containsKey(root);
        assertThat(fake.view(second).rootViewId()).isEqualTo(root);
        assertThat(fake.view(second).previousViewId()).isEqualTo(root);
    }

    @Test
    void update_withTheCurrentHash_replacesTheView_andAStaleHashConflicts() throws Exception {
        var opened = open(fake.issueTriggerId("UALICE"), "Draft").getView();

        var updated = bot.viewsUpdate(
                        r -> r.viewId(opened.getId()).hash(opened.getHash()).viewAsString(MODAL.formatted("Saved", "")))
                .getView();
        String stale = bot.viewsUpdate(
                        r -> r.viewId(opened.getId()).hash(opened.getHash()).viewAsString(MODAL.formatted("Again", "")))
                .getError();

        assertThat(updated.getId()).isEqualTo(opened.getId());
        assertThat(updated.getHash()).isNotEqualTo(opened.getHash());
        assertThat(stale).isEqualTo("hash_conflict");
        assertThat(fake.view(opened.getId()).title()).isEqualTo("Saved");
    }

    @Test
    void update_byExternalId_findsTheView() throws Exception {
        String id = bot.viewsOpen(r ->
                        r.triggerId(fake.issueTriggerId("UALICE")).viewAsString(MODAL.formatted("Draft", "ooo-UALICE")))
                .getView()
                .getId();

        assertThat(bot.viewsUpdate(r -> r.externalId("ooo-UALICE").viewAsString(MODAL.formatted("Saved", "ooo-UALICE")))
                        .isOk())
                .isTrue();
        assertThat(fake.view(id).title()).isEqualTo("Saved");
        assertThat(bot.viewsUpdate(r -> r.externalId("nope").viewAsString(MODAL.formatted("x", "")))
                        .getError())
                .isEqualTo("not_found");
    }

    @Test
    void open_withAnExternalIdInUse_isDuplicateExternalId() throws Exception {
        bot.viewsOpen(r -> r.triggerId(fake.issueTriggerId("UALICE")).viewAsString(MODAL.formatted("One", "same")));

        assertThat(bot.viewsOpen(r ->
                                r.triggerId(fake.issueTriggerId("UBOB")).viewAsString(MODAL.formatted("Two", "same")))
                        .getError())
                .isEqualTo("duplicate_external_id");
    }

    @Test
    void publish_storesTheUsersHomeTab_andRefusesAModal() throws Exception {
        String home =
                "{\"type\":\"home\",\"blocks\":[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"Hi\"}}]}";

        assertThat(bot.viewsPublish(r -> r.userId("UALICE").viewAsString(home)).isOk())
                .isTrue();
        assertThat(bot.viewsPublish(r -> r.userId("UALICE").viewAsString(MODAL.formatted("x", "")))
                        .getError())
                .isEqualTo("invalid_arguments");
        assertThat(fake.homeView("UALICE"))
                .hasValueSatisfying(v -> assertThat(v.type()).isEqualTo("home"));
        assertThat(fake.homeView("UBOB")).isEmpty();
    }

    private ViewsOpenResponse open(String triggerId, String title) throws Exception {
        return bot.viewsOpen(r -> r.triggerId(triggerId).viewAsString(MODAL.formatted(title, "")));
    }

    private ViewsPushResponse push(String title) throws Exception {
        return bot.viewsPush(r -> r.triggerId(fake.issueTriggerId("UALICE")).viewAsString(MODAL.formatted(title, "")));
    }
}
