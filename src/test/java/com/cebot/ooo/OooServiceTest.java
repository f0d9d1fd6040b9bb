package com.cebot.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.config.BotConfig;
import com.cebot.customer.CustomerChoice;
import com.cebot.home.StaleHomes;
import com.cebot.inbox.SubmittedForms;
import com.cebot.outbox.BotIdentity;
import com.cebot.outbox.Outbox;
import com.cebot.schedule.Scheduler;
import com.cebot.schedule.WorkingHours;
import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import com.cebot.testing.TestQueues;
import com.slack.api.Slack;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What saving, editing, ticking and cancelling time off store, schedule and queue, against a real
 * SQLite file and with queues that never run: their rows show what would be sent and when. The
 * clock stands at Monday 26 October 2026, 10:00 in Los Angeles; the time off is Monday 9 – Friday
 * 13 November there.
 */
final class OooServiceTest {

    private static final String PERSON = "U0LA";
    private static final String COV = "U0COV";
    private static final String COV2 = "U0COV2";
    private static final String OTHER = "U0OTHER";
    private static final String MANAGER = "U0MGR";
    private static final String LA = "America/Los_Angeles";
    private static final String SUMMARY_JOB = ":job:" + OooReminders.SUMMARY + " ";
    private static final LocalDate FIRST = LocalDate.parse("2026-11-09");
    private static final LocalDate LAST = LocalDate.parse("2026-11-13");
    private static final BotConfig.Schedule SCHEDULE = new BotConfig.Schedule(
            ZoneId.of(LA),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            9);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-26T17:00:00Z"));
    private Jdbi store;
    private OooService service;

    @BeforeEach
    void open() {
        store = TestDatabase.open(dir);
        service = service(2, 4);
    }

    /** The service as the feature wires it, over queues that are never started. */
    private OooService service(int maxPlanned, int covererDmsPerDay) {
        Outbox outbox = new Outbox(
                TestQueues.queue("outbox", store, clock),
                Slack.getInstance().methods("xoxb-unused"),
                Duration.ofSeconds(1),
                new BotIdentity("UBOT", "BBOT"));
        WorkingHours hours = new WorkingHours(SCHEDULE);
        OooTeam team = new OooTeam(
                new BotConfig(
                        new BotConfig.Channels("customer-support", "ce", "ce-internal", "feedback", "ask-product-eng"),
                        SCHEDULE,
                        List.of(new BotConfig.RosterEntry(PERSON, LocalDate.parse("2026-01-05"), MANAGER)),
                        BotConfig.Retention.DEFAULT,
                        BotConfig.Ops.OFF),
                "C0CEINTERN",
                hours);
        OooReminders reminders = new OooReminders(
                new Scheduler(TestQueues.queue("job", store, clock)),
                hours,
                3,
                outbox,
                store,
                Slack.getInstance().methods("xoxb-unused"),
                team);
        return new OooService(
                store,
                outbox,
                reminders,
                team,
                3,
                maxPlanned,
                new CovererDms(covererDmsPerDay),
                new StaleHomes(),
                clock);
    }

    private static OooDraft draft(
            Long periodId, LocalDate first, LocalDate last, List<String> coverers, String... steps) {
        return new OooDraft(
                periodId,
                LA,
                first,
                last,
                coverers,
                "Cora takes the renewals",
                List.of(new CustomerChoice.New("Acme")),
                List.of(steps));
    }

    private static OooDraft usual(String... steps) {
        return draft(null, FIRST, LAST, List.of(COV), steps);
    }

    /** Saves on the inbox's handle, as the inbox does with an accepted form. */
    private OooService.Saved submit(OooDraft draft, String viewId, String person) {
        return store.inTransaction(h -> service.submit(h, draft, viewId, person));
    }

    private long planned() {
        return ((OooService.Saved.Planned) submit(usual(), "V1", PERSON)).periodId();
    }

    private OooPeriod period(long id) {
        return service.period(id).orElseThrow();
    }

    /** The outbox's rows: message_key, anchor_key, method, args (JSON). */
    private List<Map<String, Object>> outbox() {
        return TestDatabase.outbox(store);
    }

