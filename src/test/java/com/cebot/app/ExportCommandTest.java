package com.cebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.supportticket.ExportRow;
import com.cebot.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Map<String, String> env;

    @BeforeEach
    void seed() {
        Jdbi jdbi = TestDatabase.open(dir);
        env = TestDatabase.env(dir);
        jdbi.useHandle(h -> {
            h.execute(
                    "INSERT INTO customer (id, name, name_key, created_at) VALUES (1, '=HYPERLINK(\"x\")', 'k', '2026-01-01T00:00:00.000Z')");
            h.execute(
                    "INSERT INTO context_card (id, customer_id, card_key, assignee, created_at) VALUES (1, 1, 'c1', 'U0AE', '2026-01-01T00:00:00.000Z')");
            h.execute("""
                    INSERT INTO support_context (id, submission_key, card_id, customer_id, submitted_by, links, background, created_at)
                    VALUES (1, 'V1', 1, 1, 'U0CE', '[{"kind":"ZENDESK","url":"https://a.zendesk.com/agent/tickets/1","label":"Zendesk #1","ticketKey":"zendesk:1"}]',
                            'line one, "quoted"\nline two', '2026-03-02T10:00:00.000Z'),
                           (2, 'V2', 1, 1, 'U0CE', '[]', 'old', '2025-12-31T23:00:00.000Z')
                    """);
            h.execute("""
                    INSERT INTO support_request (id, submission_key, customer_id, submitted_by, links, ask, why, if_not,
                                                status, card_key, created_at)
                    VALUES (1, 'V9', 1, 'U0CE', '[]', 'Expedite', 'Renewal', 'Churn', 'declined', 'request-card:V9',
                            '2026-03-03T10:00:00.000Z')
                    """);
            h.execute("""
                    INSERT INTO request_event (request_id, status, actor, reason, at)
                    VALUES (1, 'declined', 'U0HEAD', 'No capacity', '2026-03-04T10:00:00.000Z')
                    """);
        });
    }

    private int run(String... args) {
        return Main.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void export_writesRowsSinceTheDay_asCsvWithHeader() {
        int code = run("export", "--since", "2026-01-01", "--kind", "context");

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(csv)
                .startsWith("kind,id,created_at,submitted_by,customer,links,status,handled_by,reason,background");
        assertThat(csv)
                .contains("context,1,2026-03-02T10:00:00.000Z,U0CE")
                .contains("https://a.zendesk.com/agent/tickets/1")
                .contains("assigned,U0AE,,")
                .contains("\"line one, \"\"quoted\"\"\nline two\"")
                .doesNotContain("old");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 submission(s) since 2026-01-01");
    }

    @Test
    void typedFormula_isDefused() {
        run("export", "--since", "2026-01-01");

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
        assertThat(ExportRow.typed("-1+2")).isEqualTo("'-1+2");
        assertThat(ExportRow.typed("Acme")).isEqualTo("Acme");
    }

    @Test
    void badArguments_explainThemselves() {
        assertThat(run("export")).isEqualTo(Main.BAD_SETTINGS);
        assertThat(run("export", "--since", "yesterday")).isEqualTo(Main.BAD_SETTINGS);
        assertThat(run("export", "--since", "2026-01-01", "--kind", "gaps")).isEqualTo(Main.BAD_SETTINGS);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("export needs --since")
                .contains("not \"yesterday\"")
                .contains("not \"gaps\"");
    }

    @Test
    void export_withoutKind_holdsBothKinds_withTheDeclineReason() {
        int code = run("export", "--since", "2026-01-01");

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(csv)
                .contains("context,1,")
                .contains("request,1,2026-03-03T10:00:00.000Z,U0CE")
                .contains("declined,U0HEAD,\"No capacity\",,Expedite,Renewal,Churn");
    }

    @Test
    void sinceWithEquals_isAcceptedToo() {
        int code = run("export", "--since=2026-03-03", "--kind=request");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("request,1,").doesNotContain("context,1,");
    }

    @Test
    void wrongDatabaseUrl_isAnErrorNamingIt_andCreatesNothing() {
        Path elsewhere = dir.resolve("typo").resolve("cebot.db");
        env = Map.of("CEBOT_DB_URL", "jdbc:sqlite:" + elsewhere);

        int code = run("export", "--since", "2026-01-01");

        assertThat(code).isEqualTo(Main.BAD_SETTINGS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("CEBOT_DB_URL", elsewhere.toString());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(elsewhere.getParent()).doesNotExist();
    }

    @Test
    void badArguments_areRefusedBeforeTheDatabaseIsOpened() {
        env = Map.of("CEBOT_DB_URL", "jdbc:sqlite:" + dir.resolve("missing.db"));

        int code = run("export", "--since", "2026-01-01", "--kind", "foo");

        assertThat(code).isEqualTo(Main.BAD_SETTINGS);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--kind is context or request or feedback, not \"foo\"")
                .doesNotContain("CEBOT_DB_URL");
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }
}
