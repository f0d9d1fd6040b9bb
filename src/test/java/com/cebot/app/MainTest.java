package com.cebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void noTokens_exitsNonZeroNamingBoth_withoutStackTrace() {
        int code = run(Map.of("CEBOT_CONFIG", "config/cebot.yaml"));

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(Main.BAD_SETTINGS);
        assertThat(text).contains("SLACK_BOT_TOKEN is not set").contains("SLACK_APP_TOKEN is not set");
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownCommand_showsUsage() {
        int code = run(Map.of(), "launch");

        assertThat(code).isEqualTo(Main.BAD_SETTINGS);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Unknown command \"launch\"")
                .contains("Usage:");
    }

    @Test
    void manifest_isTheShippedFile_andDeclaresEveryEntryPoint() throws Exception {
        int code = run(Map.of(), "manifest");

        JsonNode manifest = new ObjectMapper(new YAMLFactory()).readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(manifest.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
        assertThat(manifest.at("/settings/interactivity/is_enabled").asBoolean())
                .isTrue();
        List<String> shortcuts = new ArrayList<>();
        for (JsonNode s : manifest.at("/features/shortcuts")) {
            assertThat(s.path("name").asText().length())
                    .as("shortcut name limit")
                    .isLessThanOrEqualTo(24);
            assertThat(s.path("description").asText().length()).isLessThanOrEqualTo(150);
            shortcuts.add(s.path("type").asText() + ":" + s.path("callback_id").asText());
        }
        assertThat(shortcuts)
                .contains(
                        "global:support_ticket_context",
                        "message:support_ticket_context_message",
                        "global:support_ticket_request",
                        "message:support_ticket_request_message",
                        "global:feedback_share",
                        "message:feedback_share_message");
        assertThat(manifest.at("/features/slash_commands/0/command").asText()).isEqualTo("/ooo");
        assertThat(manifest.at("/oauth_config/scopes/bot").toString()).contains("chat:write", "commands");
        assertThat(manifest.at("/oauth_config/scopes/bot").toString()).doesNotContain("admin");
    }

    @Test
    void statusWithoutADatabase_saysSoInOneLine_andCreatesNone(@TempDir Path dir) {
        Path db = dir.resolve("data").resolve("cebot.db");

        int code = run(Map.of("CEBOT_DB_URL", "jdbc:sqlite:" + db), "status");

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(Main.BAD_SETTINGS);
        assertThat(text.lines()).singleElement().asString().startsWith("CEBOT_DB_URL: there is no database at " + db);
        assertThat(db.getParent()).doesNotExist();
    }

    @Test
    void aStartRefusedForItsSettings_createsNoDatabase(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("cebot.yaml");
        Files.writeString(config, "support:\n  head_of_support: U0HEAD\nhome:\n  refresh_second: 5\n");
        Path db = dir.resolve("data").resolve("cebot.db");

        int code = run(Map.of(
                "SLACK_BOT_TOKEN",
                "xoxb-1",
                "SLACK_APP_TOKEN",
                "xapp-1",
                "SLACK_API_URL",
                "http://127.0.0.1:9/api/",
                "CEBOT_CONFIG",
                config.toString(),
                "CEBOT_DB_URL",
                "jdbc:sqlite:" + db));

        assertThat(code).isEqualTo(Main.BAD_SETTINGS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("home.refresh_second");
        assertThat(db.getParent()).doesNotExist();
    }

    @Test
    void statusAndRetryFailed_refuseArgumentsTheyDoNotTake() {
        int status = run(Map.of(), "status", "--all");
        int retry = run(Map.of(), "retry-failed", "--id", "seven");

        assertThat(status).isEqualTo(Main.BAD_SETTINGS);
        assertThat(retry).isEqualTo(Main.BAD_SETTINGS);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("status takes no arguments")
                .contains("--id takes a row number");
    }
}