    private List<String> outboxKeys() {
        return outbox().stream().map(r -> (String) r.get("message_key")).toList();
    }

    private Map<String, Object> outboxRow(String key) {
        return outbox().stream()
                .filter(r -> key.equals(r.get("message_key")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no outbox row " + key + " in " + outboxKeys()));
    }

    /** Each job as {@code key status due_at}. */
    private List<String> jobs() {
        return store.withHandle(h -> h.createQuery(
                        "SELECT work_key || ' ' || status || ' ' || due_at FROM work WHERE queue = 'job' ORDER BY id")
                .mapTo(String.class)
                .list());
    }

    private List<String> steps(long id) {
        return store.withHandle(h -> h.createQuery("SELECT step FROM ooo_step WHERE period_id = :id ORDER BY step")
                .bind("id", id)
                .mapTo(String.class)
                .list());
    }

    /** Each person asked to cover the period, as {@code user covers} or {@code user can't}. */
    private List<String> coverers(long id) {
        return store.withHandle(h -> h.attach(OooCoverers.class).of(id).stream()
                .map(c -> c.coverer() + (c.covers() ? " covers" : " can't"))
                .sorted()
                .toList());
    }

    private int count(String table) {
        return store.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Integer.class)
                .one());
    }

    @Nested
    final class Submit {

        @Test
        void newPeriod_isPlanned_storedWithItsCustomers_andItsFourJobsAndThreeWritesQueued() {
            OooService.Saved saved = submit(usual("pto"), "V1", PERSON);

            assertThat(saved).isInstanceOf(OooService.Saved.Planned.class);
            long id = ((OooService.Saved.Planned) saved).periodId();
            OooPeriod p = period(id);
            assertThat(p.person()).isEqualTo(PERSON);
            assertThat(List.of(p.firstDay(), p.lastDay())).containsExactly(FIRST, LAST);
            assertThat(p.covererIds()).containsExactly(COV);
            assertThat(p.customerNames()).containsExactly("Acme");
            assertThat(steps(id)).containsExactly("pto");
            // 09:00 in Los Angeles: Wednesday 4 (three working days before), Friday 6, Monday 9, Monday 16.
            // The summary waits for a job due now, which reads the names of the people covering first.
            assertThat(jobs())
                    .containsExactly(
                            "ooo:" + id + ":v1:job:ooo.remind pending 2026-11-04T17:00:00.000Z",
                            "ooo:" + id + ":v1:job:ooo.status pending 2026-11-06T17:00:00.000Z",
                            "ooo:" + id + ":v1:job:ooo.first_day pending 2026-11-09T17:00:00.000Z",
                            "ooo:" + id + ":v1:job:ooo.day_back pending 2026-11-16T17:00:00.000Z",
                            "ooo:" + id + ":v1:job:ooo.summary pending 2026-10-26T17:00:00.000Z");
            assertThat(outboxKeys()).containsExactly("ooo:" + id + ":v1:ics", "ooo:" + id + ":v1:coverer:" + COV);
            assertThat(outboxRow("ooo:" + id + ":v1:ics").get("method")).isEqualTo("files.uploadV2");
            assertThat(outboxRow("ooo:" + id + ":v1:coverer:" + COV).get("args").toString())
                    .contains(
                            "\"channel\":\"" + COV + "\"",
                            "<@" + PERSON + "> is out",
                            OooNotices.CANNOT_COVER,
                            "ooo:" + id + ":v1:coverer:" + COV);
            assertThat(coverers(id)).containsExactly(COV + " covers");
        }

        @Test
        void overlappingTheirOwnPeriod_isAClash_storesNothing_andTellsThemByDm() {
            long first = planned();
            int writes = outbox().size();

            OooService.Saved saved = submit(draft(null, LAST, LAST.plusDays(7), List.of(COV)), "V2", PERSON);

            assertThat(saved).isEqualTo(new OooService.Saved.Clash(first));
            assertThat(count("ooo_period")).isEqualTo(1);
            assertThat(outbox()).hasSize(writes + 1);
            assertThat(outboxRow("ooo:clash:V2").get("args").toString())
                    .contains("\"channel\":\"" + PERSON + "\"", "I couldn't save your time off");
        }

