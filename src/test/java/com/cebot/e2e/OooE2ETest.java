package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.AE;
import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.CE_INTERNAL;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Fault;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.LogCapture;
import com.cebot.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OOO protocol through the real app and a loopback Slack, with a hand-moved clock. It starts on
 * Monday 2026-10-26 at 17:00 UTC: 10:00 in Los Angeles (still on summer time until 1 November),
 * 18:00 in Berlin, and already Tuesday 07:00 on Kiritimati (UTC+14). The time off in most tests is
 * Monday 9 – Friday 13 November, back Monday 16: the open steps are reminded on Wednesday 4, the
 * status checked on Friday 6, the team told on Monday 9, all at 09:00 in the person's zone.
 */
final class OooE2ETest {

    static final String LA = "U0LA";
    static final String BER = "U0BER";
    static final String KIR = "U0KIR";
    static final String COV = "U0COV";
    static final String COV2 = "U0COV2";
    static final String MANAGER = "U0MGR";
    static final Instant START = Instant.parse("2026-10-26T17:00:00Z");

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    final MutableClock clock = new MutableClock(START);
    BotHarness harness;

    @BeforeEach
    void start() {
        harness = BotHarness.create(dir, clock);
        harness.slack.addUser(LA, "lena", "America/Los_Angeles");
        harness.slack.addUser(BER, "bernd", "Europe/Berlin");
        harness.slack.addUser(KIR, "kiri", "Pacific/Kiritimati");
        harness.slack.addUser(COV, "cora", "America/New_York");
        harness.slack.addUser(COV2, "colin", "America/New_York");
        harness.slack.addUser(MANAGER, "mona", "America/Los_Angeles");
        harness.appendConfig("""
                roster:
                  - user: %s
                    start_date: 2026-01-05
                    manager: %s
                """.formatted(LA, MANAGER));
        harness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    // ---- helpers

    View openModal(String user) {
        harness.slack.clearCalls();
        harness.slack.awaitAck(harness.slack.sendSlashCommand(OooIds.COMMAND, "", user, CE), WAIT);
        harness.slack.awaitCall("views.open", WAIT);
        return harness.slack.lastOpenedView();
    }

    static StateValues form(String first, String last, String... coverers) {
        return StateValues.of()
                .date(OooIds.FIRST_DAY, OooIds.VALUE, first)
                .date(OooIds.LAST_DAY, OooIds.VALUE, last)
                .users(OooIds.COVERERS, OooIds.VALUE, coverers.length == 0 ? new String[] {COV} : coverers)
                .text(OooIds.PLAN, OooIds.VALUE, "Cora takes <!channel> escalations & renewals")
                .externalSelects(OooIds.CUSTOMERS, OooIds.CUSTOMER_SELECT, "new:Acme <@U0HEAD>");
    }

    static StateValues usual() {
        return form("2026-11-09", "2026-11-13");
    }

    Ack submit(View view, String user, StateValues values) {
        return harness.slack.awaitAck(harness.slack.submitView(view.id(), user, values.toJson()), WAIT);
    }

    Message plan(String user, StateValues values) {
        // This plan's own DM: one planned before has the same start.
        int before = dms(user, "Your time off is planned").size();
        Ack ack = submit(openModal(user), user, values);
        assertThat(ack.payload() == null ? null : ack.payload().path("errors").toString())
                .isIn(null, "");
        return Await.value(
                WAIT,
                "a DM to " + user + " that the time off is planned",
                () -> dms(user, "Your time off is planned").stream()
                        .skip(before)
                        .findFirst()
                        .orElse(null));
    }

    List<Message> dms(String user, String prefix) {
        return harness.slack.messages(user).stream()
                .filter(m -> m.text() != null && m.text().startsWith(prefix))
                .toList();
    }

    Message awaitDm(String user, String prefix) {
        return Await.value(
                WAIT,
                "a DM to " + user + " starting \"" + prefix + "\"",
                () -> dms(user, prefix).stream().findFirst().orElse(null));
    }

    /** The OOO announcements in #ce-internal; other workflows post there too (SDR group sync). */
    List<Message> announcements() {
        return channel(CE_INTERNAL).stream()
                .filter(m -> m.text() != null && m.text().contains("is out of office"))
                .toList();
    }

    List<Message> channel(String channel) {
        return harness.slack.messages(channel);
    }

    /** Moves the clock, and waits until every job due by then has run and what it queued is sent. */
    void at(String instant) {
        clock.set(Instant.parse(instant));
        harness.awaitWorkDone();
    }

    Message current(String user, Message m) {
        return harness.slack.message(user, m.ts()).orElseThrow();
    }

    static JsonNode element(Message m, String actionId) {
        return m.blocks().findValues("action_id").stream()
                        .anyMatch(a -> a.asText().equals(actionId))
                ? StreamSupport.stream(m.blocks().spliterator(), false)
                        .flatMap(b -> java.util.stream.Stream.of(b.path("accessory"), b.path("elements")))
                        .flatMap(e -> e.isArray()
                                ? StreamSupport.stream(e.spliterator(), false)
                                : java.util.stream.Stream.of(e))
                        .filter(e -> actionId.equals(e.path("action_id").asText()))
                        .findFirst()
                        .orElseThrow()
                : null;
    }

    void press(String user, Message m, String actionId) {
        JsonNode button = element(m, actionId);
        assertThat(button).as(actionId + " in " + m.blocks()).isNotNull();
        harness.slack.awaitAck(
                harness.slack.sendBlockAction(
                        user, user, m.ts(), actionId, "b", button.path("value").asText()),
                WAIT);
    }

    static String errors(Ack ack) {
        return ack.payload() == null ? "" : ack.payload().path("errors").toString();
    }

    // ---- the modal and its checks

    @Nested
    class Modal {

        @Test
        void slashCommand_opensTheModal_withThePersonsZone_andTheFiveSteps() {
            View view = openModal(KIR);

            assertThat(view.callbackId()).isEqualTo(OooIds.CALLBACK_ID);
            assertThat(view.privateMetadata()).contains("Pacific/Kiritimati");
            assertThat(view.blocks().toString())
                    .contains(
                            "Time off logged in Roots PTO",
                            "Logged on the CE team calendar",
                            "Coverage plan agreed with my manager",
                            "Customers notified",
                            "Slack status shows my OOO dates");
            assertThat(harness.slack.calls("users.info")).isNotEmpty();
        }

        @Test
        void withoutAZoneFromSlack_theTeamsZoneIsUsed() {
            harness.slack.enqueueFault("users.info", new Fault.NotOk("user_not_found"));

            View view = openModal(KIR);

            assertThat(view.privateMetadata()).contains("America/Los_Angeles").doesNotContain("Kiritimati");
        }

        @Test
        void twoOverlappingSubmissionsAtOnce_saveOne_andTheOtherIsTold() {
            View first = openModal(LA);
            View second = openModal(LA);

            String a = harness.slack.submitView(first.id(), LA, usual().toJson());
            String b = harness.slack.submitView(
                    second.id(), LA, form("2026-11-12", "2026-11-20").toJson());
            List<Ack> acks = List.of(harness.slack.awaitAck(a, WAIT), harness.slack.awaitAck(b, WAIT));

            awaitDm(LA, "Your time off is planned");
            long refusedInForm = acks.stream()
                    .filter(ack -> errors(ack).contains("already have time off"))
                    .count();
            if (refusedInForm == 0) {
                awaitDm(LA, "I couldn't save your time off: you already have time off planned");
            }
            harness.awaitWorkDone();
            assertThat(dms(LA, "Your time off is planned")).hasSize(1);
            assertThat(refusedInForm + dms(LA, "I couldn't save").size()).isEqualTo(1);
        }

        @Test
        void firstDay_isCheckedInThePersonsOwnZone() {
            // Monday 26 October: still today in Los Angeles, already yesterday on Kiritimati.
            Ack kiri = submit(openModal(KIR), KIR, form("2026-10-26", "2026-10-30"));
            Ack lena = submit(openModal(LA), LA, form("2026-10-26", "2026-10-30"));

            assertThat(errors(kiri)).contains(OooIds.FIRST_DAY, "has passed");
            assertThat(errors(lena)).isEmpty();
        }

        @Test
        void lastDayBeforeFirst_isRefusedOnTheLastDay() {
            Ack ack = submit(openModal(LA), LA, form("2026-11-09", "2026-11-06"));
            assertThat(errors(ack)).contains(OooIds.LAST_DAY, "before your first");
        }

        @Test
        void overlapWithOwnPeriod_isRefused_butAnotherPersonsIsNot() {
            plan(LA, usual());

            Ack overlap = submit(openModal(LA), LA, form("2026-11-13", "2026-11-20"));
            Ack other = submit(openModal(BER), BER, usual());

            assertThat(errors(overlap)).contains(OooIds.FIRST_DAY, "already have time off planned");
            assertThat(errors(other)).isEmpty();
        }

        @Test
        void coveringYourself_isRefused() {
            Ack ack = submit(openModal(LA), LA, form("2026-11-09", "2026-11-13", COV, LA));
            assertThat(errors(ack)).contains(OooIds.COVERERS, "can't cover your own");
        }

        @Test
        void aCovererThatIsNotAUserId_isRefusedOnItsField_andNothingIsStoredOrSent() {
            Ack ack = submit(openModal(LA), LA, form("2026-11-09", "2026-11-13", COV, "<!channel>"));

            assertThat(errors(ack)).contains(OooIds.COVERERS, "from the list");
            harness.awaitWorkDone();
            assertThat(Burst.query(harness.databaseFile(), "SELECT COUNT(*) FROM ooo_period"))
                    .containsExactly("0");
            assertThat(harness.slack.messages(LA)).isEmpty();
            assertThat(harness.slack.messages(COV)).isEmpty();
        }

        @Test
        void aNewPeriodBeyondTheMostPlannedAtOnce_isRefusedOnTheFirstDay() {
            harness.stopBot();
            harness.appendConfig("""
                    ooo:
                      max_planned_periods: 2
                    """);
            harness.start();
            plan(LA, usual());
            plan(LA, form("2026-11-23", "2026-11-24"));

            Ack third = submit(openModal(LA), LA, form("2026-12-07", "2026-12-08"));

            assertThat(errors(third)).contains(OooIds.FIRST_DAY, "already have 2 periods of time off planned");
            assertThat(Burst.query(harness.databaseFile(), "SELECT COUNT(*) FROM ooo_period"))
                    .containsExactly("2");
        }

        @Test
        void tooLongAPlan_orTooLongAPeriod_isRefused() {
            Ack plan = submit(openModal(LA), LA, usual().text(OooIds.PLAN, OooIds.VALUE, "x".repeat(1001)));
            Ack period = submit(openModal(LA), LA, form("2026-11-09", "2027-11-09"));

            assertThat(errors(plan)).contains(OooIds.PLAN, "1000 characters");
            assertThat(errors(period)).contains(OooIds.LAST_DAY, "180 days");
        }

        @Test
        void save_sendsTheSummary_withManager_notice_status_andEscapedText_andTellsTheCoverer() {
            Message summary = plan(LA, usual().checkboxes(OooIds.STEPS, OooIds.VALUE, "pto"));
            awaitDm(COV, "<@" + LA + "> is out");
            assertThat(logs.events().stream().map(e -> e.getFormattedMessage()))
                    .anyMatch(l -> l.startsWith("ooo ") && l.contains(" from " + LA + ": Planned"))
                    .noneMatch(l -> l.contains("escalations & renewals") || l.contains("Acme"));

            String blocks = summary.blocks().toString();
            assertThat(blocks)
                    .contains(
                            "Mon 9 Nov – Fri 13 Nov 2026",
                            "back Mon 16 Nov 2026",
                            "<@" + COV + ">",
                            "<@" + MANAGER + ">",
                            "OOO Mon 9 Nov – Fri 13 Nov, back Mon 16 Nov",
                            ":palm_tree:",
                            "Hello! I'm out of office",
                            "&lt;!channel&gt;",
                            "&amp;",
                            "Acme &lt;@U0HEAD&gt;");
            assertThat(blocks).doesNotContain("<!channel>", "<@U0HEAD>");
            assertThat(element(summary, OooIds.TICK_PREFIX + "pto")).isNull();
            assertThat(element(summary, OooIds.TICK_PREFIX + "calendar")).isNotNull();
            assertThat(blocks)
                    .as("the customer notice names who covers as people outside Slack know them")
                    .contains("While I'm away, cora will look after you");
            Message toCoverer = awaitDm(COV, "<@" + LA + "> is out");
            assertThat(toCoverer.text()).contains("Mon 9 Nov", "&lt;!channel&gt;");
            assertThat(element(toCoverer, OooIds.CANNOT_COVER)).isNotNull();
        }

        @Test
        void aNameSlackWillNotGive_leavesAColleagueInTheNotice_andTheSummaryStillGoes() {
            View view = openModal(LA);
            harness.slack.enqueueFault("users.info", new Fault.NotOk("user_not_found"));

            assertThat(errors(submit(view, LA, usual()))).isEmpty();

            String blocks = awaitDm(LA, "Your time off is planned").blocks().toString();
            assertThat(blocks)
                    .contains("While I'm away, a colleague will look after you", "put the names")
                    .doesNotContain("cora will");
        }

        @Test
        void customerTypeahead_offersANewName() {
            View view = openModal(LA);
            Ack ack = harness.slack.awaitAck(
                    harness.slack.sendBlockSuggestion(
                            view.id(), LA, OooIds.CUSTOMER_SELECT, OooIds.CUSTOMERS, "Globex"),
                    WAIT);
            assertThat(ack.payload().path("options").toString()).contains("New customer: Globex");
        }
    }

    // ---- the team-calendar event

    List<Message> filesIn(String user) {
        return harness.slack.messages(user).stream()
                .filter(m -> m.files() != null)
                .toList();
    }

    @Test
    void save_sharesTheCalendarEvent_inTheDm() {
        plan(LA, usual());

        Message shared = Await.value(
                WAIT,
                "the .ics in the DM",
                () -> filesIn(LA).stream().findFirst().orElse(null));

        assertThat(shared.files().get(0).path("name").asText()).isEqualTo("time-off-1-1.ics");
        assertThat(shared.text()).contains("CE team calendar", "Mon 9 Nov – Fri 13 Nov 2026");
        assertThat(harness.slack.uploadedFiles().get("time-off-1-1.ics"))
                .contains(
                        "BEGIN:VEVENT\r\n",
                        "DTSTART;VALUE=DATE:20261109",
                        "DTEND;VALUE=DATE:20261114",
                        "UID:ooo-1@cebot");
    }

    @Test
    void aCalendarShareWhoseAnswerWasLost_isLookedFor_notSharedTwice() {
        harness.slack.enqueueFault("files.completeUploadExternal", new Fault.LoseAnswer(Duration.ofSeconds(3)));
        plan(LA, usual());
        harness.slack.awaitCall("files.completeUploadExternal", WAIT);

        harness.slack.awaitNoCallInProgress(WAIT);
        clock.advance(Duration.ofSeconds(30));
        Await.until(
                WAIT,
                "the lost share looked for",
                () -> !harness.slack.calls("conversations.history").isEmpty());
        clock.advance(Duration.ofSeconds(30));
        harness.awaitWorkDone();

        assertThat(filesIn(LA)).hasSize(1);
        assertThat(harness.slack.calls("files.completeUploadExternal")).hasSize(1);
    }

    // ---- list, help, anything else

    @Nested
    class Command {

        Ack command(String text, String user) {
            return harness.slack.awaitAck(harness.slack.sendSlashCommand(OooIds.COMMAND, text, user, CE), WAIT);
        }

        @Test
        void list_showsWhoIsOutTodayAndInTheNext14Days_privately() {
            plan(LA, form("2026-10-26", "2026-10-28"));
            plan(BER, usual());
            plan(KIR, form("2026-11-20", "2026-11-27"));

            Ack ack = command("list", AE);

            String text = ack.payload().path("text").asText();
            assertThat(ack.payload().path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(text)
                    .contains(
                            "*Out today*",
                            "<@" + LA + ">",
                            "*In the next 14 days*",
                            "<@" + BER + ">",
                            "covering: <@" + COV + ">");
            assertThat(text.indexOf("<@" + LA + ">")).isLessThan(text.indexOf("<@" + BER + ">"));
            assertThat(text).doesNotContain(KIR);
        }

        @Test
        void help_andUnknownText_answerWithTheHelp_privately() {
            Ack help = command("help", AE);
            Ack unknown = command("vacation please &lt;!channel&gt;", AE);

            assertThat(help.payload().path("text").asText()).contains("/ooo list", "Roots PTO");
            assertThat(unknown.payload().path("text").asText())
                    .isEqualTo(help.payload().path("text").asText());
            assertThat(unknown.payload().path("response_type").asText()).isEqualTo("ephemeral");
            // The bare command after them opens the modal: once it has, the others had their chance to.
            command("", AE);
            harness.slack.awaitCall("views.open", WAIT);
            assertThat(harness.slack.calls("views.open")).hasSize(1);
        }

        @Test
        void bareCommand_withTimeOffPlanned_listsItToEditOrCancel() {
            plan(LA, usual());

            harness.slack.clearCalls();
            Ack ack = command("", LA);

            assertThat(ack.payload().path("blocks").toString()).contains("Mon 9 Nov", OooIds.EDIT, OooIds.CANCEL);
            harness.slack.awaitCall("views.open", WAIT);
        }
    }

    // ---- steps ticked from the DM

    @Test
    void tickButtons_recordTheStep_andUpdateTheDmInPlace_evenWhenPressedQuickly() {
        Message summary = plan(LA, usual());

        press(LA, summary, OooIds.TICK_PREFIX + "pto");
        press(LA, summary, OooIds.TICK_PREFIX + "calendar");

        Await.until(WAIT, "both ticks shown", () -> {
            Message now = current(LA, summary);
            return element(now, OooIds.TICK_PREFIX + "pto") == null
                    && element(now, OooIds.TICK_PREFIX + "calendar") == null;
        });
        assertThat(current(LA, summary).blocks().toString())
                .contains(
                        ":white_check_mark: *1. Log it in Roots PTO* · done",
                        ":white_check_mark: *2. Log it on the CE team calendar* · done");
        assertThat(current(LA, summary).text())
                .as("the text is redrawn with the blocks")
                .contains("2 of 5 steps done");
        assertThat(dms(LA, "Your time off is planned")).hasSize(1);
    }

    @Test
    void someoneElsePressingATick_isToldPrivately_andChangesNothing() {
        Message summary = plan(LA, usual());
        JsonNode button = element(summary, OooIds.TICK_PREFIX + "pto");
        harness.awaitWorkDone();
        harness.slack.clearCalls();

        harness.slack.awaitAck(
                harness.slack.sendBlockAction(
                        AE,
                        LA,
                        summary.ts(),
                        OooIds.TICK_PREFIX + "pto",
                        "b",
                        button.path("value").asText()),
                WAIT);

        RecordedCall refusal = harness.slack.awaitCall("response_url", WAIT);
        assertThat(refusal.json().path("text").asText())
                .isEqualTo("Only the person taking this time off can tick its steps.");
        assertThat(refusal.json().path("response_type").asText()).isEqualTo("ephemeral");
        harness.awaitWorkDone();
        assertThat(Burst.query(harness.databaseFile(), "SELECT COUNT(*) FROM ooo_step"))
                .containsExactly("0");
        assertThat(harness.slack.calls("chat.update")).isEmpty();
        assertThat(element(current(LA, summary), OooIds.TICK_PREFIX + "pto")).isNotNull();
    }

    // ---- someone covering who can't

    @Test
    void aCovererWhoCantCover_tellsThePersonGoingOutOnce_andTheSummaryAndTheTeamSayIt() {
        Message summary = plan(LA, usual());
        Message toCoverer = awaitDm(COV, "<@" + LA + "> is out");

        press(COV, toCoverer, OooIds.CANNOT_COVER);

        Message told = awaitDm(LA, "<@" + COV + "> can't cover your time off");
        assertThat(told.text()).contains("Mon 9 Nov – Fri 13 Nov 2026", "Edit your time off to pick someone else");
        assertThat(element(told, OooIds.EDIT)).isNotNull();
        Await.until(
                WAIT,
                "their DM redrawn",
                () -> current(COV, toCoverer).text().startsWith("You told <@" + LA + ">")
                        && element(current(COV, toCoverer), OooIds.CANNOT_COVER) == null);
        Await.until(
                WAIT,
                "the summary redrawn",
                () -> current(LA, summary).text().contains("Covering: nobody yet (<@" + COV + "> can't cover)"));

        harness.slack.clearCalls();
        harness.slack.awaitAck(
                harness.slack.sendBlockAction(
                        COV,
                        COV,
                        toCoverer.ts(),
                        OooIds.CANNOT_COVER,
                        "b",
                        element(toCoverer, OooIds.CANNOT_COVER).path("value").asText()),
                WAIT);
        assertThat(harness.slack
                        .awaitCall("response_url", WAIT)
                        .json()
                        .path("text")
                        .asText())
                .isEqualTo("You've already told <@" + LA + "> you can't cover.");
        Await.stays(
                WAIT,
                "DMs telling LA",
                1,
                () -> dms(LA, "<@" + COV + "> can't cover").size(),
                harness::workDone);

        harness.slack.setStatus(LA, "OOO", ":palm_tree:");
        at("2026-11-09T17:00:00Z");
        Message announcement = Await.value(
                WAIT,
                "the announcement",
                () -> announcements().stream().findFirst().orElse(null));
        assertThat(announcement.text()).contains("Covering: nobody yet (<@" + COV + "> can't cover)");
        assertThat(dms(COV, "<@" + LA + "> is out of office now")).isEmpty();
    }

    @Test
    void aCovererAfterAnEdit_isAskedAgain_andWhoWasDroppedCannotAnswerAnyMore() {
        Message summary = plan(LA, usual());
        Message toCoverer = awaitDm(COV, "<@" + LA + "> is out");
        harness.slack.clearCalls();
        press(LA, summary, OooIds.EDIT);
        harness.slack.awaitCall("views.open", WAIT);
        assertThat(errors(submit(harness.slack.lastOpenedView(), LA, form("2026-11-16", "2026-11-20", COV2))))
                .isEmpty();
        awaitDm(COV, "<@" + LA + "> changed their time off");
        harness.slack.clearCalls();

        press(COV, toCoverer, OooIds.CANNOT_COVER);

        assertThat(harness.slack
                        .awaitCall("response_url", WAIT)
                        .json()
                        .path("text")
                        .asText())
                .contains("You aren't covering that time off any more");
        harness.awaitWorkDone();
        assertThat(dms(LA, "<@" + COV + "> can't cover")).isEmpty();
    }

    // ---- reminders in three time zones

    @Test
    void reminders_fireOnce_atTheReminderHour_inEachPersonsZone() {
        plan(LA, usual());
        plan(BER, usual());
        plan(KIR, usual());

        // Kiritimati: Wednesday 09:00 there is Tuesday 19:00 UTC.
        at("2026-11-03T18:59:00Z");
        assertThat(dms(KIR, "Your time off starts")).isEmpty();
        at("2026-11-03T19:00:00Z");
        awaitDm(KIR, "Your time off starts");
        // Berlin: 08:00 UTC. Los Angeles: 09:00 PST is 17:00 UTC after the clocks went back.
        at("2026-11-04T07:59:00Z");
        assertThat(dms(BER, "Your time off starts")).isEmpty();
        at("2026-11-04T08:00:00Z");
        awaitDm(BER, "Your time off starts");
        at("2026-11-04T16:00:00Z");
        assertThat(dms(LA, "Your time off starts"))
                .as("09:00 on summer time would be wrong")
                .isEmpty();
        at("2026-11-04T17:00:00Z");
        Message remind = awaitDm(LA, "Your time off starts");
        assertThat(remind.blocks().toString()).contains(OooIds.TICK_PREFIX + "pto");

        at("2026-11-05T17:00:00Z");
        assertThat(dms(LA, "Your time off starts")).hasSize(1);
        assertThat(dms(BER, "Your time off starts")).hasSize(1);
        assertThat(dms(KIR, "Your time off starts")).hasSize(1);
    }

    @Test
    void remind_isNotSent_whenEveryStepIsTicked() {
        plan(LA, usual().checkboxes(OooIds.STEPS, OooIds.VALUE, "pto", "calendar", "coverage", "customers", "status"));

        at("2026-11-04T17:00:00Z");

        assertThat(dms(LA, "Your time off starts")).isEmpty();
    }

    @Test
    void tickFromTheReminder_updatesTheReminder() {
        plan(LA, usual());
        at("2026-11-04T17:00:00Z");
        Message remind = awaitDm(LA, "Your time off starts");

        press(LA, remind, OooIds.TICK_PREFIX + "status");

        Await.until(
                WAIT, "reminder redrawn", () -> element(current(LA, remind), OooIds.TICK_PREFIX + "status") == null);
    }

    // ---- the status check

    @Test
    void statusCheck_remindsOnlyWhenTheStatusDoesNotShowTheAbsence() {
        plan(LA, usual());
        plan(BER, usual());
        harness.slack.setStatus(LA, "Vacation", ":palm_tree:");
        harness.slack.setStatus(BER, "Focusing", ":headphones:");

        at("2026-11-06T08:00:00Z");
        Message ber = awaitDm(BER, "Your time off starts Mon 9 Nov 2026, and your Slack status");
        at("2026-11-06T17:00:00Z");

        assertThat(ber.text())
                .contains(
                        "`OOO Mon 9 Nov – Fri 13 Nov, back Mon 16 Nov`",
                        ":palm_tree:",
                        "Clear after* Fri 13 Nov 2026",
                        "Focusing",
                        "can't set it for you");
        assertThat(dms(LA, "Your time off starts Mon 9 Nov 2026, and your Slack status"))
                .isEmpty();
        assertThat(harness.slack.calls("users.info").stream()
                        .filter(c -> c.toString().contains(LA)))
                .isNotEmpty();
    }

    @Test
    void statusCheck_aRefusedLookup_isRetried_notGuessed() {
        plan(BER, usual());
        harness.slack.enqueueFault("users.info", new Fault.NotOk("missing_scope"));

        at("2026-11-06T08:00:00Z");
        assertThat(harness.slack.calls("users.info").stream().filter(c -> BER.equals(c.param("user"))))
                .as("the status looked up, and refused")
                .isNotEmpty();
        assertThat(dms(BER, "Your time off starts Mon 9 Nov 2026, and your Slack status"))
                .isEmpty();
        at("2026-11-06T08:01:00Z");

        awaitDm(BER, "Your time off starts Mon 9 Nov 2026, and your Slack status");
        Await.stays(
                WAIT,
                "status reminders to BER",
                1,
                () -> dms(BER, "Your time off starts Mon 9 Nov 2026, and your Slack status")
                        .size(),
                harness::workDone);
    }

    // ---- the first day and the day back

    @Test
    void firstDay_announcesInCeInternal_andTellsTheCoverers_once() {
        plan(LA, form("2026-11-09", "2026-11-13", COV, COV2));
        harness.slack.setStatus(LA, "OOO", ":palm_tree:");

        at("2026-11-09T16:59:00Z");
        assertThat(announcements()).isEmpty();
        at("2026-11-09T17:00:00Z");
        Message announcement = Await.value(
                WAIT,
                "the announcement",
                () -> announcements().stream().findFirst().orElse(null));
        awaitDm(COV, "<@" + LA + "> is out of office now");
        awaitDm(COV2, "<@" + LA + "> is out of office now");
        at("2026-11-10T17:00:00Z");

        assertThat(announcement.text())
                .contains(
                        "<@" + LA + ">",
                        "Mon 9 Nov – Fri 13 Nov 2026",
                        "<@" + COV + ">",
                        "<@" + COV2 + ">",
                        "&lt;@U0HEAD&gt;");
        assertThat(announcements()).hasSize(1);
        assertThat(dms(COV, "<@" + LA + "> is out of office now")).hasSize(1);
    }

    @Test
    void timeOffStartingOnASaturday_isAnnouncedOnMonday() {
        plan(LA, form("2026-11-07", "2026-11-13"));

        at("2026-11-07T17:00:00Z");
        assertThat(announcements()).isEmpty();
        at("2026-11-09T17:00:00Z");

        Await.until(WAIT, "the announcement on Monday", () -> announcements().size() == 1);
    }

    @Test
    void mentionWhileOut_getsOneReplyPerThread_andIsListedOnTheDayBack() {
        plan(LA, usual());
        at("2026-11-09T18:00:00Z");

        var first = harness.slack.sendMessageEvent(CE, AE, "<@" + LA + "> can you look at this?", null);
        Message reply = Await.value(
                WAIT, "the reply", () -> botReplies().stream().findFirst().orElse(null));
        List.of(
                        harness.slack.sendMessageEvent(CE, AE, "ping <@" + LA + "> again", first.ts()),
                        harness.slack.sendMessageEvent(CE, LA, "I am <@" + LA + "> and I'm here", null),
                        harness.slack.sendMessageEvent(CE_INTERNAL, AE, "<@" + LA + "> fyi", null),
                        harness.slack.sendMessageChangedEvent(CE, first.ts(), "<@" + LA + "> edited"))
                .forEach(e -> harness.slack.awaitAck(e.envelopeId(), WAIT));

        assertThat(reply.threadTs()).isEqualTo(first.ts());
        assertThat(reply.text())
                .contains(
                        "<@" + LA + "> is out of office until Fri 13 Nov 2026",
                        "back Mon 16 Nov 2026",
                        "<@" + COV + "> is covering");
        Await.stays(WAIT, "the bot's replies in #ce", 1, () -> botReplies().size(), harness::workDone);
        assertThat(announcements().stream().filter(m -> m.text().contains("out of office until")))
                .isEmpty();

        harness.slack.sendMessageEvent(CE, AE, "new question for <@" + LA + ">", null);
        Await.until(WAIT, "a reply in the new thread", () -> botReplies().size() == 2);

        at("2026-11-16T17:00:00Z");
        Message back = awaitDm(LA, "Welcome back");
        assertThat(back.text()).contains("I answered a mention of you in <#" + CE + ">");
        assertThat(back.text().split("I answered a mention").length - 1).isEqualTo(2);
    }

    @Test
    void aMeMessageMentioningSomeoneOut_getsTheReply_butSlacksOwnNoticesAndOtherBotsDoNot() {
        plan(LA, usual());
        at("2026-11-09T18:00:00Z");
        harness.slack.addBot("B0OTHER", "U0OTHERBOT", "otherbot");
        harness.slack.awaitAck(
                harness.slack
                        .sendChannelTopicEvent(CE, AE, "Renewals: ask <@" + LA + ">")
                        .envelopeId(),
                WAIT);
        harness.slack.awaitAck(
                harness.slack
                        .sendBotMessageEvent(CE, "B0OTHER", "<@" + LA + "> new ticket")
                        .envelopeId(),
                WAIT);

        var me = harness.slack.sendMeMessageEvent(CE, AE, "is looking for <@" + LA + ">");

        Message reply = Await.value(
                WAIT,
                "the reply to the /me message",
                () -> botReplies().stream().findFirst().orElse(null));
        assertThat(reply.threadTs()).isEqualTo(me.ts());
        assertThat(reply.text()).contains("<@" + LA + "> is out of office until Fri 13 Nov 2026");
        Await.stays(WAIT, "the bot's replies in #ce", 1, () -> botReplies().size(), harness::workDone);
    }

    @Test
    void aReplyAlsoSentToTheChannel_mentioningSomeoneOut_isAnsweredInItsThread() {
        plan(LA, usual());
        at("2026-11-09T18:00:00Z");
        String thread =
                harness.slack.sendMessageEvent(CE, AE, "Renewal for Acme", null).ts();

        harness.slack.sendThreadBroadcastEvent(CE, AE, "<@" + LA + "> knows this account", thread);

        Message reply = Await.value(
                WAIT, "the reply", () -> botReplies().stream().findFirst().orElse(null));
        assertThat(reply.threadTs()).isEqualTo(thread);
    }

    List<Message> botReplies() {
        return channel(CE).stream().filter(m -> m.isReply() && m.fromBot()).toList();
    }

    // ---- edit and cancel

    @Test
    void edit_replansTheReminders_andTellsTheCoverers() {
        Message summary = plan(LA, usual());
        awaitDm(COV, "<@" + LA + "> is out");

        harness.slack.clearCalls();
        press(LA, summary, OooIds.EDIT);
        harness.slack.awaitCall("views.open", WAIT);
        View edit = harness.slack.lastOpenedView();
        assertThat(edit.json().path("blocks").toString()).contains("2026-11-09", "2026-11-13", COV);
        Ack ack = submit(edit, LA, form("2026-11-16", "2026-11-20", COV2));
        assertThat(errors(ack)).isEmpty();

        Await.until(
                WAIT,
                "the new summary",
                () -> dms(LA, "Your time off is planned").stream()
                        .anyMatch(m -> m.text().contains("Mon 16 Nov")));
        awaitDm(COV, "<@" + LA + "> changed their time off");
        awaitDm(COV2, "<@" + LA + "> changed their time off");
        Await.until(
                WAIT,
                "the old summary marked",
                () -> current(LA, summary).text().startsWith("You changed"));
        assertThat(current(LA, summary).blocks().toString())
                .as("its blocks, which Slack shows, say so too")
                .contains("You changed this time off")
                .doesNotContain(OooIds.EDIT, OooIds.TICK_PREFIX);
        at("2026-11-04T17:00:00Z");
        assertThat(dms(LA, "Your time off starts"))
                .as("the old reminder is cancelled")
                .isEmpty();
        at("2026-11-11T17:00:00Z");
        assertThat(awaitDm(LA, "Your time off starts").text()).contains("Mon 16 Nov");
    }

    @Test
    void editingAgainAndAgain_messagesThePersonCoveringAtMostFourTimesADay_andSaysWhoWasNotTold() {
        plan(LA, usual());
        for (int edit = 1; edit <= 4; edit++) {
            Message summary = newestSummary();
            harness.slack.clearCalls();
            press(LA, summary, OooIds.EDIT);
            harness.slack.awaitCall("views.open", WAIT);
            assertThat(errors(submit(harness.slack.lastOpenedView(), LA, usual())))
                    .isEmpty();
            int edits = edit;
            Await.until(
                    WAIT,
                    "edit " + edits + " saved",
                    () -> dms(LA, "You changed this time off").size() == edits
                            && dms(LA, "Your time off is planned").size() == 1);
        }

        String notTold = awaitDm(LA, "I didn't message").text();
        assertThat(notTold).contains("<@" + COV + ">", "4 messages today", "first day out");
        Await.stays(
                WAIT,
                "DMs to the person covering: the save and three edits",
                4,
                () -> dms(COV, "<@" + LA + ">").size(),
                harness::workDone);

        clock.advance(Duration.ofHours(25));
        Message summary = newestSummary();
        harness.slack.clearCalls();
        press(LA, summary, OooIds.EDIT);
        harness.slack.awaitCall("views.open", WAIT);
        submit(harness.slack.lastOpenedView(), LA, usual());
        Await.until(
                WAIT, "a day later, told again", () -> dms(COV, "<@" + LA + ">").size() == 5);
    }

    /** The summary DM of the newest version: an edit marks the older ones as changed, without buttons. */
    Message newestSummary() {
        return Await.value(
                WAIT,
                "the newest summary",
                () -> dms(LA, "Your time off is planned").stream().findFirst().orElse(null));
    }

    @Test
    void cancel_removesTheReminders_andTellsTheCoverers() {
        Message summary = plan(LA, usual());

        press(LA, summary, OooIds.CANCEL);

        awaitDm(COV, "<@" + LA + "> cancelled their time off");
        awaitDm(LA, "Your time off Mon 9 Nov – Fri 13 Nov 2026 is cancelled");
        Await.until(
                WAIT,
                "the summary says so, without its buttons",
                () -> current(LA, summary).blocks().toString().contains("is cancelled")
                        && element(current(LA, summary), OooIds.CANCEL) == null);
        at("2026-11-04T17:00:00Z");
        at("2026-11-09T17:00:00Z");
        assertThat(dms(LA, "Your time off starts")).isEmpty();
        assertThat(announcements()).isEmpty();
        Ack list = harness.slack.awaitAck(harness.slack.sendSlashCommand(OooIds.COMMAND, "list", AE, CE), WAIT);
        assertThat(list.payload().path("text").asText()).doesNotContain(LA);
    }

    // ---- restarts and downtime

    @Test
    void restartBetweenSchedulingAndFiring_stillRemindsOnce() {
        plan(LA, usual());

        harness.restart();
        at("2026-11-04T17:00:00Z");

        awaitDm(LA, "Your time off starts");
        harness.restart();
        Await.stays(
                WAIT,
                "reminders to LA",
                1,
                () -> dms(LA, "Your time off starts").size(),
                harness::workDone);
    }

    @Test
    void missedDuringDowntime_aReminderThatStillMakesSense_isSentOnStart() {
        plan(LA, usual());

        harness.stopBot();
        clock.set(Instant.parse("2026-11-05T20:00:00Z"));
        harness.start();

        awaitDm(LA, "Your time off starts");
    }

    @Test
    void missedDuringDowntime_aReminderForTimeOffBegun_isDropped_withALogLine_whileTheAnnouncementIsSent() {
        plan(LA, usual());
        harness.stopBot();
        clock.set(Instant.parse("2026-11-10T18:00:00Z"));
        harness.start();

        Await.value(
                WAIT,
                "the late announcement",
                () -> announcements().stream().findFirst().orElse(null));
        harness.awaitWorkDone();
        assertThat(dms(LA, "Your time off starts")).isEmpty();
        assertThat(logs.events().stream().map(e -> e.getFormattedMessage()))
                .anyMatch(l -> l.startsWith("ooo.remind") && l.endsWith("dropped: the time off has begun"))
                .anyMatch(l -> l.startsWith("ooo.status") && l.endsWith("dropped: the time off has begun"))
                .noneMatch(l -> l.contains("escalations & renewals"));
    }
}
