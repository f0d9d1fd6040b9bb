package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.testing.LogCapture;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.model.block.element.BlockElements;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever no listener handles (a button of an older version, a forged action id, a form left
 * open across an upgrade, a shortcut or command no longer offered) is acked and answered
 * privately, instead of Slack's own "did not respond" error, and nothing is stored or posted.
 */
final class UnhandledInteractionsE2ETest {

    @TempDir
    Path dir;

    private BotHarness harness;
    private SlackFake slack;
    private LogCapture logs;

    @BeforeEach
    void start() {
        logs = LogCapture.start();
        harness = BotHarness.started(dir);
        slack = harness.slack;
    }

    @AfterEach
    void stop() {
        harness.close();
        logs.close();
    }

    private String logged() {
        return logs.events().stream().map(LogCapture::printed).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void aButtonNobodyHandles_isAcked_andThePersonIsToldPrivately() {
        String ts = slack.addMessage(BotHarness.SUPPORT, SlackFake.BOT_USER_ID, "an old card", null);
        String envelope = slack.sendBlockAction(BotHarness.CE_USER, BotHarness.SUPPORT, ts, "forged_or_retired_action",
                "b1", "<!channel> 42");

        Ack ack = slack.awaitAck(envelope, BotHarness.WAIT);

        assertThat(ack.payload()).isNull();
        RecordedCall reply = slack.awaitCall("response_url", BotHarness.WAIT);
        assertThat(reply.json().path("text").asText()).contains("no longer in use").contains("nothing happened");
        assertThat(reply.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.json().path("replace_original").asBoolean()).isFalse();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
        assertThat(logged()).doesNotContain("<!channel> 42");
        assertThat(logs.events()).noneMatch(e -> e.getThrowableProxy() != null);
    }

    @Test
    void aFormNobodyHandles_isReplacedByANoticeThatItWasNotSaved() throws Exception {
        View old = Views.view(v -> v.type("modal").callbackId("retired_form")
                .title(Views.viewTitle(t -> t.type("plain_text").text("Old form")))
                .submit(Views.viewSubmit(t -> t.type("plain_text").text("Send")))
                .blocks(Blocks.asBlocks(Blocks.input(i -> i.blockId("what")
                        .label(BlockCompositions.plainText("What"))
                        .element(BlockElements.plainTextInput(p -> p.actionId("what")))))));
        var opened = slack.strictSlack().methods(SlackFake.BOT_TOKEN).viewsOpen(r -> r
                .triggerId(slack.issueTriggerId(BotHarness.CE_USER)).view(old));
        assertThat(opened.isOk()).isTrue();

        String envelope = slack.submitView(opened.getView().getId(), BotHarness.CE_USER,
                StateValues.of().text("what", "what", "typed before the upgrade").toJson());
        Ack ack = slack.awaitAck(envelope, BotHarness.WAIT);

        assertThat(ack.payload().path("response_action").asText()).isEqualTo("update");
        assertThat(ack.payload().path("view").toString()).contains("was not saved");
        assertThat(logged()).doesNotContain("typed before the upgrade");
    }

    @Test
    void aShortcutNobodyHandles_opensANoticeInsteadOfAnError() {
        String envelope = slack.sendGlobalShortcut("retired_shortcut", BotHarness.CE_USER);

        slack.awaitAck(envelope, BotHarness.WAIT);

        RecordedCall open = slack.awaitCall("views.open", BotHarness.WAIT);
        assertThat(open.json().path("view").toString()).contains("no longer offers this shortcut");
    }

    @Test
    void aCommandNobodyHandles_isAnsweredPrivately() {
        String envelope = slack.sendSlashCommand("/retired", "anything", BotHarness.CE_USER, BotHarness.CE);

        Ack ack = slack.awaitAck(envelope, BotHarness.WAIT);

        assertThat(ack.payload().path("text").asText()).contains("does not handle that command");
    }
}