        @Test
        void overlappingSomeoneElsesPeriod_isNoClash() {
            planned();

            assertThat(submit(usual(), "V2", OTHER)).isInstanceOf(OooService.Saved.Planned.class);
        }

        @Test
        void beyondTheMostPlannedAtOnce_isTooMany_storesNothing_andTellsThemByDm() {
            planned();
            submit(draft(null, FIRST.plusDays(14), LAST.plusDays(14), List.of(COV)), "V2", PERSON);

            OooService.Saved saved =
                    submit(draft(null, FIRST.plusDays(28), LAST.plusDays(28), List.of(COV)), "V3", PERSON);

            assertThat(saved).isEqualTo(new OooService.Saved.TooMany(2));
            assertThat(count("ooo_period")).isEqualTo(2);
            assertThat(outboxRow("ooo:too-many:V3").get("args").toString()).contains("I couldn't save your time off");
            assertThat(service.maxPlanned()).isEqualTo(2);
        }

        @Test
        void anEdit_makesANewVersion_replansItsJobs_marksTheOldSummary_andTellsWhoStoppedCovering() {
            long id = ((OooService.Saved.Planned) submit(usual("pto"), "V1", PERSON)).periodId();

            OooService.Saved saved =
                    submit(draft(id, FIRST.plusDays(7), LAST.plusDays(7), List.of(COV2)), "V2", PERSON);

            assertThat(saved).isEqualTo(new OooService.Saved.Edited(id));
            OooPeriod p = period(id);
            assertThat(p.version()).isEqualTo(2);
            assertThat(p.firstDay()).isEqualTo(FIRST.plusDays(7));
            assertThat(steps(id)).as("the steps are asked again").isEmpty();
            assertThat(jobs())
                    .filteredOn(j -> j.contains(":v1:") && !j.contains(SUMMARY_JOB))
                    .allMatch(j -> j.contains(" cancelled "));
            assertThat(jobs()).filteredOn(j -> j.contains(":v2:")).hasSize(5).allMatch(j -> j.contains(" pending "));
            assertThat(coverers(id)).as("asked afresh, the one dropped gone").containsExactly(COV2 + " covers");
            Map<String, Object> replaced = outboxRow("ooo:" + id + ":v1:summary:replaced");
            assertThat(replaced.get("anchor_key")).isEqualTo("ooo:" + id + ":v1:summary");
            assertThat(replaced.get("method")).isEqualTo("chat.update");
            assertThat(outboxRow("ooo:" + id + ":v2:coverer:" + COV2)
                            .get("args")
                            .toString())
                    .contains("changed their time off");
            assertThat(outboxRow("ooo:" + id + ":v2:coverer:" + COV + ":dropped")
                            .get("args")
                            .toString())
                    .contains("you are no longer covering");
        }

        @Test
        void anEdit_ofSomeoneElsesPeriod_isNotEditable_andChangesNothing() {
            long id = planned();

            OooService.Saved saved = submit(draft(id, FIRST.plusDays(7), LAST.plusDays(7), List.of(COV)), "V2", OTHER);

            assertThat(saved).isEqualTo(new OooService.Saved.NotEditable(id));
            assertThat(period(id).version()).isEqualTo(1);
            assertThat(outboxRow("ooo:not-editable:V2").get("args").toString())
                    .contains("\"channel\":\"" + OTHER + "\"", "can no longer be changed");
        }

        @Test
        void anEdit_onceTheTimeOffHasBegunInThePersonsZone_isNotEditable() {
            long id = planned();
            // 00:30 on Monday 9 November in Los Angeles.
            clock.set(Instant.parse("2026-11-09T08:30:00Z"));

            OooService.Saved saved = submit(draft(id, FIRST, LAST.plusDays(1), List.of(COV)), "V2", PERSON);

            assertThat(saved).isEqualTo(new OooService.Saved.NotEditable(id));
            assertThat(period(id).lastDay()).isEqualTo(LAST);
        }

