package com.cebot.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.Await;
import com.cebot.testing.MutableClock;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each process records of itself, as several on several hosts share one store. */
final class ProcessesTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private final MutableClock clock = new MutableClock(START);

    @BeforeEach
    void open() {
        jdbi = TestDatabase.open(dir);
    }

    private Processes process(String host, long pid) {
        Processes p = new Processes(jdbi, new Owner(host, pid, host + "/" + pid + "/abcd"), clock);
        p.register();
        return p;
    }

    private Processes.Process listed(String owner) {
        return Processes.listed(jdbi, 5).stream()
                .filter(p -> p.owner().equals(owner))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eachProcessOnEachHost_isListedWithItsHostAndPid_heardFromAtItsStart() {
        process("vm-a", 101);
        clock.advance(Duration.ofSeconds(1));
        process("vm-b", 202);
        clock.advance(Duration.ofSeconds(1));
        process("vm-c", 303);

        List<Processes.Process> all = Processes.listed(jdbi, 5);

        assertThat(all)
                .extracting(Processes.Process::owner)
                .containsExactly("vm-c/303/abcd", "vm-b/202/abcd", "vm-a/101/abcd");
        assertThat(all.get(2).host()).isEqualTo("vm-a");
        assertThat(all.get(2).pid()).isEqualTo(101);
        assertThat(all.get(2).lastHelloAt()).isNull();
        assertThat(all.get(2).heardFrom()).isEqualTo(START);
    }

    @Test
    void helloAndHeartbeat_moveWhenItWasLastHeardFrom_aHelloAlsoItsLastHello() {
        Processes a = process("vm-a", 101);
        Instant hello = START.plusSeconds(2);
        a.hello(hello);
        clock.set(START.plusSeconds(30));
        a.heartbeat();

        Processes.Process seen = listed("vm-a/101/abcd");

        assertThat(seen.lastHelloAt()).isEqualTo(hello);
        assertThat(seen.lastSeenAt()).isEqualTo(START.plusSeconds(30));
        assertThat(seen.heardFrom()).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void aCleanStop_marksIt_listedAfterTheRunningOnes_andItsBeatsNoLongerCount() {
        Processes a = process("vm-a", 101);
        process("vm-b", 202);
        clock.advance(Duration.ofSeconds(5));
        a.stopped();
        clock.advance(Duration.ofSeconds(5));
        a.heartbeat();

        List<Processes.Process> all = Processes.listed(jdbi, 5);

        assertThat(all).extracting(Processes.Process::owner).containsExactly("vm-b/202/abcd", "vm-a/101/abcd");
        assertThat(all.get(1).stopReason()).isEqualTo("stopped");
        assertThat(all.get(1).stoppedAt()).isEqualTo(START.plusSeconds(5));
        assertThat(all.get(1).lastSeenAt())
                .as("a beat after the stop changes nothing")
                .isEqualTo(START);
    }

    @Test
    void beatEvery_storesBeats_untilClosed() throws Exception {
        Processes a = process("vm-a", 101);
        clock.set(START.plusSeconds(60));

        AutoCloseable beats = a.beatEvery(Duration.ofMillis(20));
        try {
            Await.until(
                    Duration.ofSeconds(10),
                    "a beat stored",
                    () -> START.plusSeconds(60).equals(listed("vm-a/101/abcd").lastSeenAt()));
        } finally {
            beats.close();
        }
        a.stopped();

        assertThat(listed("vm-a/101/abcd").stopReason()).isEqualTo("stopped");
    }
}
