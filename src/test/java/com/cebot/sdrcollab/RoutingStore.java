package com.cebot.sdrcollab;

import com.cebot.config.BotConfig;
import com.cebot.home.StaleHomes;
import com.cebot.ooo.Absences;
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
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * SDR routing over a real SQLite file, as the bot wires it, with the group's members and who is
 * away given by the test. Nothing is sent: the outbox and job rows are only stored. A new instance
 * on the same folder is a restart.
 */
final class RoutingStore {

    static final BotConfig.Schedule SCHEDULE = new BotConfig.Schedule(
            ZoneId.of("America/Los_Angeles"),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            9);
    static final String CE = "C0CE";
    static final String SDR = "USDR";
    static final Instant MONDAY_10AM = Instant.parse("2026-11-23T18:00:00Z");

    final Jdbi jdbi;
    final MutableClock clock;
    final WorkQueue jobs;
    final QuestionService questions;
    private int asked;

    RoutingStore(Path dir, MutableClock clock, Set<String> members, Absences absences, int maxOpen) {
        this.jdbi = TestDatabase.open(dir);
        this.clock = clock;
        UserGroupMembers group =
                new UserGroupMembers("SGROUP", "test group", id -> members, UserGroupMembers.LastKnown.NONE, clock);
        group.refresh();
        Routing routing = new Routing(
                CE,
                "<!subteam^SGROUP>",
                "<@UMGR>",
                Set.of("UMGR"),
                2,
                maxOpen,
                1000,
                Duration.ofMinutes(60),
                SCHEDULE.timeZone(),
                "ce-sdr-collab",
                "the CE manager");
        Outbox outbox = new Outbox(
                TestQueues.queue("outbox", jdbi, clock), null, Duration.ofSeconds(1), new BotIdentity("UBOT", "BBOT"));
        jobs = TestQueues.queue("job", jdbi, clock);
        Nudges nudges = new Nudges(new Scheduler(jobs), new WorkingHours(SCHEDULE), routing, outbox);
        questions = new QuestionService(
                jdbi,
                outbox,
                new Permalinks("https://acme.slack.com/"),
                absences,
                group,
                Set.of(),
                routing,
                nudges,
                new OpenThreads(),
                new StaleHomes(),
                clock);
        nudges.start(questions);
        asked = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sdr_question")
                .mapTo(Integer.class)
                .one());
    }

    /** Asks a question in #ce; its id. */
    long ask() {
        return ask("<!subteam^SGROUP> Question " + (asked + 1) + "?");
    }

    /** Asks a question in #ce, as Slack sends its text; its id. */
    long ask(String slackText) {
        String ts = "1795000000." + String.format("%06d", ++asked);
        jdbi.useTransaction(h -> questions.asked(h, CE, ts, SDR, slackText, clock.instant()));
        return question(ts).id();
    }

    Question question(String ts) {
        return jdbi.withExtension(QuestionRepository.class, r -> r.byMessage(CE, ts))
                .orElseThrow();
    }

    Question question(long id) {
        return jdbi.withExtension(QuestionRepository.class, r -> r.byId(id)).orElseThrow();
    }

    Map<String, Long> assignedCounts() {
        return jdbi
                .withHandle(h -> h.createQuery("SELECT assignee FROM sdr_question WHERE assignee IS NOT NULL")
                        .mapTo(String.class)
                        .list())
                .stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    void answer(long id) {
        jdbi.useExtension(QuestionRepository.class, r -> r.answered(id, "UX", clock.instant()));
    }
}