        @Test
        void anEdit_ofACancelledPeriod_isNotEditable() {
            long id = planned();
            service.cancel(id, PERSON, "cancel:1");

            OooService.Saved saved = submit(draft(id, FIRST.plusDays(7), LAST.plusDays(7), List.of(COV)), "V2", PERSON);

            assertThat(saved).isEqualTo(new OooService.Saved.NotEditable(id));
        }

        @Test
        void coverersMessagedEnoughToday_areNotMessagedAgain_andThePersonHearsWhom() {
            service = service(2, 1);
            long id = planned();

            submit(draft(id, FIRST.plusDays(1), LAST, List.of(COV)), "V2", PERSON);

            assertThat(outboxKeys())
                    .contains("ooo:" + id + ":v1:coverer:" + COV)
                    .doesNotContain("ooo:" + id + ":v2:coverer:" + COV);
            assertThat(outboxRow("ooo:" + id + ":v2:coverers-not-told")
                            .get("args")
                            .toString())
                    .contains("\"channel\":\"" + PERSON + "\"", "I didn't message <@" + COV + ">", "1 messages today");
        }

        @Test
        void accept_keepsTheFormInTheInbox_once() {
            SubmittedForms<OooDraft> forms = service.forms(TestQueues.inbox(store, clock));

            assertThat(forms.accept(usual(), "V1", PERSON)).isEqualTo(new SubmittedForms.Accepted.Stored());
            assertThat(forms.accept(usual(), "V1", PERSON)).isEqualTo(new SubmittedForms.Accepted.Repeat());

            List<String> inbox = store.withHandle(h -> h.createQuery("SELECT work_key FROM work WHERE queue = 'inbox'")
                    .mapTo(String.class)
                    .list());
            assertThat(inbox).containsExactly("view:V1");
            assertThat(count("ooo_period"))
                    .as("stored when the inbox processes it")
                    .isZero();
        }
    }

    @Nested
    final class Tick {

        @Test
        void byThePerson_recordsTheStep_andRedrawsTheDmItWasPressedIn() {
            long id = planned();

            OooService.Changed changed = service.tick("ooo:" + id + ":v1:summary", OooStep.CALENDAR, PERSON, "tick:1");

            assertThat(changed).isEqualTo(new OooService.Changed.Done(id));
            assertThat(steps(id)).containsExactly("calendar");
            Map<String, Object> redraw = outboxRow("ooo:" + id + ":v1:summary:ticked:calendar");
            assertThat(redraw.get("anchor_key")).isEqualTo("ooo:" + id + ":v1:summary");
            assertThat(redraw.get("method")).isEqualTo("chat.update");
        }

        @Test
        void aSecondStep_redrawsWithEveryStepTickedSoFar() {
            long id = planned();
            service.tick("ooo:" + id + ":v1:remind", OooStep.PTO, PERSON, "tick:1");

            service.tick("ooo:" + id + ":v1:remind", OooStep.STATUS, PERSON, "tick:2");

            assertThat(outboxKeys())
                    .contains("ooo:" + id + ":v1:remind:ticked:pto", "ooo:" + id + ":v1:remind:ticked:pto,status");
        }

        @Test
        void theSamePressDeliveredAgain_isARepeat_andChangesNothing() {
            long id = planned();
            service.tick("ooo:" + id + ":v1:summary", OooStep.PTO, PERSON, "tick:1");
            int writes = outbox().size();

            OooService.Changed again = service.tick("ooo:" + id + ":v1:summary", OooStep.CALENDAR, PERSON, "tick:1");

            assertThat(again).isEqualTo(new OooService.Changed.Repeat());
            assertThat(steps(id)).containsExactly("pto");
            assertThat(outbox()).hasSize(writes);
        }

