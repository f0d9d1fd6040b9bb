package com.cebot.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Marks left in the store by the change that concerns a Home, and the running Home tab told once it commits. */
final class StaleHomesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T17:00:00Z");

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private final StaleHomes changes = new StaleHomes();
    private final List<String> told = new ArrayList<>();

    @BeforeEach
    void store() {
        jdbi = TestDatabase.open(dir);
        jdbi.useExtension(HomeUsers.class, u -> {
            u.opened("U1", NOW);
            u.opened("U2", NOW);
        });
        changes.listen(new StaleHomes.Listener() {
            @Override
            public void marked() {
                told.add("marked");
            }

            @Override
            public void everyone() {
                told.add("everyone");
            }
        });
    }

    private List<String> marked() {
        return jdbi.withExtension(HomeUsers.class, u -> u.marked(Instant.now(), 10));
    }

    @Test
    void aChange_marksTheHomesItConcerns_andTellsHomeOnceItCommits() {
        jdbi.useTransaction(h -> {
            changes.touched(h, List.of("U1", "U1", "U0NEVER"));
            assertThat(told).isEmpty();
        });

        assertThat(marked()).containsExactly("U1");
        assertThat(told).containsExactly("marked");
    }

    @Test
    void aChangeRolledBack_marksNothing_andTellsNothing() {
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
                    changes.touched(h, List.of("U1"));
                    throw new IllegalStateException("the change failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(marked()).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void aChangeConcerningOnlyPeopleWhoNeverOpenedHome_tellsNothing() {
        jdbi.useTransaction(h -> changes.touched(h, Arrays.asList("U0NEVER", null)));

        assertThat(marked()).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void aChangeEveryHomeShows_marksNobody_andTellsHomeOnceItCommits() {
        jdbi.useTransaction(h -> {
            changes.touchedEveryone(h);
            assertThat(told).isEmpty();
        });

        assertThat(marked()).isEmpty();
        assertThat(told).containsExactly("everyone");
    }

    @Test
    void aMark_isClearedByTheDrawThatSawIt_butNotByOneThatCameBeforeALaterChange() {
        jdbi.useTransaction(h -> changes.touched(h, List.of("U1", "U2")));
        long seen = jdbi.withExtension(
                HomeUsers.class, u -> u.row("U1").orElseThrow().stale());
        jdbi.useTransaction(h -> changes.touched(h, List.of("U1")));

        int clearedByTheEarlierDraw = jdbi.withExtension(HomeUsers.class, u -> u.drawn("U1", seen));
        long now = jdbi.withExtension(
                HomeUsers.class, u -> u.row("U1").orElseThrow().stale());
        int clearedByTheLaterDraw = jdbi.withExtension(HomeUsers.class, u -> u.drawn("U1", now));

        assertThat(clearedByTheEarlierDraw).isZero();
        assertThat(clearedByTheLaterDraw).isOne();
        assertThat(marked()).containsExactly("U2");
    }

    @Test
    void aMarkedHome_isTakenByOneProcess_passedOverByTheOthers_untilReleasedOrTheTakeRunsOut() {
        jdbi.useTransaction(h -> changes.touched(h, List.of("U1", "U2")));
        Instant until = NOW.plusSeconds(60);

        int first = jdbi.withExtension(HomeUsers.class, u -> u.take("U1", NOW, until));
        int second = jdbi.withExtension(HomeUsers.class, u -> u.take("U1", NOW.plusSeconds(1), until));
        List<String> shownToTheOthers = jdbi.withExtension(HomeUsers.class, u -> u.marked(NOW.plusSeconds(1), 10));
        List<String> afterItRanOut = jdbi.withExtension(HomeUsers.class, u -> u.marked(until.plusSeconds(1), 10));
        int takenAfterItRanOut =
                jdbi.withExtension(HomeUsers.class, u -> u.take("U1", until.plusSeconds(1), until.plusSeconds(61)));
        jdbi.useExtension(HomeUsers.class, u -> u.release("U1"));
        List<String> afterRelease = jdbi.withExtension(HomeUsers.class, u -> u.marked(NOW.plusSeconds(1), 10));

        assertThat(first).isOne();
        assertThat(second).isZero();
        assertThat(shownToTheOthers).containsExactly("U2");
        assertThat(afterItRanOut).containsExactlyInAnyOrder("U1", "U2");
        assertThat(takenAfterItRanOut).isOne();
        assertThat(afterRelease).containsExactlyInAnyOrder("U1", "U2");
    }

    @Test
    void aHomeNotMarked_cannotBeTaken() {
        int taken = jdbi.withExtension(HomeUsers.class, u -> u.take("U1", NOW, NOW.plusSeconds(60)));

        assertThat(taken).isZero();
    }

    @Test
    void beforeHomeStarts_marksWaitInTheStore() {
        StaleHomes notStarted = new StaleHomes();

        jdbi.useTransaction(h -> notStarted.touched(h, List.of("U2")));

        assertThat(marked()).containsExactly("U2");
        assertThat(told).isEmpty();
    }

    @Test
    void everyQuery_readsThroughAnIndex_andEveryListIsLimited() {
        QueryPlans.assertIndexedAndBounded(jdbi, HomeUsers.class);
    }
}
