package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.slack.UserGroupMembers;
import com.cebot.testing.KeptGroupMembers;
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

    @Test
    void mayDecide_userHead_headAndDelegatesOnly() {
        Approvers approvers = new Approvers("<@UHEAD>", List.of("UDELEGATE"), id -> Set.of("UOTHER"), UserGroupMembers.LastKnown.NONE, CLOCK);

        assertThat(approvers.mayDecide("UHEAD")).isTrue();
        assertThat(approvers.mayDecide("UDELEGATE")).isTrue();
        assertThat(approvers.mayDecide("UOTHER")).isFalse();
    }

    @Test
    void mayDecide_groupHead_membersOnceRead() {
        Approvers approvers = new Approvers("<!subteam^SHEAD>", List.of(), id -> id.equals("SHEAD") ? Set.of("UMEMBER") : Set.of(), UserGroupMembers.LastKnown.NONE, CLOCK);
        assertThat(approvers.mayDecide("UMEMBER")).isFalse();

        approvers.refresh();

        assertThat(approvers.mayDecide("UMEMBER")).isTrue();
        assertThat(approvers.mayDecide("UOTHER")).isFalse();
    }

    @Test
    void refresh_slackFails_keepsTheMembersAlreadyKnown() {
        AtomicReference<Set<String>> members = new AtomicReference<>(Set.of("UMEMBER"));
        Approvers approvers = new Approvers("<!subteam^SHEAD|@support-leads>", List.of(), id -> {
            if (members.get() == null) {
                throw new IllegalStateException("ratelimited");
            }
            return members.get();
        }, UserGroupMembers.LastKnown.NONE, CLOCK);
        approvers.refresh();

        members.set(null);
        approvers.refresh();

        assertThat(approvers.mayDecide("UMEMBER")).isTrue();
    }

    @Test
    void start_slackDoesNotAnswer_knowsTheMembersKeptBeforeTheRestart() {
        KeptGroupMembers store = new KeptGroupMembers();
        Approvers before = new Approvers("<!subteam^SHEAD>", List.of(), id -> Set.of("UMEMBER"), store, CLOCK);
        before.start(Duration.ofHours(1));
        before.close();

        Approvers after = new Approvers("<!subteam^SHEAD>", List.of(), id -> {
            throw new IllegalStateException("Slack is down");
        }, store, CLOCK);
        after.start(Duration.ofHours(1));

        assertThat(after.mayDecide("UMEMBER")).as("decided before start returned, from the kept list").isTrue();
        assertThat(after.mayDecide("UOTHER")).isFalse();
        after.close();
    }

    @Test
    void describe_namesHeadAndDelegates() {
        Approvers approvers = new Approvers("<!subteam^SHEAD>", List.of("UD1", "UD2"), id -> Set.of(), UserGroupMembers.LastKnown.NONE, CLOCK);

        assertThat(approvers.describe()).isEqualTo("<!subteam^SHEAD> or <@UD1>, <@UD2>");
    }

    @Test
    void constructor_notAMention_isRefused() {
        assertThatThrownBy(() -> new Approvers("@support-leads", List.of(), id -> Set.of(), UserGroupMembers.LastKnown.NONE, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
