package com.cebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cebot.app.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
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

    /** As {@code main} loads them: the team's settings and every feature's section. */
    private static Settings<?> load(Map<String, String> env) {
        return Main.settings(env);
    }

    @Nested
    final class Tokens {

        @Test
        void missingTokens_areBothNamed() throws IOException {
            Map<String, String> env = env(MINIMAL);
            env.remove("SLACK_BOT_TOKEN");
            env.remove("SLACK_APP_TOKEN");

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

            assertThat(e.problems()).hasSize(2);
            assertThat(e.problems().get(0)).startsWith("SLACK_BOT_TOKEN is not set");
            assertThat(e.problems().get(1)).startsWith("SLACK_APP_TOKEN is not set");
        }

        @Test
        void swappedTokens_areRefusedWithoutEchoingThem() throws IOException {
            Map<String, String> env = env(MINIMAL);
            env.put("SLACK_BOT_TOKEN", APP);
            env.put("SLACK_APP_TOKEN", BOT);

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

            assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("SLACK_BOT_TOKEN").contains("xoxb-"));
            assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("SLACK_APP_TOKEN").contains("xapp-"));
            assertThat(e.getMessage()).doesNotContain("TOPSECRET");
        }

        @Test
        void secretsToString_hidesTokens() throws IOException {
            Settings<?> settings = load(env(MINIMAL));

            assertThat(settings.toString()).doesNotContain("TOPSECRET").contains("***");
        }

        @Test
        void apiUrl_getsTrailingSlash_andDefaults() throws IOException {
            Map<String, String> env = env(MINIMAL);
            assertThat(load(env).secrets().slackApiUrl()).isEqualTo("https://slack.com/api/");

            env.put("SLACK_API_URL", "http://127.0.0.1:9999/api");
            assertThat(load(env).secrets().slackApiUrl()).isEqualTo("http://127.0.0.1:9999/api/");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiterString = "|", textBlock = """
                SLACK_API_URL | http://slack.example.com/api/ | must use https
                SLACK_API_URL | https://                      | SLACK_API_URL
                SLACK_API_URL | ht tp://x                     | SLACK_API_URL is not a URL
                CEBOT_DB_URL  | jdbc:sqlite::memory:          | must name a database file
                CEBOT_DB_URL  | jdbc:sqlite:file:x?mode=memory | must name a database file
                CEBOT_DB_URL  | jdbc:mysql://db/cebot         | must be a SQLite JDBC URL
                """)
        void unsafeOrUnusableUrls_areRefused_namingTheVariable(String variable, String value, String expected)
                throws IOException {
            Map<String, String> env = env(MINIMAL);
            env.put(variable, value);

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

            assertThat(e).as(value).isNotNull();
            assertThat(e.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p).startsWith(variable).contains(expected));
        }

        @Test
        void loopbackApiUrl_mayUseHttp() throws IOException {
            Map<String, String> env = env(MINIMAL);
            env.put("SLACK_API_URL", "http://localhost:8080/api/");

            assertThat(load(env).secrets().slackApiUrl()).isEqualTo("http://localhost:8080/api/");
        }

        @Test
        void badApiUrlAndDatabaseUrl_areNamed() throws IOException {
            Map<String, String> env = env(MINIMAL);
            env.put("SLACK_API_URL", "slack.com");
            env.put("CEBOT_DB_URL", "jdbc:mysql://x");

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

            assertThat(e.problems()).anyMatch(p -> p.startsWith("SLACK_API_URL"));
            assertThat(e.problems()).anyMatch(p -> p.startsWith("CEBOT_DB_URL"));
        }
    }

    @Nested
    final class File {

        @Test
        void missingFile_namesThePathAndTheVariable() {
            Map<String, String> env = Map.of(
                    "SLACK_BOT_TOKEN",
                    BOT,
                    "SLACK_APP_TOKEN",
                    APP,
                    "CEBOT_CONFIG",
                    dir.resolve("nope.yaml").toString());

            assertThatThrownBy(() -> load(env))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("nope.yaml")
                    .hasMessageContaining("CEBOT_CONFIG");
        }

        @Test
        void invalidYaml_givesTheLineAndColumn_onOneLine() throws IOException {
            Map<String, String> env = env("support:\n  head_of_support: [U1\n");

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

            assertThat(e.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p)
                            .contains("not valid YAML at line 3, column 1")
                            .doesNotContain("\n"));
        }

        @Test
        void duplicateKey_isAMistake() throws IOException {
            Map<String, String> env = env(MINIMAL + "support:\n  delegates: []\n");

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

            assertThat(e.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p).contains("support"));
        }

        @Test
        void shippedConfig_holdsNoTeamsValues_andAsksForTheHeadOfSupportOnly() throws IOException {
            String shipped = Files.readString(Path.of("config/cebot.yaml"));
            Map<String, String> env =
                    Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, "CEBOT_CONFIG", "config/cebot.yaml");

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

            assertThat(e.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p).startsWith("support.head_of_support is missing"));
            BotConfig config = load(env(shipped.replace("# head_of_support:", "head_of_support:")))
                    .config();
            assertThat(config.channels().customerSupport()).isEqualTo("customer-support");
            assertThat(config.schedule().timeZone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(config.roster()).isEmpty();
        }

        @Test
        void minimalConfig_getsDefaults() throws IOException {
            BotConfig config = load(env(MINIMAL)).config();

            assertThat(config.channels().ce()).isEqualTo("ce");
            assertThat(config.channels().ceInternal()).isEqualTo("ce-internal");
            assertThat(config.schedule().workingDays())
                    .containsExactlyInAnyOrder(
                            DayOfWeek.MONDAY,
                            DayOfWeek.TUESDAY,
                            DayOfWeek.WEDNESDAY,
                            DayOfWeek.THURSDAY,
                            DayOfWeek.FRIDAY);
            assertThat(config.schedule().reminderHour()).isEqualTo(9);
            assertThat(config.roster()).isEmpty();
            assertThat(config.ops())
                    .as("the ops listener is off")
                    .isEqualTo(new BotConfig.Ops(OptionalInt.empty(), "127.0.0.1"));
            assertThat(config.retention().workDays()).isEqualTo(30);
            assertThat(config.retention().recordsDays()).as("records kept").isEmpty();
        }

        @Test
        void retention_isRead() throws IOException {
            BotConfig config = load(env(MINIMAL + """
                    retention:
                      work_days: 7
                      records_days: 365
                    """)).config();

            assertThat(config.retention()).isEqualTo(new BotConfig.Retention(7, OptionalInt.of(365)));
        }

        @Test
        void opsListener_isOnOnceAPortIsSet_onLoopbackUnlessToldOtherwise() throws IOException {
            assertThat(load(env(MINIMAL + "ops:\n  port: 9464\n")).config().ops())
                    .isEqualTo(new BotConfig.Ops(OptionalInt.of(9464), "127.0.0.1"));
            assertThat(load(env(MINIMAL + "ops:\n  port: 9464\n  bind_address: 0.0.0.0\n"))
                            .config()
                            .ops())
                    .isEqualTo(new BotConfig.Ops(OptionalInt.of(9464), "0.0.0.0"));
            assertThat(load(env(MINIMAL + "ops:\n  port: 9464\n  bind_address: \"::1\"\n"))
                            .config()
                            .ops()
                            .bindAddress())
                    .isEqualTo("::1");
        }

        @Test
        void roster_isRead() throws IOException {
            BotConfig config = load(env(MINIMAL + """
                    roster:
                      - user: U0CE1
                        start_date: 2026-09-01
                        manager: U0MGR
                    """)).config();

            assertThat(config.roster())
                    .containsExactly(new BotConfig.RosterEntry("U0CE1", LocalDate.of(2026, 9, 1), "U0MGR"));
        }
    }

    @Nested
    final class BadSettings {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiterString = "|", textBlock = """
                unknown section         | slack:\\n  x: 1                                  | Unknown setting "slack"
                unknown key in a section | support:\\n  head_of_support: U1\\n  delegate: [U2] | Unknown setting "support.delegate"; did you mean "support.delegates"?
                unknown key in the roster | roster:\\n  - user: U0CE1\\n    start_date: 2026-01-01\\n    team: x | Unknown setting "roster[].team"
                unknown key deep down   | schedule:\\n  time_zone: UTC\\n  workday:\\n    start: 9 | Unknown setting "schedule.workday"
                section where a value belongs | schedule:\\n  time_zone: {}                | schedule.time_zone must be a single value, not a section
                list where a value belongs | zendesk:\\n  subdomain: [a, b]             | zendesk.subdomain must be a single value, not a list
                list where a number belongs | support:\\n  head_of_support: U1\\n  request_nudge_working_hours: [4] | support.request_nudge_working_hours must be a whole number
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
                bad escalation target   | sdr_collab:\\n  escalate_to: the manager       | sdr_collab.escalate_to "the manager" is neither
                bad digest day          | sdr_collab:\\n  digest_day: FUNDAY            | sdr_collab.digest_day "FUNDAY" is not a day
                bad digest hour         | sdr_collab:\\n  digest_hour: 24               | sdr_collab.digest_hour must be a whole number from 0 to 23
                no open questions allowed | sdr_collab:\\n  max_open_per_person: 0      | sdr_collab.max_open_per_person must be a whole number from 1
                leaving days out of range | sdr_collab:\\n  skip_if_leaving_within_days: -1 | sdr_collab.skip_if_leaving_within_days must be a whole number from 0
                unknown sdr setting     | sdr_collab:\\n  escalate: U1                  | Unknown setting "sdr_collab.escalate"
                no work kept at all     | retention:\\n  work_days: 0                 | retention.work_days must be a whole number from 1 to 3650
                records kept too briefly | retention:\\n  records_days: 7             | retention.records_days must be a whole number from 30 to 36500
                records days in words   | retention:\\n  records_days: forever       | retention.records_days must be a whole number from 30
                unknown retention setting | retention:\\n  days: 30                  | Unknown setting "retention.days"
                no questions a minute   | sdr_collab:\\n  questions_per_minute: 0       | sdr_collab.questions_per_minute must be a whole number from 1 to 1000
                no periods planned      | ooo:\\n  max_planned_periods: 0            | ooo.max_planned_periods must be a whole number from 1 to 100
                coverer DMs as a list   | ooo:\\n  coverer_dms_per_day: [4]          | ooo.coverer_dms_per_day must be a whole number from 1 to 50
                members never confirmed | support:\\n  head_of_support: U1\\n  confirm_members_within_hours: 0 | support.confirm_members_within_hours must be a whole number from 1 to 720
                a person as takers      | support:\\n  head_of_support: U1\\n  takers: U0AE   | support.takers "U0AE" is not a user group
                ops port zero           | ops:\\n  port: 0                              | ops.port must be a whole number from 1 to 65535 (it is "0")
                ops port too high       | ops:\\n  port: 70000                          | ops.port must be a whole number from 1 to 65535
                ops port as text        | ops:\\n  port: metrics                        | ops.port must be a whole number from 1 to 65535 (it is "metrics")
                ops address not one     | ops:\\n  port: 9464\\n  bind_address: "http://0.0.0.0" | ops.bind_address "http://0.0.0.0" is not an address
                ops address as a list   | ops:\\n  bind_address: [127.0.0.1]            | ops.bind_address must be a single value, not a list
                unknown ops setting     | ops:\\n  prot: 9464                           | Unknown setting "ops.prot"; did you mean "ops.port"?
                """)
        void eachMistake_isNamed(String name, String yaml, String expected) throws IOException {
            String text = yaml.replace("\\n", "\n");
            if (!text.contains("head_of_support") && !name.equals("missing head of support")) {
                text = text + "\n" + MINIMAL;
            }
            Map<String, String> env = env(text);

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env));

            assertThat(e).as(name).isNotNull();
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(expected));
            assertThat(e.problems())
                    .allSatisfy(p -> assertThat(p)
                            .as("one sentence on one line")
                            .doesNotEndWith("?.")
                            .doesNotContain("\n"));
        }
    }
}
