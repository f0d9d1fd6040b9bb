package com.cebot.e2e;

import java.nio.file.Path;
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
    public void beforeEach(ExtensionContext context) {
        dir = ScratchDir.create("cebot-e2e");
        harness = BotHarness.started(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (harness != null) {
                harness.close();
            }
        } finally {
            ScratchDir.delete(dir);
        }
    }
}
