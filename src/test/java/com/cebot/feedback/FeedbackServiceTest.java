package com.cebot.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.home.StaleHomes;
import com.cebot.outbox.BotIdentity;
import com.cebot.outbox.Outbox;
import com.cebot.slack.Permalinks;
import com.cebot.slack.UserGroupMembers;
import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import com.slack.api.Slack;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback service over a real SQLite file, with an outbox that sends nothing: its rows are read
 * back to see what would be posted, and to whom.
 */
final class FeedbackServiceTest {

    private static final String CE1 = "U0CE1";
    private static final String CE2 = "U0CE2";
    private static final String PM = "U0PM";
    private static final String OUTSIDER = "U0OUT";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));
    private final AtomicInteger deliveries = new AtomicInteger();
    private Jdbi jdbi;
    private FeedbackService service;

    @BeforeEach
    void open() {
        jdbi = TestDatabase.open(dir);
        // The queues are never started: their rows show what would be sent.
        Outbox outbox = new Outbox(
                TestQueues.queue("outbox", jdbi, clock),
                Slack.getInstance().methods("xoxb-unused"),
                Duration.ofSeconds(1),
                new BotIdentity("UBOT", "BBOT"));
        ProductTeam team = new ProductTeam(
                List.of("<@" + PM + ">"), id -> java.util.Set.of(), UserGroupMembers.LastKnown.NONE, clock);
        service = new FeedbackService(
                jdbi, outbox, new Permalinks("https://acme.slack.com/"), team, "CFEEDBACK", new StaleHomes(), clock);
    }

    private static ShareDraft draft(ShareDraft.Target gap, Severity severity, boolean anonymous, String... customers) {
        return new ShareDraft(
                Arrays.stream(customers)
                        .map(c -> (CustomerChoice) new CustomerChoice.New(c))
                        .toList(),
                gap,
                "=needs(" + customers[0] + ")",
                severity,
                Optional.of("-the renewal"),
                Optional.empty(),
                Optional.of("https://acme.example/1"),
                anonymous,
                Optional.empty());
    }

    private FeedbackService.Shared share(String viewId, String user, ShareDraft draft) {
        return jdbi.inTransaction(h -> service.submit(h, draft, viewId, user));
    }

    private long newGap(String viewId, String user, String title, String... customers) {
        return share(
                        viewId,
                        user,
                        draft(new ShareDraft.Target.Create(title, "Search"), Severity.MINOR, false, customers))
                .gapId();
    }

    private Gap gap(long id) {
        return service.gap(id).orElseThrow();
    }

    private List<String> outboxKeys() {
        return jdbi.withHandle(h -> h.createQuery("SELECT work_key FROM work WHERE queue = 'outbox' ORDER BY id")
                .mapTo(String.class)
                .list());
    }

    private String delivery() {
        return "view:V" + deliveries.incrementAndGet();
    }

    @Test
    void aNewGap_queuesItsCard_thenTheShareInItsThread_oneSubmissionPerCustomer() {
        FeedbackService.Shared shared = share(
                "V1",
                CE1,
                draft(
                        new ShareDraft.Target.Create("SSO", "Search"),
                        Severity.BLOCKER,
                        false,
                        "Acme",
                        "Globex",
                        "acme"));

        assertThat(shared).isEqualTo(new FeedbackService.Shared(shared.gapId(), true, 2));
        assertThat(outboxKeys()).containsExactly("feedback-gap:V1", "feedback-share:V1");
        assertThat(gap(shared.gapId())).satisfies(g -> {
            assertThat(g.customers()).isEqualTo(2);
            assertThat(g.blockers()).isEqualTo(2);
            assertThat(g.status()).isEqualTo(GapStatus.OPEN);
        });
    }

    @Test
    void eachCustomer_countsOnce_atTheWorseSeverityTheyWereNamedWith() {
        long id = newGap("V1", CE1, "SSO", "Acme", "Globex");
        share("V2", CE2, draft(new ShareDraft.Target.Existing(id), Severity.MAJOR, false, "Acme", "Initech"));
        share("V3", CE2, draft(new ShareDraft.Target.Existing(id), Severity.BLOCKER, false, "Globex"));

        Gap g = gap(id);
        assertThat(List.of(g.customers(), g.blockers(), g.majors(), g.minors())).containsExactly(3, 1, 2, 0);
        assertThat(outboxKeys()).contains("feedback-gap:V1:v2", "feedback-gap:V1:v3", "feedback-share:V3");
    }

    @Test
    void aStatusChange_redrawsTheCard_notesTheThread_andDmsEachOtherSharerOnce_withTheirCustomers() {
        long id = newGap("V1", CE1, "SSO", "Acme");
        share("V2", CE1, draft(new ShareDraft.Target.Existing(id), Severity.MAJOR, false, "Initech"));
        share("V3", CE2, draft(new ShareDraft.Target.Existing(id), Severity.MAJOR, true, "Globex"));
        share("V4", PM, draft(new ShareDraft.Target.Existing(id), Severity.MINOR, false, "Hooli"));

        FeedbackService.Change change = service.setStatus(id, GapStatus.WONT_DO, "Out of scope", PM, delivery());

        assertThat(change).isInstanceOf(FeedbackService.Change.Done.class);
        String event = "feedback-gap:" + id + ":event:2";
        assertThat(outboxKeys())
                .endsWith("feedback-gap:V1:v5", event + ":note", event + ":dm:" + CE1, event + ":dm:" + CE2);
        String dm = jdbi.withHandle(h -> h.createQuery("SELECT payload FROM work WHERE work_key = :k")
                .bind("k", event + ":dm:" + CE1)
                .mapTo(String.class)
                .one());
        assertThat(dm).contains("Won't do", "Out of scope", "You asked for Acme, Initech");
    }

    @Test
    void onlyTheProductTeam_aNewStatus_andOneDeliveryOfEachPress_changeAnything() {
        long id = newGap("V1", CE1, "SSO", "Acme");
        int before = outboxKeys().size();

        assertThat(service.setStatus(id, GapStatus.BACKLOG, null, OUTSIDER, delivery()))
                .isInstanceOf(FeedbackService.Change.NotAllowed.class);
        assertThat(service.setStatus(id, GapStatus.OPEN, null, PM, delivery()))
                .isEqualTo(new FeedbackService.Change.Unchanged(GapStatus.OPEN));
        assertThat(service.setStatus(99, GapStatus.BACKLOG, null, PM, delivery()))
                .isInstanceOf(FeedbackService.Change.Missing.class);
        assertThat(outboxKeys()).hasSize(before);
        String key = delivery();
        assertThat(service.setStatus(id, GapStatus.BACKLOG, null, PM, key))
                .isInstanceOf(FeedbackService.Change.Done.class);
        assertThat(service.setStatus(id, GapStatus.RESOLVED, null, PM, key))
                .isInstanceOf(FeedbackService.Change.Repeat.class);
        assertThat(gap(id).status()).isEqualTo(GapStatus.BACKLOG);
    }

    @Test
    void aMerge_movesEverySubmission_andLaterSharesToTheOldGapFollowIt() {
        long target = newGap("V1", CE1, "SSO", "Acme");
        long source = newGap("V2", CE2, "Okta SSO", "Globex", "Initech");

        assertThat(service.merge(source, source, null, PM, delivery()))
                .isInstanceOf(FeedbackService.Change.BadTarget.class);
        assertThat(service.merge(source, target, "Same", PM, delivery()))
                .isInstanceOf(FeedbackService.Change.Done.class);

        assertThat(gap(source).mergedInto()).isEqualTo(target);
        assertThat(gap(source).customers()).isZero();
        assertThat(gap(target).customers()).isEqualTo(3);
        assertThat(outboxKeys())
                .contains("feedback-gap:" + source + ":event:3:dm:" + CE2)
                .doesNotContain("feedback-gap:" + source + ":event:3:dm:" + CE1);
        assertThat(service.setStatus(source, GapStatus.BACKLOG, null, PM, delivery()))
                .isEqualTo(new FeedbackService.Change.Merged(target));
        assertThat(service.merge(target, source, null, PM, delivery()))
                .isInstanceOf(FeedbackService.Change.BadTarget.class);
        assertThat(share("V3", CE1, draft(new ShareDraft.Target.Existing(source), Severity.MINOR, false, "Hooli"))
                        .gapId())
                .isEqualTo(target);
    }

    @Test
    void export_givesOneSafeRowPerSubmission_andNoNameForThoseSharedWithoutOne() throws IOException {
        long id = newGap("V1", CE1, "=SSO", "Acme");
        share("V2", CE2, draft(new ShareDraft.Target.Existing(id), Severity.MAJOR, true, "@Globex"));
        service.setRecord(id, "https://acme.lightning.force.com/r/1", PM, delivery());
        StringWriter csv = new StringWriter();

        int rows = FeedbackExport.write(jdbi, Instant.parse("2026-11-01T00:00:00Z"), csv);

        List<String> lines = csv.toString().lines().toList();
        assertThat(rows).isEqualTo(2);
        assertThat(lines.get(1))
                .isEqualTo("1,2026-11-23T18:00:00.000Z," + id + ",\"'=SSO\",Search,Open,"
                        + "\"https://acme.lightning.force.com/r/1\",Acme,Minor,\"'-the renewal\",\"'=needs(Acme)\",,"
                        + "https://acme.example/1," + CE1);
        assertThat(lines.get(2)).contains("\"'@Globex\",Major").endsWith(",https://acme.example/1,");
        assertThat(FeedbackExport.write(jdbi, Instant.parse("2026-11-24T00:00:00Z"), new StringWriter()))
                .isZero();
    }
}