        @Test
        void bySomeoneElse_isRefused_andRecordsNothing() {
            long id = planned();
            int writes = outbox().size();

            OooService.Changed changed = service.tick("ooo:" + id + ":v1:summary", OooStep.PTO, OTHER, "tick:1");

            assertThat(changed).isInstanceOf(OooService.Changed.Refused.class);
            assertThat(steps(id)).isEmpty();
            assertThat(outbox()).hasSize(writes);
        }

        @Test
        void onCancelledTimeOff_orTimeOffNoLongerStored_isRefused() {
            long id = planned();
            service.cancel(id, PERSON, "cancel:1");

            assertThat(service.tick("ooo:" + id + ":v1:summary", OooStep.PTO, PERSON, "tick:1"))
                    .isInstanceOf(OooService.Changed.Refused.class);
            assertThat(service.tick("ooo:999:v1:summary", OooStep.PTO, PERSON, "tick:2"))
                    .isInstanceOf(OooService.Changed.Refused.class);
            assertThat(steps(id)).isEmpty();
        }
    }

    @Nested
    final class Cancel {

        @Test
        void byThePerson_cancelsItsJobs_marksTheSummary_andTellsThemAndWhoCovers() {
            long id = planned();

            OooService.Changed changed = service.cancel(id, PERSON, "cancel:1");

            assertThat(changed).isEqualTo(new OooService.Changed.Done(id));
            assertThat(period(id).cancelledAt()).isEqualTo(clock.instant());
            assertThat(jobs())
                    .filteredOn(j -> !j.contains(SUMMARY_JOB))
                    .hasSize(4)
                    .allMatch(j -> j.contains(" cancelled "));
            assertThat(outboxRow("ooo:" + id + ":v1:summary:cancelled").get("method"))
                    .isEqualTo("chat.update");
            assertThat(outboxRow("ooo:" + id + ":v1:cancelled").get("args").toString())
                    .contains("\"channel\":\"" + PERSON + "\"", "is cancelled");
            assertThat(outboxRow("ooo:" + id + ":v1:coverer:" + COV + ":cancelled")
                            .get("args")
                            .toString())
                    .contains("cancelled their time off");
            assertThat(service.notEndedOf(PERSON, FIRST)).isEmpty();
        }

        @Test
        void theSamePressDeliveredAgain_isARepeat() {
            long id = planned();
            service.cancel(id, PERSON, "cancel:1");
            int writes = outbox().size();

            assertThat(service.cancel(id, PERSON, "cancel:1")).isEqualTo(new OooService.Changed.Repeat());
            assertThat(outbox()).hasSize(writes);
        }

        @Test
        void aSecondPress_onTimeOffAlreadyCancelled_isRefused() {
            long id = planned();
            service.cancel(id, PERSON, "cancel:1");
            int writes = outbox().size();

            assertThat(service.cancel(id, PERSON, "cancel:2")).isInstanceOf(OooService.Changed.Refused.class);
            assertThat(outbox()).hasSize(writes);
        }

        @Test
        void bySomeoneElse_isRefused_andTheTimeOffStands() {
            long id = planned();

            assertThat(service.cancel(id, OTHER, "cancel:1")).isInstanceOf(OooService.Changed.Refused.class);
            assertThat(period(id).cancelledAt()).isNull();
            assertThat(jobs()).allMatch(j -> j.contains(" pending "));
        }

        @Test
        void onceTheTimeOffHasBegun_isRefused() {
            long id = planned();
            clock.set(Instant.parse("2026-11-09T17:00:00Z"));

            assertThat(service.cancel(id, PERSON, "cancel:1")).isInstanceOf(OooService.Changed.Refused.class);
            assertThat(period(id).cancelledAt()).isNull();
        }
    }

    @Nested
    final class CannotCover {

        private String dm(long id, String coverer) {
            return "ooo:" + id + ":v1:coverer:" + coverer;
        }

