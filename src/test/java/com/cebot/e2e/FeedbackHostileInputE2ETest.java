package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.WAIT;
import static com.cebot.e2e.FeedbackWorkspace.CE1;
import static com.cebot.e2e.FeedbackWorkspace.PM;
import static com.cebot.e2e.FeedbackWorkspace.form;

import com.cebot.slack.Mrkdwn;
import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.HostileText;
import com.cebot.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile text ({@link HostileText}) in every field of product feedback, through the real bot
 * and the loopback Slack: the share form, the product team's status, merge and record forms, the
 * typeaheads and the message shortcut. Each is acked inside Slack's 3 s, with errors next to fields
 * of that form or stored; everything stored reaches #feedback; nothing the bot sends carries a typed
 * mention or link Slack would act on, or breaks Slack's limits; no log line holds a stack trace or
 * the typed text.
 */
final class FeedbackHostileInputE2ETest {

    private static final Duration SLACK_DEADLINE = Duration.ofSeconds(3);
    private static final List<Named<String>> CASES = HostileText.cases(12, 400);

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private FeedbackWorkspace w;
    private final SoftAssertions soft = new SoftAssertions();
    private int stored;
    private int gapNumber;
    private String current;

    @BeforeEach
    void start() {
        w = new FeedbackWorkspace(dir).started();
    }

    @AfterEach
    void stop() {
        w.close();
    }

    @Test
    void shareForm_everyFieldGetsEveryHostileText() {
        List<String> fields = List.of(
                "customer",
                FeedbackIds.GAP,
                FeedbackIds.TITLE,
                FeedbackIds.NEED,
                FeedbackIds.BLOCKS,
                FeedbackIds.WORKAROUND,
                FeedbackIds.LINK);
        for (Named<String> c : CASES) {
            for (String field : fields) {
                current = c.getName() + " in " + field;
                String text = c.getPayload();
                String gap = "new:" + (field.equals(FeedbackIds.GAP) ? text : "Gap " + ++gapNumber);
                StateValues values = form(
                        gap,
                        field.equals(FeedbackIds.NEED) ? text : "Fine",
                        "major",
                        "new:" + (field.equals("customer") ? text : "Acme"));
                for (String free : List.of(FeedbackIds.BLOCKS, FeedbackIds.WORKAROUND, FeedbackIds.LINK)) {
                    if (field.equals(free)) {
                        values.text(free, FeedbackIds.VALUE, text);
                    }
                }
                if (field.equals(FeedbackIds.TITLE)) {
                    values.text(FeedbackIds.TITLE, FeedbackIds.VALUE, text)
                            .select(FeedbackIds.CATEGORY, FeedbackIds.VALUE, "Search", "Search");
                    submitFrom(() -> askingForTheNewGap(gap), values);
                } else {
                    submitFrom(() -> w.openForm(CE1), values);
                }
            }
        }
        Await.until(
                WAIT,
                stored + " shares stored",
                () -> count("SELECT COUNT(DISTINCT share_key) FROM" + " feedback_submission") == stored);
        soft.assertThat(stored)
                .as("shares taken, of %s", CASES.size() * fields.size())
                .isGreaterThan(CASES.size() * 3);
        afterAll();
    }

    /** The share form after "New gap" was picked: it asks for the category and title. */
    private View askingForTheNewGap(String gap) {
        View form = w.openForm(CE1);
        w.slack.awaitAck(
                w.slack.sendViewBlockAction(form.id(), CE1, FeedbackIds.GAP_SELECT, FeedbackIds.GAP, gap), WAIT);
        w.slack.awaitCall("views.update", WAIT);
        return w.slack.view(form.id());
    }

    @Test
    void productTeamForms_everyFieldGetsEveryHostileText() {
        w.share(CE1, form("new:Target", "Fine", "minor", "new:Acme"));
        w.share(CE1, form("new:Source", "Fine", "minor", "new:Globex"));
        Message target = w.card("Target");
        String[] statuses = {"in_review", "backlog"};
        int i = 0;
        for (Named<String> c : CASES) {
            current = c.getName() + " in the status note";
            String status = statuses[i++ % 2];
            submitFrom(
                    () -> w.openTeamModal(PM, target, FeedbackIds.SET_STATUS, FeedbackIds.STATUS_CALLBACK_ID),
                    StateValues.of()
                            .radio(FeedbackIds.STATUS, FeedbackIds.VALUE, status, status)
                            .text(FeedbackIds.NOTE, FeedbackIds.VALUE, c.getPayload()));
            current = c.getName() + " in the Salesforce record";
            submitFrom(
                    () -> w.openTeamModal(PM, target, FeedbackIds.RECORD_BUTTON, FeedbackIds.RECORD_CALLBACK_ID),
                    StateValues.of().text(FeedbackIds.RECORD, FeedbackIds.VALUE, c.getPayload()));
            current = c.getName() + " as the merge target";
            submitFrom(
                    () -> w.openTeamModal(PM, w.card("Source"), FeedbackIds.MERGE, FeedbackIds.MERGE_CALLBACK_ID),
                    StateValues.of()
                            .externalSelect(FeedbackIds.TARGET, FeedbackIds.MERGE_SELECT, c.getPayload(), "x")
                            .text(FeedbackIds.NOTE, FeedbackIds.VALUE, c.getPayload()));
        }
        soft.assertThat(count("SELECT COUNT(*) FROM feedback_gap_event WHERE action = 'status'"))
                .as("status changes made")
                .isGreaterThan(CASES.size() / 2);
        afterAll();
    }

