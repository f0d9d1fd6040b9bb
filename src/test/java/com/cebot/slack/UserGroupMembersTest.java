package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.Await;
import com.cebot.testing.KeptGroupMembers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UserGroupMembersTest {

    private final KeptGroupMembers store = new KeptGroupMembers();

    @Test
    void aFirstStart_readsTheMembersBeforeReturning() {
        try (UserGroupMembers members =
                new UserGroupMembers("S1", "group", id -> Set.of("U1", "U2"), store, Clock.systemUTC())) {
            members.start(Duration.ofHours(1));

            assertThat(members.members()).containsExactlyInAnyOrder("U1", "U2");
            assertThat(store.load("S1").map(UserGroupMembers.Kept::members)).contains(Set.of("U1", "U2"));
        }
    }

    @Test
    void aRestart_startsWithTheKeptList_andReadsSlackOffTheStartsThread() throws Exception {
        store.save("S1", new UserGroupMembers.Kept(Set.of("U1"), Instant.parse("2026-11-23T17:00:00Z")));
        CountDownLatch slackAnswers = new CountDownLatch(1);
        UserGroupMembers.Reader slowSlack = id -> {
            slackAnswers.await(10, TimeUnit.SECONDS);
            return Set.of("U1", "U3");
        };
        try (UserGroupMembers members = new UserGroupMembers("S1", "group", slowSlack, store, Clock.systemUTC())) {
            members.start(Duration.ofHours(1));

            assertThat(members.members())
                    .as("known at once, without waiting for Slack")
                    .containsExactly("U1");
            slackAnswers.countDown();
            Await.until(
                    Duration.ofSeconds(10),
                    "the fresh list, kept for the next start",
                    () -> members.members().equals(Set.of("U1", "U3"))
                            && store.load("S1")
                                    .map(UserGroupMembers.Kept::members)
                                    .equals(Optional.of(Set.of("U1", "U3"))));
        }
    }
}
