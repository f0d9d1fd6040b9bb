package com.cebot.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test, a loopback Slack with the team's channels and people, the settings and the
 * database in a folder of the test's own, and the packaged bots the test starts against them, each
 * in a JVM of its own. Afterwards the bots still running are killed, their logs kept under
 * {@code target/child-logs/<test>/}, the fake closed and the folder removed. Register it with
 * {@code @RegisterExtension final ChildBots bots = new ChildBots();}.
 */
final class ChildBots implements BeforeEachCallback, AfterEachCallback {

    private final List<ChildBot> children = new ArrayList<>();
    private Path dir;
    private BotHarness harness;
    private String test;

    @Override
    public void beforeEach(ExtensionContext context) {
        test = context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName();
        dir = ScratchDir.create("cebot-it");
        harness = BotHarness.create(dir, Clock.systemUTC());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            children.forEach(ChildBot::close);
            children.forEach(c -> c.keepLog(test));
            if (harness != null) {
                harness.close();
            }
        } finally {
            children.clear();
            ScratchDir.delete(dir);
        }
    }

    /** The loopback Slack and the settings the bots start with; no bot runs in this JVM. */
    BotHarness harness() {
        return harness;
    }

    /** Where the database and the settings are. */
    Path dir() {
        return dir;
    }

    /** The test's name, for the tables the tests print. */
    String test() {
        return test;
    }

    /** A packaged bot on the shared database, once it says it is listening. */
    ChildBot start(String name) {
        return launch(name, dir, false).awaitListening();
    }

    /**
     * A packaged bot with the test's settings, running in {@code workDir} (its log there too), not
     * waited for: one that should stop at start, say.
     *
     * @param asNobody run it as user nobody when this JVM runs as root, which ignores file modes
     */
    ChildBot launch(String name, Path workDir, boolean asNobody) {
        ChildBot bot = ChildBot.start(name, harness.env(), workDir, asNobody);
        children.add(bot);
        return bot;
    }
}