        @Test
        void bySomeoneCovering_isRecordedOnce_thePersonIsToldWithEdit_andTheirDmAndTheSummaryRedrawn() {
            long id = ((OooService.Saved.Planned) submit(draft(null, FIRST, LAST, List.of(COV, COV2)), "V1", PERSON))
                    .periodId();

            OooService.Changed changed = service.cannotCover(dm(id, COV), COV, "cannot:1");

            assertThat(changed).isEqualTo(new OooService.Changed.Done(id));
            assertThat(coverers(id)).containsExactly(COV + " can't", COV2 + " covers");
            Map<String, Object> told = outboxRow("ooo:" + id + ":v1:cannot-cover:" + COV);
            assertThat(told.get("args").toString())
                    .contains(
                            "\"channel\":\"" + PERSON + "\"",
                            "<@" + COV + "> can't cover your time off",
                            "Covering now: <@" + COV2 + ">",
                            OooNotices.EDIT);
            Map<String, Object> theirDm = outboxRow(dm(id, COV) + ":cannot-cover");
            assertThat(theirDm.get("anchor_key")).isEqualTo(dm(id, COV));
            assertThat(theirDm.get("args").toString()).contains("You told <@" + PERSON + "> you can't cover");
            Map<String, Object> summary = outboxRow("ooo:" + id + ":v1:summary:cannot-cover:" + COV);
            assertThat(summary.get("anchor_key")).isEqualTo("ooo:" + id + ":v1:summary");
            assertThat(summary.get("args").toString()).contains("(<@" + COV + "> can't cover)");
        }

        @Test
        void theSamePressDeliveredAgain_isARepeat_andASecondPress_isRefusedWithoutAnotherDm() {
            long id = planned();
            service.cannotCover(dm(id, COV), COV, "cannot:1");
            int writes = outbox().size();

            assertThat(service.cannotCover(dm(id, COV), COV, "cannot:1")).isEqualTo(new OooService.Changed.Repeat());
            assertThat(service.cannotCover(dm(id, COV), COV, "cannot:2"))
                    .isEqualTo(
                            new OooService.Changed.Refused("You've already told <@" + PERSON + "> you can't cover."));
            assertThat(outbox()).hasSize(writes);
        }

        @Test
        void bySomeoneNoLongerCovering_orOnCancelledTimeOff_orOnceItIsOver_isRefused_andChangesNothing() {
            long id = planned();
            submit(draft(id, FIRST, LAST, List.of(COV2)), "V2", PERSON);
            long cancelled = ((OooService.Saved.Planned)
                            submit(draft(null, FIRST.plusDays(14), LAST.plusDays(14), List.of(COV)), "V3", OTHER))
                    .periodId();
            service.cancel(cancelled, OTHER, "cancel:1");
            int writes = outbox().size();

            assertThat(service.cannotCover(dm(id, COV), COV, "cannot:1"))
                    .isInstanceOf(OooService.Changed.Refused.class);
            assertThat(service.cannotCover(dm(cancelled, COV), COV, "cannot:2"))
                    .isEqualTo(
                            new OooService.Changed.Refused("That time off was cancelled, so you aren't covering it."));
            clock.set(Instant.parse("2026-11-15T17:00:00Z"));
            assertThat(service.cannotCover(dm(id, COV2), COV2, "cannot:3"))
                    .isEqualTo(new OooService.Changed.Refused("That time off is over, so there's nothing to tell."));
            assertThat(outbox()).hasSize(writes);
            assertThat(coverers(id)).containsExactly(COV2 + " covers");
        }

        @Test
        void onceTheTimeOffHasBegun_thePersonIsStillTold_butWithoutAnEditButton() {
            long id = planned();
            clock.set(Instant.parse("2026-11-10T17:00:00Z"));

            assertThat(service.cannotCover(dm(id, COV) + ":first-day", COV, "cannot:1"))
                    .isEqualTo(new OooService.Changed.Done(id));
            assertThat(outboxRow("ooo:" + id + ":v1:cannot-cover:" + COV)
                            .get("args")
                            .toString())
                    .contains("has begun")
                    .doesNotContain(OooNotices.EDIT);
        }

        @Test
        void anEdit_asksEveryoneAgain() {
            long id = planned();
            service.cannotCover(dm(id, COV), COV, "cannot:1");

            submit(draft(id, FIRST, LAST.plusDays(1), List.of(COV)), "V2", PERSON);

            assertThat(coverers(id)).containsExactly(COV + " covers");
        }

