package com.cebot.home;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.home.HomeBacklog.Entry;
import com.cebot.home.HomeBacklog.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order Homes are drawn in: who opened it, then whom a change concerns, then who uses Home now. */
final class HomeBacklogTest {

    private final HomeBacklog backlog = new HomeBacklog();

    /** Draws everything waiting, as the publisher would with calls to spare. */
    private List<Entry> drawAll() {
        List<Entry> drawn = new ArrayList<>();
        for (Optional<Entry> next = backlog.next(); next.isPresent(); next = backlog.next()) {
            drawn.add(next.get());
            backlog.drawn(next.get().userId());
        }
        return drawn;
    }

    @Test
    void whoOpenedHome_comesFirst_thenWhomAChangeConcerns_thenWhoUsesHomeNow() {
        backlog.add(Reason.EVERYONE, List.of("U1", "U2"));
        backlog.add(Reason.CONCERNED, List.of("U3"));
        backlog.add(Reason.OPENED, List.of("U4"));

        assertThat(drawAll())
                .containsExactly(
                        new Entry("U4", Reason.OPENED),
                        new Entry("U3", Reason.CONCERNED),
                        new Entry("U1", Reason.EVERYONE),
                        new Entry("U2", Reason.EVERYONE));
    }

    @Test
    void withinAReason_firstComeFirstDrawn() {
        backlog.add(Reason.CONCERNED, List.of("U2", "U1"));
        backlog.add(Reason.CONCERNED, List.of("U3"));

        assertThat(drawAll()).extracting(Entry::userId).containsExactly("U2", "U1", "U3");
    }

    @Test
    void someoneWaitingForSeveralReasons_isDrawnOnce_forTheMostPressing() {
        backlog.add(Reason.EVERYONE, List.of("U1", "U2"));
        backlog.add(Reason.CONCERNED, List.of("U2", "U2"));

        assertThat(drawAll()).containsExactly(new Entry("U2", Reason.CONCERNED), new Entry("U1", Reason.EVERYONE));
    }

    @Test
    void aChangeWhileTheOnesBeforeWait_keepsItsPlace_andALaterOneForTheSamePersonAddsNothing() {
        backlog.add(Reason.CONCERNED, List.of("U1", "U2"));
        Entry first = backlog.next().orElseThrow();

        backlog.add(Reason.CONCERNED, List.of("U1", "U3"));

        assertThat(backlog.next()).contains(first);
        assertThat(backlog.waiting(Reason.CONCERNED)).isEqualTo(3);
        assertThat(drawAll()).extracting(Entry::userId).containsExactly("U1", "U2", "U3");
    }

    @Test
    void onlyTheCallsForWhoUsesHomeNow_leaveTheReserve() {
        assertThat(Reason.OPENED.urgent()).isTrue();
        assertThat(Reason.CONCERNED.urgent()).isTrue();
        assertThat(Reason.EVERYONE.urgent()).isFalse();
    }
}
