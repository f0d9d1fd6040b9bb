package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The packaged bot ({@code java -jar cebot.jar}, the path failsafe passes as {@code cebot.jar}) in
 * a JVM of its own, with the environment a test gives it, its standard output and error in one
 * file. Stopped as an operator or a crash would: SIGTERM ({@link #terminate}) or SIGKILL
 * ({@link #kill}). Every wait has a deadline; {@link #close} kills what is still running.
 */
final class ChildBot implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(60);
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w$.<>/]+\\(.*\\)\\s*$");

    private final String name;
    private final Process process;
    private final Path log;

    private ChildBot(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Path jar() {
        String path = System.getProperty("cebot.jar");
        assertThat(path)
                .as("system property cebot.jar (set by failsafe in pom.xml)")
                .isNotBlank();
        Path jar = Path.of(path);
        assertThat(jar).as("the shaded jar; mvn package builds it").isRegularFile();
        return jar;
    }

    /** Root ignores file modes, so a test of a read-only file runs the bot as nobody instead. */
    static boolean runningAsRoot() {
        return "root".equals(ProcessHandle.current().info().user().orElse(""));
    }

    /** Starts {@code java -jar cebot.jar args} in {@code dir}, with {@code env} and no other Slack or CE Bot settings. */
    static ChildBot start(String name, Map<String, String> env, Path dir, String... args) {
        return start(name, env, dir, false, args);
    }

    /**
     * @param asNobody run it as user and group 65534 ({@code setpriv}), when this JVM runs as root
     */
    static ChildBot start(String name, Map<String, String> env, Path dir, boolean asNobody, String... args) {
        List<String> command = new ArrayList<>();
        if (asNobody && runningAsRoot()) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        // Client compiler only and a small heap: two of these share two cores with the build.
        return start(name, env, dir, command, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"), args);
    }

    /** Starts {@code java <jvmOptions> -jar cebot.jar args}, for the benchmark's choice of JVM options. */
    static ChildBot start(String name, Map<String, String> env, Path dir, List<String> jvmOptions, String... args) {
        return start(name, env, dir, new ArrayList<>(), jvmOptions, args);
    }

    private static ChildBot start(
            String name,
            Map<String, String> env,
            Path dir,
            List<String> command,
            List<String> jvmOptions,
            String... args) {
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(key -> key.startsWith("SLACK_") || key.startsWith("CEBOT_"));
        childEnv.putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new ChildBot(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits for the line the bot logs once Slack said hello on its socket. */
    ChildBot awaitListening() {
        Await.until(START, () -> name + " saying it is connected and listening; log so far:\n" + log(), () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before listening:\n" + log());
            }
            return log().lines().anyMatch(l -> l.contains("CE Bot is connected as") && l.contains("and listening"));
        });
        return this;
    }

    /** SIGTERM, as systemd, Docker or Ctrl-C stop it. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook, nothing closed, claims left as they were. */
    void kill() {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(10, TimeUnit.SECONDS))
                    .as(name + " gone after SIGKILL")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The exit code, once it has exited; fails after {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout + "; log:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Everything it wrote so far, standard output and error together. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines that belong to a stack trace. */
    List<String> stackTraceLines() {
        return log().lines()
                .filter(l -> STACK_FRAME.matcher(l).matches()
                        || l.startsWith("Caused by:")
                        || l.contains("Exception in thread"))
                .toList();
    }

    /** The log must show no stack trace and nothing a person typed. */
    void assertCleanLog(List<String> typed) {
        String text = log();
        assertThat(stackTraceLines())
                .as(name + "'s log has no stack trace:\n" + text)
                .isEmpty();
        for (String marker : typed) {
            assertThat(text).as(name + "'s log never holds typed text").doesNotContain(marker);
        }
    }

    String name() {
        return name;
    }

    /** Copies the log to {@code target/child-logs/<test>/}, to read after the temp folder is gone. */
    void keepLog(String test) {
        try {
            Path kept = Path.of("target", "child-logs", test);
            Files.createDirectories(kept);
            if (Files.exists(log)) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
