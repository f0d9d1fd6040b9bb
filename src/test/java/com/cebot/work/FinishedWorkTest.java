package com.cebot.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work naming a forgotten person goes, except the place of a post others' writes still need. */
final class FinishedWorkTest {

    private static final String AT = "2026-11-20T10:00:00.000Z";
    private static final String RESULT = "{\"channel\":\"C1\",\"ts\":\"1.2\"}";

    @TempDir
    Path dir;

    private static void outbox(Handle h, String key, String status, String afterKey, String payload) {
        h.execute(
                """
                INSERT INTO work (queue, work_key, kind, payload, after_key, status, due_at, result, created_at,
                                  done_at)
                VALUES ('outbox', ?, 'chat.postMessage', ?, ?, ?, ?, ?, ?, ?)
                """,
                key,
                payload,
                afterKey,
                status,
                AT,
                "done".equals(status) ? RESULT : null,
                AT,
                "done".equals(status) ? AT : null);
    }

    @Test
    void aPostTheyAreNamedIn_thatOthersStillReplyUnder_keepsItsPlace_andWritesWaitingOnARemovedPostGo() {
        Jdbi jdbi = TestDatabase.open(dir);
        jdbi.useHandle(h -> {
            outbox(h, "card:theirs", "done", null, "{\"text\":\"shared by <@U0GONE>\"}");
            outbox(h, "reply:others", "pending", "card:theirs", "{\"text\":\"more context from <@U0CE>\"}");
            outbox(h, "card:pending", "pending", null, "{\"text\":\"shared by <@U0GONE>\"}");
            outbox(h, "reply:on-pending", "pending", "card:pending", "{\"text\":\"a note\"}");
            outbox(h, "card:kept-by-workflow", "done", null, "{\"text\":\"taken by <@U0GONE>\"}");
            outbox(h, "dm:done", "done", null, "{\"channel\":\"U0GONE\",\"text\":\"hi\"}");
            outbox(h, "dm:other", "done", null, "{\"channel\":\"U0GONE2\",\"text\":\"hi\"}");
        });

        FinishedWork.Forgotten forgotten = jdbi.inTransaction(h -> FinishedWork.forget(
                h,
                "U0GONE",
                List.of(),
                (handle, keys) -> keys.contains("card:kept-by-workflow") ? Set.of("card:kept-by-workflow") : Set.of()));

        assertThat(forgotten).isEqualTo(new FinishedWork.Forgotten(2, 2, 1));
        List<Map<String, Object>> rows =
                jdbi.withHandle(h -> h.createQuery("SELECT work_key, payload, result FROM work ORDER BY id")
                        .mapToMap()
                        .list());
        assertThat(rows)
                .extracting(r -> r.get("work_key"))
                .containsExactly("card:theirs", "reply:others", "card:kept-by-workflow", "dm:other");
        assertThat(rows.get(0)).containsEntry("payload", null).containsEntry("result", RESULT);
        assertThat(rows.get(2)).containsEntry("payload", null);
    }
}
