package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.slack.UserGroupMembers;
import com.cebot.testing.KeptGroupMembers;
import com.cebot.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class ApproversTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T17:00:00Z"), ZoneOffset.UTC);
    private static final Duration WITHIN = Duration.ofHours(24);

    private static boolean allowed(Approvers approvers, String user) {
        return approvers.verdict(user) instanceof Approvers.Verdict.Allowed;
    }

    @Test
    void mayDecide_userHead_headAndDelegatesOnly() {
        Approvers approvers = new Approvers(
                "<@UHEAD>",
                List.of("UDELEGATE"),
                WITHIN,
                id -> Set.of("UOTHER"),
                UserGroupMembers.LastKnown.NONE,
                CLOCK);

        assertThat(allowed(approvers, "UHEAD")).isTrue();
        assertThat(allowed(approvers, "UDELEGATE")).isTrue();
        assertThat(allowed(approvers, "UOTHER")).isFalse();
    }

    @Test
    void mayDecide_groupHead_membersOnceRead() {
        Approvers approvers = new Approvers(
                "<!subteam^SHEAD>",
                List.of(),
                WITHIN,
                id -> id.equals("SHEAD") ? Set.of("UMEMBER") : Set.of(),
                UserGroupMembers.LastKnown.NONE,
                CLOCK);
        assertThat(allowed(approvers, "UMEMBER")).isFalse();

        approvers.refresh();

        assertThat(allowed(approvers, "UMEMBER")).isTrue();
        assertThat(allowed(approvers, "UOTHER")).isFalse();
    }

    @Test
    void refresh_slackFails_keepsTheMembersAlreadyKnown() {
        AtomicReference<Set<String>> members = new AtomicReference<>(Set.of("UMEMBER"));
        Approvers approvers = new Approvers(
                "<!subteam^SHEAD|@support-leads>",
                List.of(),
                WITHIN,
                id -> {
                    if (members.get() == null) {
                        throw new IllegalStateException("ratelimited");
                    }
                    return members.get();
                },
                UserGroupMembers.LastKnown.NONE,
                CLOCK);
        approvers.refresh();

        members.set(null);
        approvers.refresh();

        assertThat(allowed(approvers, "UMEMBER")).isTrue();
    }

    @Test
    void start_slackDoesNotAnswer_knowsTheMembersKeptBeforeTheRestart() {
        KeptGroupMembers store = new KeptGroupMembers();
        Approvers before = new Approvers("<!subteam^SHEAD>", List.of(), WITHIN, id -> Set.of("UMEMBER"), store, CLOCK);
        before.start(Duration.ofHours(1));
        before.close();

        Approvers after = new Approvers(
                "<!subteam^SHEAD>",
                List.of(),
                WITHIN,
                id -> {
                    throw new IllegalStateException("Slack is down");
                },
                store,
                CLOCK);
        after.start(Duration.ofHours(1));

        assertThat(allowed(after, "UMEMBER"))
                .as("decided before start returned, from the kept list")
                .isTrue();
        assertThat(allowed(after, "UOTHER")).isFalse();
        after.close();
    }

    @Test
    void whenReadsHaveFailedLongerThanTheWindow_membersAreUnconfirmed_butNamedPeopleAreNot() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T17:00:00Z"));
        AtomicReference<Set<String>> slack = new AtomicReference<>(Set.of("UMEMBER"));
        Approvers approvers = new Approvers(
                "<!subteam^SHEAD>",
                List.of("UDELEGATE"),
                WITHIN,
                id -> {
                    if (slack.get() == null) {
                        throw new IllegalStateException("Slack is down");
                    }
                    return slack.get();
                },
                UserGroupMembers.LastKnown.NONE,
                clock);
        approvers.refresh();
        slack.set(null);

        clock.advance(Duration.ofHours(23));
        approvers.refresh();
        assertThat(approvers.verdict("UMEMBER")).as("within the window").isInstanceOf(Approvers.Verdict.Allowed.class);

        clock.advance(Duration.ofHours(2));
        approvers.refresh();
        assertThat(approvers.verdict("UMEMBER"))
                .isEqualTo(new Approvers.Verdict.Unconfirmed(Instant.parse("2026-11-23T17:00:00Z")));
        assertThat(approvers.verdict("UDELEGATE")).isInstanceOf(Approvers.Verdict.Allowed.class);
        assertThat(approvers.verdict("UOTHER")).isInstanceOf(Approvers.Verdict.NotAllowed.class);

        slack.set(Set.of("UMEMBER"));
        approvers.refresh();
        assertThat(approvers.verdict("UMEMBER")).as("listed again").isInstanceOf(Approvers.Verdict.Allowed.class);
    }

    @Test
    void aRestart_withAKeptListOlderThanTheWindow_andSlackDown_confirmsNobodyFromIt() {
        KeptGroupMembers store = new KeptGroupMembers();
        Instant readAt = Instant.parse("2026-11-20T09:00:00Z");
        store.save("SHEAD", new UserGroupMembers.Kept(Set.of("UMEMBER"), readAt));
        Approvers approvers = new Approvers(
                "<!subteam^SHEAD>",
                List.of(),
                WITHIN,
                id -> {
                    throw new IllegalStateException("Slack is down");
                },
                store,
                CLOCK);
        approvers.start(Duration.ofHours(1));

        assertThat(approvers.verdict("UMEMBER")).isEqualTo(new Approvers.Verdict.Unconfirmed(readAt));
        approvers.close();
    }

    @Test
    void aHeadOfSupportNamedDirectly_isNeverUnconfirmed() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T17:00:00Z"));
        Approvers approvers = new Approvers(
                "<@UHEAD>",
                List.of(),
                WITHIN,
                id -> {
                    throw new IllegalStateException("no group to read");
                },
                UserGroupMembers.LastKnown.NONE,
                clock);

        clock.advance(Duration.ofDays(30));

        assertThat(approvers.verdict("UHEAD")).isInstanceOf(Approvers.Verdict.Allowed.class);
    }

    @Test
    void describe_namesHeadAndDelegates() {
        Approvers approvers = new Approvers(
                "<!subteam^SHEAD>",
                List.of("UD1", "UD2"),
                WITHIN,
                id -> Set.of(),
                UserGroupMembers.LastKnown.NONE,
                CLOCK);

        assertThat(approvers.describe()).isEqualTo("<!subteam^SHEAD>, <@UD1> or <@UD2>");
    }

    @Test
    void constructor_notAMention_isRefused() {
        assertThatThrownBy(() -> new Approvers(
                        "@support-leads", List.of(), WITHIN, id -> Set.of(), UserGroupMembers.LastKnown.NONE, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