        @Test
        void aCancel_tellsOnlyThoseStillCovering() {
            long id = ((OooService.Saved.Planned) submit(draft(null, FIRST, LAST, List.of(COV, COV2)), "V1", PERSON))
                    .periodId();
            service.cannotCover(dm(id, COV2), COV2, "cannot:1");

            service.cancel(id, PERSON, "cancel:1");

            assertThat(outboxKeys())
                    .contains("ooo:" + id + ":v1:coverer:" + COV + ":cancelled")
                    .doesNotContain("ooo:" + id + ":v1:coverer:" + COV2 + ":cancelled");
        }
    }

    @Nested
    final class Reading {

        @Test
        void notEndedOf_listsThePersonsPeriodsNotOverByThatDay_soonestFirst() {
            long later = ((OooService.Saved.Planned)
                            submit(draft(null, FIRST.plusDays(14), LAST.plusDays(14), List.of(COV)), "V1", PERSON))
                    .periodId();
            long sooner = ((OooService.Saved.Planned) submit(usual(), "V2", PERSON)).periodId();
            submit(usual(), "V3", OTHER);

            assertThat(service.notEndedOf(PERSON, FIRST).stream().map(OooPeriod::id))
                    .containsExactly(sooner, later);
            assertThat(service.notEndedOf(PERSON, LAST.plusDays(1)).stream().map(OooPeriod::id))
                    .containsExactly(later);
        }

        @Test
        void between_showsEveryonesTimeOffInTheRange_withTheStepsTickedAndTheDayBack() {
            long mine = ((OooService.Saved.Planned) submit(usual("pto"), "V1", PERSON)).periodId();
            submit(draft(null, FIRST.plusDays(21), LAST.plusDays(21), List.of(COV)), "V2", OTHER);

            List<OooNotices.Shown> shown = service.between(FIRST, LAST);

            assertThat(shown).singleElement().satisfies(s -> {
                assertThat(s.period().id()).isEqualTo(mine);
                assertThat(s.ticked()).containsExactly(OooStep.PTO);
                assertThat(s.back()).isEqualTo(LocalDate.parse("2026-11-16"));
            });
        }

        /** The steps of every period listed are read in one query: each period keeps its own. */
        @Test
        void between_showsEachPeriodWithItsOwnSteps() {
            long mine = ((OooService.Saved.Planned) submit(usual("pto"), "V1", PERSON)).periodId();
            long others = ((OooService.Saved.Planned) submit(usual("calendar", "coverage"), "V2", OTHER)).periodId();
            long none = ((OooService.Saved.Planned) submit(usual(), "V3", COV2)).periodId();

            Map<Long, Set<OooStep>> ticked = service.between(FIRST, LAST).stream()
                    .collect(Collectors.toMap(s -> s.period().id(), OooNotices.Shown::ticked));

            assertThat(ticked).containsOnlyKeys(mine, others, none);
            assertThat(ticked.get(mine)).containsExactly(OooStep.PTO);
            assertThat(ticked.get(others)).containsExactlyInAnyOrder(OooStep.CALENDAR, OooStep.COVERAGE);
            assertThat(ticked.get(none)).isEmpty();
        }

        @Test
        void period_unknown_isEmpty() {
            assertThat(service.period(42)).isEmpty();
        }

        @Test
        void editable_untilTheFirstDayBeginsInThePersonsZone_andNeverOnceCancelled() {
            OooPeriod p = period(planned());

            assertThat(OooService.editable(p, Instant.parse("2026-11-09T07:59:00Z")))
                    .as("Sunday 23:59 there")
                    .isTrue();
            assertThat(OooService.editable(p, Instant.parse("2026-11-09T08:00:00Z")))
                    .as("Monday 00:00 there")
                    .isFalse();
            service.cancel(p.id(), PERSON, "cancel:1");
            assertThat(OooService.editable(period(p.id()), clock.instant())).isFalse();
        }
    }
}
