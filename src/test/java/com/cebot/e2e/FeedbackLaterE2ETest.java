package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.FEEDBACK;
import static com.cebot.e2e.BotHarness.WAIT;
import static com.cebot.e2e.FeedbackWorkspace.CE1;
import static com.cebot.e2e.FeedbackWorkspace.CE2;
import static com.cebot.e2e.FeedbackWorkspace.PM;
import static com.cebot.e2e.FeedbackWorkspace.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.app.Commands;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Product feedback over a week: sharing without a name everywhere others look, the digest, the export. */
final class FeedbackLaterE2ETest {

    /** The digest after the workspace's Monday: Monday 30 November 2026, 09:00 in Los Angeles. */
    private static final Instant NEXT_MONDAY_9AM = Instant.parse("2026-11-30T17:00:01Z");

    @TempDir
    Path dir;

    private FeedbackWorkspace w;

    @BeforeEach
    void start() {
        w = new FeedbackWorkspace(dir).started();
    }

    @AfterEach
    void stop() {
        w.close();
    }

    private String digest() {
        return Await.value(
                WAIT,
                "the digest",
                () -> w.slack.messages(FEEDBACK).stream()
                        .filter(m -> m.text().startsWith("*Product feedback,"))
                        .findFirst()
                        .map(Message::text)
                        .orElse(null));
    }

    private Optional<View> home(String user) {
        return w.slack.homeView(user);
    }

    @Test
    void sharedWithoutAName_showsNoNameOnTheCard_inTheThread_onOthersHomes_inTheDigest_orInTheExport() {
        w.share(
                CE1,
                form("new:Audit logs to S3", "Daily export", "blocker", "new:Acme")
                        .checkboxes(FeedbackIds.ANONYMOUS, FeedbackIds.VALUE, "anonymous"));
        Message card = w.card("Audit logs to S3");
        w.awaitThread(card, 1);
        w.share(CE2, form("gap:" + FeedbackWorkspace.gapId(card), "Hourly", "major", "new:Globex"));
        w.awaitThread(card, 2);
        w.slack.sendAppHomeOpened(PM);
        w.slack.sendAppHomeOpened(CE2);
        w.slack.sendAppHomeOpened(CE1);
        Await.until(
                WAIT,
                "the Homes",
                () -> home(PM).map(v -> v.json().toString().contains("Audit logs"))
                                .orElse(false)
                        && home(CE2)
                                .map(v -> v.json().toString().contains("Audit logs"))
                                .orElse(false)
                        && home(CE1)
                                .map(v -> v.json().toString().contains("Audit logs"))
                                .orElse(false));
        String productHome = home(PM).orElseThrow().json().toString();
        w.setStatus(PM, card, "in_review", "Looking at it");
        w.awaitThread(card, 3);
        Await.until(
                WAIT,
                "CE1's Home to show the status",
                () -> home(CE1).orElseThrow().json().toString().contains("In review"));
        w.clock.set(NEXT_MONDAY_9AM);
        String digest = digest();
        w.harness.awaitWorkDone();

        // What others can see: every post in #feedback (text, blocks, metadata), Homes, the digest.
        for (RecordedCall call : w.slack.calls()) {
            if (FEEDBACK.equals(call.param("channel"))) {
                assertThat(call.json().toString()).as(call.method()).doesNotContain(CE1);
            }
        }
        for (Message m : w.slack.messages(FEEDBACK)) {
            assertThat(m.text() + m.blocks() + m.metadata()).doesNotContain(CE1);
        }
        assertThat(w.thread(card).get(0).text()).contains("Acme", "shared without a name");
        assertThat(w.thread(card).get(1).text()).contains("shared by <@" + CE2 + ">");
        assertThat(productHome)
                .contains("Product gaps still Open", "2 customers")
                .doesNotContain(CE1);
        assertThat(home(CE2).orElseThrow().json().toString())
                .doesNotContain(CE1)
                .doesNotContain("Acme");
        assertThat(digest).doesNotContain(CE1);
        Commands.Result export = Commands.run(w.harness.env(), "export", "--since", "2026-11-01", "--kind", "feedback");
        assertThat(export.exitCode()).as(export.describe()).isZero();
        List<String> rows = export.out().lines().toList();
        assertThat(rows.get(0))
                .isEqualTo("submission_id,created_at,gap_id,gap,category,status,salesforce_record,"
                        + "customer,severity,blocks,need,workaround,link,shared_by");
        assertThat(rows.get(1))
                .contains("Audit logs to S3", "Acme", "\"Blocks a deal or renewal\"", "Daily export")
                .endsWith(",");
        assertThat(rows.get(2)).contains("Globex", "Major", "Hourly").endsWith("," + CE2);
        assertThat(export.out()).doesNotContain(CE1);

        // Only the person themselves is told: where it landed, and the status change.
        assertThat(w.dmsSaying(CE1, "without your name"))
                .singleElement()
                .satisfies(dm -> assertThat(dm.text()).contains("/archives/" + FEEDBACK));
        assertThat(w.dmsSaying(CE1, "In review")).hasSize(1);
        assertThat(home(CE1).orElseThrow().json().toString()).contains("shared without your name", "In review");
    }

