package com.cebot.e2e;

import static com.cebot.e2e.SdrWorkspace.CE1;
import static com.cebot.e2e.SdrWorkspace.CE2;
import static com.cebot.e2e.SdrWorkspace.CE3;
import static com.cebot.e2e.SdrWorkspace.CE4;
import static com.cebot.e2e.SdrWorkspace.SDR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hundred questions through the real bot and the loopback Slack, with a restart after the
 * fiftieth: each of the four CEs gets every fourth question, in the same order before and after
 * the restart, so a restart neither resets the rotation nor repeats anyone's turn.
 */
final class SdrRotationE2ETest {

    private static final Pattern OWNER = Pattern.compile("<@(U[A-Z0-9]+)> will answer here");

    @TempDir
    Path dir;

    private SdrWorkspace w;

    @BeforeEach
    void start() {
        // The clock stands still here, so all hundred questions are asked in the same minute.
        w = new SdrWorkspace(dir, "max_open_per_person: 100\nquestions_per_minute: 1000", "").started();
    }

    @AfterEach
    void stop() {
        w.close();
    }

    /** Asks one question after another, each once the one before has its owner, as SDRs do. */
    private List<String> ask(int from, int count) {
        List<String> owners = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String ts = w.ask(SDR, "Question " + i);
            Matcher m = OWNER.matcher(w.reply(ts).text());
            assertThat(m.find()).as("an owner for question %s", i).isTrue();
            owners.add(m.group(1));
        }
        return owners;
    }

    @Test
    void aHundredQuestions_goInTurn_andARestartContinuesTheTurns() {
        List<String> owners = new ArrayList<>(ask(0, 50));
        w.harness.restart();
        owners.addAll(ask(50, 50));

        Map<String, Long> counts = owners.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
        assertThat(counts)
                .containsOnlyKeys(CE1, CE2, CE3, CE4)
                .allSatisfy((ce, n) -> assertThat(n).isEqualTo(25));
        for (int i = 4; i < owners.size(); i++) {
            assertThat(owners.get(i))
                    .as("question %s goes to whoever had question %s", i, i - 4)
                    .isEqualTo(owners.get(i - 4));
        }
    }
}