    @Test
    void typeaheadsAndTheMessageShortcut_answerHostileTextWithinSlacksLimits() {
        w.share(CE1, form("new:Okta <!channel> &amp; 🙂", "Fine", "minor", "new:<@UEVIL> & Co"));
        Message card = w.card("Okta");
        View share = w.openForm(CE1);
        View merge = w.openTeamModal(PM, card, FeedbackIds.MERGE, FeedbackIds.MERGE_CALLBACK_ID);
        for (Named<String> c : CASES) {
            suggestions(share, FeedbackIds.CUSTOMER_SELECT, FeedbackIds.CUSTOMERS, c);
            suggestions(share, FeedbackIds.GAP_SELECT, FeedbackIds.GAP, c);
            suggestions(merge, FeedbackIds.MERGE_SELECT, FeedbackIds.TARGET, c);
            String ts = w.slack.addMessage(CE, "U0CUSTOMER", Mrkdwn.escape(c.getPayload()), null);
            w.slack.clearCalls();
            Ack ack = w.slack.awaitAck(w.slack.sendMessageShortcut(FeedbackIds.MESSAGE_CALLBACK_ID, CE1, CE, ts), WAIT);
            soft.assertThat(ack.latency())
                    .as("message shortcut on %s", c.getName())
                    .isLessThan(SLACK_DEADLINE);
            RecordedCall open = w.slack.awaitCall("views.open", WAIT);
            soft.assertThat(open.status()).as("views.open on %s", c.getName()).isEqualTo(200);
        }
        afterAll();
    }

    private void suggestions(View view, String actionId, String blockId, Named<String> c) {
        Ack ack =
                w.slack.awaitAck(w.slack.sendBlockSuggestion(view.id(), CE1, actionId, blockId, c.getPayload()), WAIT);
        soft.assertThat(ack.latency()).as("%s for %s", actionId, c.getName()).isLessThan(SLACK_DEADLINE);
        for (JsonNode option : ack.payload().path("options")) {
            String shown = option.path("text").path("text").asText();
            soft.assertThat(shown.codePointCount(0, shown.length()))
                    .as("%s option for %s", actionId, c.getName())
                    .isBetween(1, 75);
            if (!actionId.equals(FeedbackIds.CUSTOMER_SELECT)) {
                // The gap options show titles as plain text, where Slack does not promise < > stay inert.
                soft.assertThat(shown)
                        .as("%s option for %s", actionId, c.getName())
                        .doesNotContain("<", ">");
            }
            soft.assertThat(option.path("value").asText().length())
                    .as("%s value for %s", actionId, c.getName())
                    .isBetween(1, 150);
        }
    }

    private void submitFrom(Supplier<View> opener, StateValues values) {
        View view = opener.get();
        Set<String> inputs = new HashSet<>();
        view.json().path("blocks").forEach(b -> {
            if ("input".equals(b.path("type").asText())) {
                inputs.add(b.path("block_id").asText());
            }
        });
        Ack ack = w.submit(view, FeedbackWorkspace.PM.equals(view.userId()) ? PM : CE1, values);
        soft.assertThat(ack.latency()).as("%s: ack", current).isLessThan(SLACK_DEADLINE);
        JsonNode errors = ack.payload() == null ? null : ack.payload().get("errors");
        if (errors == null) {
            if (FeedbackIds.CALLBACK_ID.equals(view.callbackId())) {
                stored++;
            }
            return;
        }
        Set<String> named = new HashSet<>();
        errors.fieldNames().forEachRemaining(named::add);
        soft.assertThat(inputs)
                .as("%s: errors %s are next to fields of the form", current, named)
                .containsAll(named);
        errors.forEach(e -> soft.assertThat(e.asText().length())
                .as("%s: error %s", current, e)
                .isBetween(1, 500));
    }

    /** Every write delivered, none refused by Slack; nothing sent pings anyone; logs clean. */
    private void afterAll() {
        w.harness.awaitWorkDone(Duration.ofSeconds(60));
        soft.assertThat(count("SELECT COUNT(*) FROM work WHERE queue = 'outbox' AND status = 'failed'"))
                .as("writes Slack refused")
                .isZero();
        for (RecordedCall call : w.slack.calls()) {
            // A quoted message prefills an input as plain text, which the person sees as typed: no ping.
            JsonNode sent = call.json().deepCopy();
            sent.findParents("initial_value")
                    .forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove("initial_value"));
            var ping = HostileText.PINGS.matcher(sent.toString());
            if (ping.find()) {
                soft.fail("%s sent a typed mention or link: %s", call.method(), ping.group());
            }
        }
        for (Message m : w.slack.messages(BotHarness.FEEDBACK)) {
            var ping = HostileText.PINGS.matcher(m.text() + m.blocks());
            if (ping.find()) {
                soft.fail("#feedback holds a typed mention or link: %s", ping.group());
            }
        }
        soft.assertThat(logs.events()).as("log lines with a stack trace").noneMatch(e -> e.getThrowableProxy() != null);
        String logged = logs.events().stream().map(LogCapture::printed).collect(Collectors.joining("\n"));
        for (Named<String> c : CASES) {
            String text = c.getPayload().strip();
            if (text.length() >= 8) {
                soft.assertThat(logged.contains(text.substring(0, 8)))
                        .as("log holds the start of %s", c.getName())
                        .isFalse();
            }
        }
        soft.assertAll();
    }

    private int count(String sql) {
        return Integer.parseInt(Burst.query(w.harness.databaseFile(), sql).get(0));
    }
}
