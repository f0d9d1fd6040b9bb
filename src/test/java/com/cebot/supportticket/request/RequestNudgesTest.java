package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders to the head of support, driven by the durable scheduler and a hand-moved clock. The
 * store starts on Monday 2026-11-23 at 09:00 in Los Angeles, with 4 working hours to acknowledge.
 */
final class RequestNudgesTest {

    @TempDir
    Path dir;

    private RequestStore store;

    @BeforeEach
    void setUp() {
        store = new RequestStore(dir);
    }

    private List<RequestStore.Row> nudges() {
        return store.outboxRows().stream()
                .filter(r -> r.key().contains(":nudge-"))
                .toList();
    }

    private long submit(LocalDate neededBy) {
        var draft =
                RequestStore.draft(Optional.ofNullable(neededBy).map(d -> new RequestDraft.Timing(d, "Renewal call")));
        long id = store.submit(draft, "V" + neededBy, RequestStore.CE).requestId();
        store.landCard(id);
        return id;
    }

    private void at(String instant) {
        store.clock.set(Instant.parse(instant));
        store.jobs.runOnce();
    }

    @Test
    void unacknowledged_isNudgedAfterTheWorkingHours_inTheCardsThread_mentioningTheHead() {
        submit(null);

        at("2026-11-23T20:59:00Z");
        assertThat(nudges()).isEmpty();

        at("2026-11-23T21:00:00Z");
        assertThat(nudges()).singleElement().satisfies(row -> {
            assertThat(row.kind()).isEqualTo("note");
            assertThat(row.anchorKey()).startsWith("request-card:");
            assertThat(row.arg("text"))
                    .startsWith("<@" + RequestStore.HEAD + "> Reminder")
                    .contains("waiting to be acknowledged")
                    .contains("https://acme.slack.com/archives/");
        });
    }

    @Test
    void aRequestNoLongerStored_forgottenOrPurged_dropsItsReminders_insteadOfFailingThem() {
        long id = submit(LocalDate.parse("2026-11-30"));
        store.jdbi.useHandle(h -> new RequestFeature(null, null).records().forget(h, RequestStore.CE));

        at("2026-11-27T18:00:00Z");

        List<String> jobs =
                store.jdbi.withHandle(h -> h.createQuery("SELECT status FROM work WHERE queue = 'job' AND ref = ?")
                        .bind(0, Long.toString(id))
                        .mapTo(String.class)
                        .list());
        assertThat(nudges()).isEmpty();
        assertThat(jobs).as("both reminders ran once and dropped themselves").containsExactly("done", "done");
    }

    @Test
    void acknowledgedInTime_isNotNudged() {
        long id = submit(null);
        store.click(id, Move.ACKNOWLEDGE, RequestStore.HEAD);

        at("2026-11-24T20:00:00Z");

        assertThat(nudges()).isEmpty();
    }

    @Test
    void workingHoursSkipTheNight_andTheWeekend() {
        store.clock.set(Instant.parse("2026-11-28T00:30:00Z")); // Friday 16:30 in Los Angeles
        submit(null);

        at("2026-11-30T17:00:00Z"); // Monday 09:00: only half an hour counted
        assertThat(nudges()).isEmpty();

        at("2026-11-30T20:30:00Z"); // Monday 12:30: four working hours
        assertThat(nudges()).hasSize(1);
    }

    @Test
    void neededBy_isNudgedTheWorkingDayBefore_whileUndecided() {
        long id = submit(LocalDate.parse("2026-11-30")); // a Monday: reminder on Friday morning
        store.click(id, Move.ACKNOWLEDGE, RequestStore.HEAD);

        at("2026-11-27T16:59:00Z");
        assertThat(nudges()).isEmpty();

        at("2026-11-27T17:00:00Z");
        assertThat(nudges())
                .singleElement()
                .satisfies(row -> assertThat(row.arg("text"))
                        .contains("needed by")
                        .contains("in 3 days")
                        .contains("acknowledged"));
    }

    @Test
    void decidedBeforeTheDate_isNotNudged() {
        long id = submit(LocalDate.parse("2026-11-30"));
        store.click(id, Move.APPROVE, RequestStore.HEAD);

        at("2026-11-27T18:00:00Z");

        assertThat(nudges()).isEmpty();
    }

    @Test
    void botDownPastTheDate_sendsNoStaleNeededByReminder_butStillTheAckOne() {
        submit(LocalDate.parse("2026-11-25"));

        at("2026-11-26T18:00:00Z");

        assertThat(nudges()).extracting(RequestStore.Row::key).containsExactly("request:1:nudge-ack");
    }

    @Test
    void eachReminder_isSentOnce_howeverOftenTheSchedulerRuns() {
        submit(LocalDate.parse("2026-11-30"));

        at("2026-11-27T18:00:00Z");
        at("2026-11-27T19:00:00Z");
        at("2026-11-28T19:00:00Z");

        assertThat(nudges())
                .extracting(RequestStore.Row::key)
                .containsExactlyInAnyOrder("request:1:nudge-ack", "request:1:nudge-needed-by");
    }
}
