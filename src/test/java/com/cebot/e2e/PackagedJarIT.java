package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.db.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as an admin starts it: {@code java -jar target/cebot.jar ...} in its own JVM,
 * so what only the shaded jar can get wrong (a missing class, a lost META-INF/services entry, the
 * manifest's main class) fails here. Failsafe passes the jar's path as {@code cebot.jar}.
 */
final class PackagedJarIT {

    private static final long TIMEOUT_SECONDS = 60;

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        String path = System.getProperty("cebot.jar");
        assertThat(path)
                .as("system property cebot.jar (set by failsafe in pom.xml)")
                .isNotBlank();
        jar = Path.of(path);
        assertThat(jar).as("the shaded jar; mvn package builds it").isRegularFile();
    }

    @Test
    void help_printsTheUsage() throws Exception {
        Result result = run(Map.of(), "help");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out())
                .startsWith("Usage: java -jar target/cebot.jar [command]")
                .contains("export --since YYYY-MM-DD");
    }

    @Test
    void manifest_printsTheShippedManifest() throws Exception {
        Result result = run(Map.of(), "manifest");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out()).contains("socket_mode_enabled: true");
        // Byte for byte, although the child has no locale: its comments' arrows must not become '?'.
        assertThat(result.out()).isEqualTo(Files.readString(Path.of("config/manifest.yaml"), StandardCharsets.UTF_8));
    }

    @Test
    void aBadSetting_stopsTheJar_inOneLinePerProblem_withExitCode2_andNoStackTrace() throws Exception {
        Files.writeString(dir.resolve("cebot.yaml"), "support:\n  head_of_support: U0HEAD\n  delegate: [U1]\n");

        Result result = run(
                Map.of(
                        "SLACK_BOT_TOKEN",
                        "xoxb-1",
                        "SLACK_APP_TOKEN",
                        "xapp-1",
                        "CEBOT_CONFIG",
                        "cebot.yaml",
                        "CEBOT_DB_URL",
                        "jdbc:sqlite::memory:"),
                "run");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err().lines().toList())
                .as(result.describe())
                .containsExactly(
                        "CE Bot cannot start; fix these settings:",
                        "  - CEBOT_DB_URL must name a database file such as jdbc:sqlite:data/cebot.db: an in-memory database"
                                + " would lose everything at a restart (and each pooled connection would get its own).",
                        "  - Unknown setting \"support.delegate\"; did you mean \"support.delegates\"?");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void export_fromAnExistingDatabase_withoutLocaleVariables_printsTheCsvHeader() throws Exception {
        Path db = dir.resolve("cebot.db");
        Database.open("jdbc:sqlite:" + db);
        assertThat(db).isRegularFile();

        Result result = run(Map.of("CEBOT_DB_URL", "jdbc:sqlite:" + db), "export", "--since", "2026-01-01");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out().lines().toList())
                .as(result.describe())
                .containsExactly(
                        "kind,id,created_at,submitted_by,customer,links,status,handled_by,reason,background,ask,why,"
                                + "if_not,needed_by,time_reason,anything_else");
        assertThat(result.err()).contains("0 submission(s) since 2026-01-01 (UTC).");
    }

    /**
     * Runs the jar with this JVM's java, in the temp folder, with {@code env} and without the locale
     * variables or any Slack or CE Bot settings of the environment the build runs in.
     */
    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> childEnv = builder.environment();
        childEnv.remove("LANG");
        childEnv.remove("LC_ALL");
        childEnv.keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("CEBOT_"));
        childEnv.putAll(env);
        Process process = builder.start();
        process.getOutputStream().close(); // nothing on standard input
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("java -jar cebot.jar " + String.join(" ", args) + " still running after "
                    + TIMEOUT_SECONDS + " s; killed. Output so far:\n" + read(out) + read(err));
        }
        return new Result(String.join(" ", args), process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private record Result(String args, int exitCode, String out, String err) {
        String describe() {
            return "cebot " + args + " exited " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }
}