    @Test
    void weeklyDigest_hasTheWeeksFigures_onAKnownSet_andPostsOnce() {
        w.clock.set(Instant.parse("2026-11-20T18:00:00Z"));
        w.share(CE2, form("new:Usage reports", "Per team", "major", "new:Hooli", "new:Umbrella", "new:Stark"));
        Message older = w.card("Usage reports");
        w.awaitThread(older, 1);
        w.clock.set(FeedbackWorkspace.MONDAY_10AM);
        w.share(
                CE1,
                form("new:SSO with Okta groups", "Groups", "blocker", "new:Acme", "new:Globex")
                        .select(FeedbackIds.CATEGORY, FeedbackIds.VALUE, "Integrations", "Integrations"));
        w.share(CE2, form("new:Dark mode", "Eyes", "minor", "new:Initech"));
        Message sso = w.card("SSO with Okta groups");
        Message dark = w.card("Dark mode");
        w.setStatus(PM, dark, "in_review", null);
        w.awaitCard(dark, "In review");
        w.setStatus(PM, sso, "resolved", null);
        w.awaitCard(sso, "Resolved");

        w.clock.set(NEXT_MONDAY_9AM);
        String digest = digest();

        assertThat(digest)
                .contains(
                        "*Product feedback, Mon 23 Nov 2026 to Mon 30 Nov 2026*",
                        "This week: 3 submissions for 3 customers · 2 new gaps · 2 changes of status");
        List<String> lines = digest.lines().toList();
        int newGaps = lines.indexOf("*New gaps*");
        int wanted = lines.indexOf("*Most wanted* (gaps still open to work, by customers)");
        int changes = lines.indexOf("*Status changes*");
        assertThat(lines.subList(newGaps + 1, wanted))
                .satisfiesExactly(
                        l -> assertThat(l).contains("SSO with Okta groups", "Integrations", "2 customers"),
                        l -> assertThat(l).contains("Dark mode", "Not categorised yet", "1 customer"));
        assertThat(lines.subList(wanted + 1, changes))
                .satisfiesExactly(
                        l -> assertThat(l)
                                .contains(
                                        "Usage reports",
                                        "Open",
                                        "3 customers",
                                        "/p" + older.ts().replace(".", "")),
                        l -> assertThat(l).contains("Dark mode", "In review", "1 customer"));
        assertThat(lines.subList(changes + 1, lines.size()))
                .satisfiesExactly(
                        l -> assertThat(l).contains("Dark mode>: Open → In review"),
                        l -> assertThat(l).contains("SSO with Okta groups>: Open → Resolved"));

        w.harness.restart();
        Await.stays(
                WAIT,
                "digests in #feedback",
                1,
                () -> (int) w.slack.messages(FEEDBACK).stream()
                        .filter(m -> m.text().startsWith("*Product feedback,"))
                        .count(),
                w.harness::workDone);
    }
}
