package com.cebot.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.TestInfo;

/**
 * The loopback Slack and the packaged bots a child-JVM test starts against it, closed together:
 * the children first (their logs kept under the test's name), then the fake.
 */
final class ChildBots implements AutoCloseable {

    final BotHarness harness;
    private final Path dir;
    private final String test;
    private final List<ChildBot> children = new ArrayList<>();

    private ChildBots(BotHarness harness, Path dir, String test) {
        this.harness = harness;
        this.dir = dir;
        this.test = test;
    }

    static ChildBots create(Path dir, TestInfo info) {
        String test = info.getTestClass().orElseThrow().getSimpleName() + "."
                + info.getTestMethod().orElseThrow().getName();
        return new ChildBots(BotHarness.create(dir, Clock.systemUTC()), dir, test);
    }

    /** A packaged bot on the shared database, once it says it is listening. */
    ChildBot start(String name) {
        ChildBot bot = ChildBot.start(name, harness.env(), dir);
        children.add(bot);
        return bot.awaitListening();
    }

    /** The test's name, for the tables the tests print. */
    String test() {
        return test;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        children.forEach(ChildBot::close);
        children.forEach(c -> c.keepLog(test));
        harness.close();
    }
}
