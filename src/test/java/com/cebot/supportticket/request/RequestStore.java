package com.cebot.supportticket.request;

import com.cebot.config.BotConfig;
import com.cebot.customer.CustomerChoice;
import com.cebot.home.StaleHomes;
import com.cebot.inbox.SubmittedForms;
import com.cebot.outbox.BotIdentity;
import com.cebot.outbox.Outbox;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WorkingHours;
import com.cebot.slack.Permalinks;
import com.cebot.slack.UserGroupMembers;
import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import com.cebot.work.WorkQueue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * A request service over a real SQLite file, with an outbox that sends nothing: its rows are read
 * back to see what would be posted.
 */
final class RequestStore {

    static final BotConfig.Schedule SCHEDULE = new BotConfig.Schedule(
            ZoneId.of("America/Los_Angeles"),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            9);
    static final String HEAD = "UHEAD";
    static final String DELEGATE = "UDELEGATE";
    static final String CE = "UCE";
    static final String CHANNEL = "CSUPPORT";
    static final String CARD_TS = "1700000000.000100";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T17:00:00Z"));
    final Jdbi jdbi;
    final Outbox outbox;
    final Approvers approvers;
    final Scheduler scheduler;
    final WorkQueue jobs;
    final RequestService service;
    final SubmittedForms<RequestDraft> forms;
    private final AtomicInteger clicks = new AtomicInteger();

    RequestStore(Path dir, String headMention, UserGroupMembers.Reader groupMembers) {
        jdbi = TestDatabase.open(dir);
        // The queues are never started: their rows show what would be sent and scheduled.
        jobs = TestQueues.queue("job", jdbi, clock);
        outbox = new Outbox(
                TestQueues.queue("outbox", jdbi, clock),
                Slack.getInstance().methods("xoxb-unused"),
                Duration.ofSeconds(1),
                new BotIdentity("UBOT", "BBOT"));
        approvers = new Approvers(
                headMention,
                List.of(DELEGATE),
                Duration.ofHours(24),
                groupMembers,
                UserGroupMembers.LastKnown.NONE,
                clock);
        scheduler = new Scheduler(jobs);
        Permalinks permalinks = new Permalinks("https://acme.slack.com/");
        RequestNudges nudges = new RequestNudges(
                scheduler, new WorkingHours(SCHEDULE), SCHEDULE.timeZone(), 4, outbox, permalinks, headMention);
        service = new RequestService(
                jdbi,
                outbox,
                permalinks,
                approvers,
                CHANNEL,
                headMention,
                nudges,
                (h, tickets) -> Optional.empty(),
                new StaleHomes(),
                clock);
        forms = service.forms(TestQueues.inbox(jdbi, clock));
    }

    RequestStore(Path dir) {
        this(dir, "<@" + HEAD + ">", id -> java.util.Set.of());
    }

    static RequestDraft draft(Optional<RequestDraft.Timing> timing) {
        return new RequestDraft(
                new CustomerChoice.New("Acme Corp"),
                List.of(SampleRequest.ZENDESK),
                "Prioritise the SSO bug",
                "Renewal depends on it",
                "They may not renew",
                timing,
                Optional.empty(),
                Optional.empty());
    }

    long submit(String viewId) {
        return submit(draft(Optional.empty()), viewId, CE).requestId();
    }

    /** What the inbox does with an accepted form: stores it in one transaction. */
    RequestService.Submitted.Posted submit(RequestDraft draft, String viewId, String user) {
        return (RequestService.Submitted.Posted) jdbi.inTransaction(h -> service.submit(h, draft, viewId, user));
    }

    /** A click as Slack delivers it: each one its own action_ts. */
    RequestService.MoveResult click(long id, Move move, String actor) {
        return service.move(
                id,
                move,
                actor,
                move == Move.DECLINE ? "Out of scope" : null,
                "action:1700000000." + clicks.incrementAndGet() + ":" + actor);
    }

    SupportTicketRequest request(long id) {
        return jdbi.withExtension(RequestRepository.class, r -> r.request(id).orElseThrow());
    }

    /** What the card's delivery would record: from now on it has a channel and ts. */
    void landCard(long id) {
        jdbi.useHandle(h -> {
            h.createUpdate("UPDATE support_request SET card_channel = :channel, card_ts = :ts WHERE id = :id")
                    .bind("channel", CHANNEL)
                    .bind("ts", CARD_TS)
                    .bind("id", id)
                    .execute();
            h.createUpdate("""
                    UPDATE work SET status = 'done', result = :result
                    WHERE queue = 'outbox' AND work_key = (SELECT card_key FROM support_request WHERE id = :id)
                    """)
                    .bind("result", "{\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + CARD_TS + "\"}")
                    .bind("id", id)
                    .execute();
        });
    }

    List<Row> outboxRows() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT work_key, after_key, kind, payload FROM work WHERE queue = 'outbox' ORDER BY id")
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list());
    }

    int outboxCount() {
        return outboxRows().size();
    }

    int count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Integer.class)
                .one());
    }

    /** An outbox row; {@code kind} tells a card update, a thread note, a DM and an ephemeral apart. */
    record Row(String key, String anchorKey, String method, String args) {

        private static final ObjectMapper JSON = new ObjectMapper();

        String arg(String name) {
            try {
                return JSON.readTree(args).path(name).asText(null);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The blocks as plain JSON: the SDK's Gson writes {@code <} and {@code &} as unicode escapes. */
        String blocks() {
            try {
                return JSON.readTree(arg("blocks")).toString();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String kind() {
            if (method.equals("chat.update")) {
                return "update";
            }
            if (method.equals("chat.postEphemeral")) {
                return "ephemeral to " + arg("user");
            }
            return anchorKey != null ? "note" : "post to " + arg("channel");
        }
    }
}
