package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.AE;
import static com.cebot.e2e.BotHarness.AE2;
import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.DELEGATE;
import static com.cebot.e2e.BotHarness.HEAD;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Fault;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose Home is drawn after a change, through the real bot and the loopback Slack: the people the
 * change concerns, whatever the number of other Homes, and nobody else; a change every Home shows
 * reaches those who used Home in the last minutes; a change stored before a stop is drawn after the
 * next start; Slack's 429 holds every publish for as long as it asks.
 */
final class HomeChangesE2ETest {

    private static final ZoneId TEAM_ZONE = ZoneId.of("America/Los_Angeles");

    @TempDir
    Path dir;

    private BotHarness harness;

    private void start(Clock clock) {
        harness = BotHarness.create(dir, clock);
        harness.start();
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aNewRequest_isDrawnForWhoRaisedItAndWhoDecides_andForNobodyElse_among2000OtherHomes() {
        start(Clock.systemUTC());
        seedOtherHomes(2_000);
        for (String user : List.of(CE_USER, HEAD, DELEGATE, AE)) {
            open(user);
        }
        // A new process knows none of the Homes it publishes, so any Home drawn is published.
        harness.restart();
        harness.slack.clearCalls();

        raiseRequest();

        for (String user : List.of(CE_USER, HEAD, DELEGATE)) {
            home(user, "Expedite the SSO fix");
        }
        // The bot's sign: the request and its card are done with, and every Home they marked drawn.
        Await.until(
                WAIT,
                () -> "the request's work done and its Homes drawn; marked: " + marked(),
                () -> harness.workDone() && marked().isEmpty());
        assertThat(publishedTo()).containsExactlyInAnyOrder(CE_USER, HEAD, DELEGATE);
    }

    @Test
    void timeOffThisWeek_reachesWhoUsedHomeInTheLastMinutes_andNotWhoOpenedItEarlier() {
        start(Clock.systemUTC());
        open(AE);
        open(AE2);
        openedAgo(AE2, Duration.ofHours(1));
        harness.slack.clearCalls();
        LocalDate today = LocalDate.now(TEAM_ZONE);

        planTimeOff(CE_USER, today.plusDays(1), today.plusDays(2), DELEGATE);
        home(AE, "<@" + CE_USER + ">");
        // A second change every Home shows: AE's Home is drawn for it after all the first one asked for.
        planTimeOff(HEAD, today.plusDays(3), today.plusDays(4), DELEGATE);
        home(AE, "<@" + HEAD + ">");

        assertThat(publishedTo()).containsExactly(AE);
    }

    @Test
    void aNewDay_reachesWhoUsedHomeInTheLastMinutes() {
        // 23:58 in the team's zone; AE opens Home, then time off that enters "Out this week" tomorrow is planned.
        MutableClock clock = new MutableClock(Instant.parse("2026-11-11T07:58:00Z"));
        start(clock);
        LocalDate today = LocalDate.ofInstant(clock.instant(), TEAM_ZONE);
        open(AE);
        planTimeOff(CE_USER, today.plusDays(7), today.plusDays(8), DELEGATE);
        assertThat(harness.slack.homeView(AE).orElseThrow().json().toString()).doesNotContain("<@" + CE_USER + ">");

        clock.advance(Duration.ofMinutes(3));

        home(AE, "<@" + CE_USER + ">");
    }

    @Test
    void aChangeStoredBeforeAStop_isDrawnAfterTheNextStart() {
        start(Clock.systemUTC());
        open(HEAD);
        harness.slack.enqueueFault("views.publish", new Fault.RateLimited(60));

        raiseRequest();
        Await.until(
                WAIT,
                "the head of support's Home refused with a 429",
                () -> harness.slack.calls("views.publish").stream().anyMatch(c -> c.status() == 429));
        assertThat(marked()).containsExactly(HEAD);
        harness.restart();

        home(HEAD, "Expedite the SSO fix");
        Await.until(WAIT, () -> "the mark cleared; marked: " + marked(), () -> marked().isEmpty());
    }

    @Test
    void a429_holdsEveryPublish_forAsLongAsSlackAsks() {
        start(Clock.systemUTC());
        harness.slack.enqueueFault("views.publish", new Fault.RateLimited(2));

        harness.slack.sendAppHomeOpened(HEAD);

        Await.until(WAIT, "the head of support's Home published", () -> publishes(HEAD) > 0);
        List<RecordedCall> calls = harness.slack.calls("views.publish");
        assertThat(calls.get(0).status()).isEqualTo(429);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    // ---- helpers

    private void open(String user) {
        int before = publishes(user);
        harness.slack.sendAppHomeOpened(user);
        Await.until(WAIT, user + "'s Home drawn", () -> publishes(user) > before);
    }

    private int publishes(String user) {
        return (int) harness.slack.calls("views.publish").stream()
                .filter(c -> c.status() == 200 && user.equals(c.param("user_id")))
                .count();
    }

    private View home(String user, String containing) {
        return Await.value(WAIT, user + "'s Home showing \"" + containing + "\"", () -> {
            Optional<View> view = harness.slack.homeView(user);
            return view.filter(v -> v.json().toString().contains(containing)).orElse(null);
        });
    }

    private Set<String> publishedTo() {
        return harness.slack.calls("views.publish").stream()
                .filter(c -> c.status() == 200)
                .map(c -> c.param("user_id"))
                .collect(Collectors.toSet());
    }

    private List<String> marked() {
        return harness.bot()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT user_id FROM home_user WHERE stale IS NOT NULL")
                        .mapTo(String.class)
                        .list());
    }

    private void seedOtherHomes(int count) {
        Instant now = Instant.now();
        harness.bot().jdbi().useTransaction(h -> {
            var insert = h.prepareBatch("INSERT INTO home_user (user_id, opened_at) VALUES (:user, :at)");
            for (int i = 0; i < count; i++) {
                insert.bind("user", "U0OTHER" + i)
                        .bind("at", now.minus(Duration.ofMinutes(i * 20L)))
                        .add();
            }
            insert.execute();
        });
    }

    private void openedAgo(String user, Duration ago) {
        harness.bot()
                .jdbi()
                .useHandle(h -> h.createUpdate("UPDATE home_user SET opened_at = :at WHERE user_id = :user")
                        .bind("at", Instant.now().minus(ago))
                        .bind("user", user)
                        .execute());
    }

    private void raiseRequest() {
        harness.slack.awaitAck(harness.slack.sendGlobalShortcut(RequestIds.CALLBACK_ID, CE_USER), WAIT);
        View form = Await.value(
                WAIT,
                "the request form",
                () -> harness.slack.modalStack(CE_USER).isEmpty()
                        ? null
                        : harness.slack.modalStack(CE_USER).get(0));
        harness.slack.awaitAck(
                harness.slack.submitView(
                        form.id(),
                        CE_USER,
                        StateValues.of()
                                .externalSelect(
                                        RequestIds.CUSTOMER, RequestIds.CUSTOMER_SELECT, "new:Acme Corp", "Acme Corp")
                                .text(RequestIds.LINK, RequestIds.VALUE, "ZD 77")
                                .text(RequestIds.ASK, RequestIds.VALUE, "Expedite the SSO fix")
                                .text(RequestIds.WHY, RequestIds.VALUE, "Renewal next week")
                                .text(RequestIds.IF_NOT, RequestIds.VALUE, "They may not renew")
                                .toJson()),
                WAIT);
        Await.until(
                WAIT,
                "the request card",
                () -> harness.slack.messages(SUPPORT).stream().anyMatch(m -> !m.isReply()));
    }

    private void planTimeOff(String user, LocalDate first, LocalDate last, String coverer) {
        harness.slack.awaitAck(harness.slack.sendSlashCommand(OooIds.COMMAND, "", user, CE), WAIT);
        View form = Await.value(
                WAIT,
                "the /ooo form",
                () -> harness.slack.modalStack(user).isEmpty()
                        ? null
                        : harness.slack.modalStack(user).get(0));
        harness.slack.awaitAck(
                harness.slack.submitView(
                        form.id(),
                        user,
                        StateValues.of()
                                .date(OooIds.FIRST_DAY, OooIds.VALUE, first.toString())
                                .date(OooIds.LAST_DAY, OooIds.VALUE, last.toString())
                                .users(OooIds.COVERERS, OooIds.VALUE, coverer)
                                .toJson()),
                WAIT);
        Await.until(
                WAIT,
                "the time off saved",
                () -> harness.slack.messages(user).stream()
                        .anyMatch(m -> m.text() != null && m.text().startsWith("Your time off is planned")));
    }
}
