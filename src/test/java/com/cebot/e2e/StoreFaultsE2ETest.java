package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database refuses or delays a write while someone submits: they hear it in the modal, inside
 * Slack's 3 seconds, nothing is stored half-way, and what they typed is still there to send again.
 */
final class StoreFaultsE2ETest {

    @RegisterExtension
    final RunningBot bot = new RunningBot();

    private View openModal() {
        bot.harness().slack.clearCalls();
        bot.harness().slack.awaitAck(bot.harness().slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER), WAIT);
        bot.harness().slack.awaitCall("views.open", WAIT);
        return bot.harness().slack.lastOpenedView();
    }

    private Ack submit(View view) {
        StateValues values = StateValues.of()
                .externalSelect(ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, "new:Acme Corp", "Acme Corp")
                .text(ContextIds.LINK, ContextIds.VALUE, "ZD 1234")
                .text(ContextIds.BACKGROUND, ContextIds.VALUE, "Nightly restarts since the upgrade");
        return bot.harness().slack.awaitAck(bot.harness().slack.submitView(view.id(), CE_USER, values.toJson()), WAIT);
    }

    private List<Message> cards() {
        return bot.harness().slack.messages(SUPPORT).stream()
                .filter(m -> !m.isReply())
                .toList();
    }

    private int stored(String sql) {
        return bot.harness()
                .bot()
                .jdbi()
                .withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    @Test
    void databaseLockedByAnotherProcess_theModalSaysSo_inTime_andTheSameFormGoesThroughLater() throws Exception {
        View view = openModal();
        Ack refused;
        try (Connection other = TestDatabase.connect(bot.harness().databaseFile());
                Statement lock = other.createStatement()) {
            // PostgreSQL: the table the form is stored in, locked against every other access.
            lock.execute(
                    TestDatabase.postgresql() ? "BEGIN; LOCK TABLE work IN ACCESS EXCLUSIVE MODE" : "BEGIN EXCLUSIVE");

            refused = submit(view);

            lock.execute("ROLLBACK");
        }

        assertThat(refused.latency()).isLessThan(Duration.ofSeconds(3));
        assertThat(refused.payload().path("response_action").asText()).isEqualTo("errors");
        assertThat(refused.payload().path("errors").path(ContextIds.BACKGROUND).asText())
                .contains("couldn't save this just now", "still here");
        assertThat(bot.harness().slack.modalStack(CE_USER))
                .as("the modal stays open with what was typed")
                .isNotEmpty();
        assertThat(stored("SELECT COUNT(*) FROM work WHERE queue = 'inbox'")).isZero();

        Ack accepted = submit(view);

        assertThat(accepted.payload() == null || !accepted.payload().has("errors"))
                .isTrue();
        Await.until(WAIT, "one card", () -> cards().size() == 1);
        assertThat(stored("SELECT COUNT(*) FROM support_context")).isEqualTo(1);
        Await.until(
                WAIT,
                "the confirmation DM",
                () -> bot.harness().slack.messages(CE_USER).size() == 1);
        Await.stays(WAIT, "cards", 1, () -> cards().size(), bot.harness()::workDone);
    }
}
