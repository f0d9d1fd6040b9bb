package com.cebot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test, the bot started as {@code main} starts it, against a fresh loopback Slack and a
 * database in a folder of its own, stopped and removed afterwards. Register it with
 * {@code @RegisterExtension final RunningBot bot = new RunningBot();}.
 */
final class RunningBot implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private BotHarness harness;

    BotHarness harness() {
        return harness;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("cebot-e2e");
        harness = BotHarness.started(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (harness != null) {
                harness.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(RunningBot::delete);
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
