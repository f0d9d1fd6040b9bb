package com.cebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ConfigLoaderTest {

    private static final String BOT = "xoxb-123-TOPSECRETBOT";
    private static final String APP = "xapp-1-TOPSECRETAPP";

    @TempDir
    Path dir;

    private Map<String, String> env(String yaml) throws IOException {
        Path file = dir.resolve("cebot.yaml");
        Files.writeString(file, yaml);
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", BOT);
        env.put("SLACK_APP_TOKEN", APP);
        env.put("CEBOT_CONFIG", file.toString());
        return env;
    }

    private static final String MINIMAL = "support:\n  head_of_support: U0HEAD\n";

    @Nested
    final class Tokens {

        @Test
        void missingTokens_areBothNamed() throws IOException {
            Map<String, String> env = env(MINIMAL);
            env.remove("SLACK_BOT_TOKEN");
            env.remove("SLACK_APP_TOKEN");

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(env));

            assertThat(e.problems()).hasSize(2);
            assertThat(e.problems().get(0)).startsWith("SLACK_BOT_TOKEN is not set");
            assertThat(e.problems().get(1)).startsWith("SLACK_APP_TOKEN is not set");
        }

        @Test
        void swappedTokens_areRefusedWithoutEchoingThem() throws IOException {
            Map<String, String> env = env(MINIMAL);
            env.put("SLACK_BOT_TOKEN", APP);
            env.put("SLACK_APP_TOKEN", BOT);

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(env));

            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("SLACK_BOT_TOKEN").contains("xoxb-"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("SLACK_APP_TOKEN").contains("xapp-"));
            assertThat(e.getMessage()).doesNotContain("TOPSECRET");
        }

        @Test
        void secretsToString_hidesTokens() throws IOException {
            Settings settings = ConfigLoader.load(env(MINIMAL));

            assertThat(settings.toString()).doesNotContain("TOPSECRET").contains("***");
        }

        @Test
        void apiUrl_getsTrailingSlash_andDefaults() throws IOException {
            Map<String, String> env = env(MINIMAL);
            assertThat(ConfigLoader.load(env).secrets().slackApiUrl()).isEqualTo("https://slack.com/api/");

            env.put("SLACK_API_URL", "http://127.0.0.1:9999/api");
            assertThat(ConfigLoader.load(env).secrets().slackApiUrl()).isEqualTo("http://127.0.0.1:9999/api/");
        }

        @Test
        void badApiUrlAndDatabaseUrl_areNamed() throws IOException {
            Map<String, String> env = env(MINIMAL);
            env.put("SLACK_API_URL", "slack.com");
            env.put("CEBOT_DB_URL", "jdbc:mysql://x");

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(env));

            assertThat(e.problems()).anyMatch(p -> p.startsWith("SLACK_API_URL"));
            assertThat(e.problems()).anyMatch(p -> p.startsWith("CEBOT_DB_URL"));
        }
    }

    @Nested
    final class File {

        @Test
        void missingFile_namesThePathAndTheVariable() {
            Map<String, String> env = Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP,
                    "CEBOT_CONFIG", dir.resolve("nope.yaml").toString());

            assertThatThrownBy(() -> ConfigLoader.load(env))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("nope.yaml")
                    .hasMessageContaining("CEBOT_CONFIG");
        }

        @Test
        void invalidYaml_givesTheLine() throws IOException {
            assertThatThrownBy(() -> ConfigLoader.load(env("support:\n  head_of_support: [U1\n")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("not valid YAML")
                    .hasMessageContaining("line");
        }

        @Test
        void shippedConfig_loads() {
            Map<String, String> env = Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP,
                    "CEBOT_CONFIG", "config/cebot.yaml");

            BotConfig config = ConfigLoader.load(env).config();

            assertThat(config.channels().customerSupport()).isEqualTo("customer-support");
            assertThat(config.support().headOfSupport()).isEqualTo("@support-leads");
            assertThat(config.zendesk().subdomain()).isEqualTo("sourcegraph");
            assertThat(config.schedule().timeZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        }

        @Test
        void minimalConfig_getsDefaults() throws IOException {
            BotConfig config = ConfigLoader.load(env(MINIMAL)).config();

            assertThat(config.channels().ce()).isEqualTo("ce");
            assertThat(config.channels().ceInternal()).isEqualTo("ce-internal");
            assertThat(config.support().requestNudgeWorkingHours()).isEqualTo(4);
            assertThat(config.sdrCollab().firstDays()).isEqualTo(120);
            assertThat(config.schedule().workingDays()).containsExactlyInAnyOrder(DayOfWeek.MONDAY,
                    DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
            assertThat(config.zendesk().subdomain()).isNull();
            assertThat(config.roster()).isEmpty();
        }

        @Test
        void roster_isRead() throws IOException {
            BotConfig config = ConfigLoader.load(env(MINIMAL + """
                    roster:
                      - user: U0CE1
                        start_date: 2026-09-01
                        manager: U0MGR
                    """)).config();

            assertThat(config.roster()).containsExactly(
                    new BotConfig.RosterEntry("U0CE1", LocalDate.of(2026, 9, 1), "U0MGR"));
        }
    }

    @Nested
    final class BadSettings {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiterString = "|", textBlock = """
                unknown section         | slack:\\n  x: 1                                  | Unknown setting "slack"
                missing head of support | channels:\\n  ce: ce                             | support.head_of_support is missing
                bad head of support     | support:\\n  head_of_support: Bob Smith          | support.head_of_support "Bob Smith"
                bad channel name        | channels:\\n  ce: "CE Team"                      | channels.ce "CE Team"
                bad zendesk             | zendesk:\\n  subdomain: https://x.zendesk.com    | zendesk.subdomain
                bad time zone           | schedule:\\n  time_zone: Mars/Base              | schedule.time_zone "Mars/Base"
                bad hour                | schedule:\\n  reminder_hour: 25                 | schedule.reminder_hour must be a whole number from 0 to 23
                end before start        | schedule:\\n  workday_start: '18:00'            | schedule.workday_end must be after
                bad day                 | schedule:\\n  working_days: [FUNDAY]            | "FUNDAY", which is not a day
                bad delegate            | support:\\n  head_of_support: U1\\n  delegates: [bob] | support.delegates has "bob"
                bad roster user         | roster:\\n  - user: bob\\n    start_date: 2026-01-01 | roster[0].user must be a Slack user ID
                bad roster date         | roster:\\n  - user: U0CE1\\n    start_date: soon   | roster[0].start_date must be a date
                section as value        | channels: ce                                   | "channels" must be a section
                """)
        void eachMistake_isNamed(String name, String yaml, String expected) throws IOException {
            String text = yaml.replace("\\n", "\n");
            if (!text.contains("head_of_support") && !name.equals("missing head of support")) {
                text = text + "\n" + MINIMAL;
            }
            Map<String, String> env = env(text);

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(env));

            assertThat(e).as(name).isNotNull();
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(expected));
        }
    }
}
