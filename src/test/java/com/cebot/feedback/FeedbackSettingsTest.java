package com.cebot.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cebot.app.Main;
import com.cebot.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code feedback} section of the settings: each mistake named with its key and the fix. */
final class FeedbackSettingsTest {

    @TempDir
    Path dir;

    private Map<String, String> env(String feedback) throws IOException {
        Path file = dir.resolve("cebot.yaml");
        Files.writeString(file, "support:\n  head_of_support: U0HEAD\nfeedback:\n" + feedback.indent(2));
        return Map.of("SLACK_BOT_TOKEN", "xoxb-1-x", "SLACK_APP_TOKEN", "xapp-1-x", "CEBOT_CONFIG", file.toString());
    }

    @Test
    void everyKey_isRead() throws IOException {
        Main.settings(env("""
                product_team: ["@product-team", S0PRODUCT, U0PM]
                categories: [Integrations, Search]
                digest_day: friday
                digest_hour: 16
                """));
    }

    @Test
    void mistakes_areNamedWithTheirKeys() throws IOException {
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> Main.settings(env("""
                product_team: "@product-team"
                categories: [Search, search, "%s", ""]
                digest_day: someday
                digest_hour: 24
                digest_hours: 9
                """.formatted("c".repeat(76)))));

        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("feedback.product_team must be a list"))
                .anySatisfy(p -> assertThat(p).contains("feedback.categories has \"search\" twice"))
                .anySatisfy(p ->
                        assertThat(p).contains("feedback.categories has \"ccc").contains("1 to 75"))
                .anySatisfy(p -> assertThat(p).contains("feedback.categories has \"\""))
                .anySatisfy(p -> assertThat(p).contains("feedback.digest_day \"someday\""))
                .anySatisfy(p -> assertThat(p).contains("feedback.digest_hour must be a whole number from 0 to 23"))
                .anySatisfy(p -> assertThat(p).contains("Unknown setting \"feedback.digest_hours\""));
    }

    @Test
    void aProductTeamEntryThatIsNeitherPersonNorGroup_isRefused() throws IOException {
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> Main.settings(env("product_team: [\"Product Team!\"]")));

        assertThat(e.problems()).singleElement().asString().contains("feedback.product_team has \"Product Team!\"");
    }
}
