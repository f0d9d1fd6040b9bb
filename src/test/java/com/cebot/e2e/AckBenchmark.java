package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's benchmark ({@code mvn -B test -Pbenchmark}): the packaged bot in a JVM of its own,
 * started as the README's run command starts it, against the loopback Slack, and beside it the floor
 * ({@link FloorClient}, a bare socket that acks at once) put through the same load in the same run.
 * It prints every figure beside the floor's and as a ratio, and asserts nothing about time.
 *
 * <p>The load, in this order: five starts on a migrated database (start → Socket Mode hello); 20
 * submissions one at a time, the first right after the start (submit → card posted); a cold burst of
 * 500 shortcuts and 500 submissions, then the same again warm (the one held to the targets); bursts
 * of 1,000 of each; 200 message events a second in #ce for 30 s, which exercise whatever message
 * listener the bot registers; then the bot's resident memory. Each burst of the bot's also gives the
 * CPU time it cost per envelope, which other work on the machine does not move as it moves the
 * latencies; the machine's load average is printed with the figures.
 */
@Tag("benchmark")
final class AckBenchmark {

    /** The README's run command, whose JVM options the bot is started with. */
    private static final Pattern RUN_COMMAND =
            Pattern.compile("(?m)^mvn -B -DskipTests package && java (.*?) ?-jar target/cebot.jar$");

    private static final int BURST = 500;
    private static final int BIG_BURST = 1_000;

    /** A burst of shortcuts, then one of submissions to the modals they opened. */
    private record Round(String name, int size, boolean timed) {}

    /**
     * The first burst comes right after the start and the 20 forms, while the bot's paths run
     * interpreted and the JIT compiles them: it is printed, and it warms those paths for the next
     * burst of the same size, which is the one held to the targets.
     */
    private static final List<Round> ROUNDS = List.of(
            new Round("cold burst of " + BURST, BURST, false),
            new Round("burst of " + BURST, BURST, true),
            new Round("burst of " + BIG_BURST, BIG_BURST, false));

    private static final int ONE_AT_A_TIME = 20;
    private static final int EVENTS_PER_SECOND = 200;
    private static final Duration EVENTS_FOR = Duration.ofSeconds(30);
    private static final int STARTS = 5;
    private static final Duration SLACK_ACK_WINDOW = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(300);

    @TempDir
    Path dir;

    private final Map<String, String> floor = new LinkedHashMap<>();
    private final Map<String, String> bot = new LinkedHashMap<>();
    private final Map<String, Double> floorValues = new HashMap<>();
    private final Map<String, Double> botValues = new HashMap<>();
    private final Map<String, String> targets = new LinkedHashMap<>();
    /** The machine's 1-minute load average as the floor starts, as the bot starts, and at the end. */
    private final List<String> loads = new ArrayList<>();

    private int ticket = 10_000;

    @Test
    void figures() throws Exception {
        loads.add(loadAverage());
        Path floorDir = Files.createDirectories(dir.resolve("floor"));
        try (BotHarness fake = BotHarness.create(floorDir, Clock.systemUTC())) {
            FloorClient client = FloorClient.connect(fake.slack);
            load(fake.slack, floor, floorValues, (n, opensBefore) -> openViews(fake.slack, n), () -> -1);
            client.close();
        }
        loads.add(loadAverage());
        Path botDir = Files.createDirectories(dir.resolve("bot"));
        try (BotHarness fake = BotHarness.create(botDir, Clock.systemUTC())) {
            startToHello(fake, botDir);
            try (ChildBot child =
                    ChildBot.start("bot", fake.env(), botDir, jvmOptions()).awaitListening()) {
                oneAtATime(fake.slack);
                load(
                        fake.slack,
                        bot,
                        botValues,
                        (n, opensBefore) -> awaitModals(fake.slack, opensBefore + n),
                        () -> cpuMillis(child.pid()));
                long rss = residentMegabytes(child.pid());
                put(bot, botValues, "resident memory after the load (MB)", rss);
                targets.put("resident memory after the load (MB)", "≤ 200");
                child.terminate();
                child.awaitExit(Duration.ofSeconds(30));
                child.keepLog("AckBenchmark");
            }
        }
        loads.add(loadAverage());
        print();
    }

    // ---- the load both take

    /**
     * @param modals opens (floor) or waits for the bot to open (bot) the modals of the shortcuts just
     *     sent
     */
    /**
     * @param cpu the CPU time the app has used so far (ms), or -1 when it is not measured: a burst's
     *     CPU per envelope does not depend on what else the machine is running, as its latencies do
     */
    private void load(
            SlackFake slack, Map<String, String> out, Map<String, Double> values, Modals modals, LongSupplier cpu) {
        for (Round round : ROUNDS) {
            awaitIdle(cpu);
            int size = round.size();
            String name = round.name();
            Set<String> before = new HashSet<>(slack.views().keySet());
            int opensBefore = slack.calls("views.open").size();
            long cpuBefore = cpu.getAsLong();
            List<String> shortcuts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                shortcuts.add(slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER));
            }
            Latencies shortcutAcks = Latencies.of(shortcuts, awaitAcks(slack, shortcuts));
            List<String> viewIds = modals.open(size, opensBefore).stream()
                    .filter(id -> !before.contains(id))
                    .toList();
            figures(out, values, name + " shortcuts", shortcutAcks, round.timed() ? "≤ 3× floor" : null);
            put(out, values, name + " shortcuts: modals opened", viewIds.size());
            cpuPer(out, values, name + " shortcuts: CPU per shortcut, ack and views.open (ms)", cpu, cpuBefore, size);

            long cpuBeforeSubmissions = cpu.getAsLong();

            int postedBefore = cards(slack).size();
            List<String> submissions = new ArrayList<>();
            for (String viewId : viewIds) {
                submissions.add(
                        slack.submitView(viewId, CE_USER, values(ticket++).toJson()));
            }
            Map<String, Ack> acks = awaitAcks(slack, submissions);
            Latencies submitAcks = Latencies.of(submissions, acks);
            cpuPer(
                    out,
                    values,
                    name + " submissions: CPU per submission until the last ack (ms)",
                    cpu,
                    cpuBeforeSubmissions,
                    submissions.size());
            // A form the store could not take in time is answered next to a field and makes no card.
            long accepted = acks.values().stream()
                    .filter(a -> a.payload() == null
                            || a.payload().isNull()
                            || !"errors"
                                    .equals(a.payload().path("response_action").asText()))
                    .count();
            put(out, values, name + " submissions: refused as the store was busy", viewIds.size() - accepted);
            // As many as modals opened: the bot cannot be sent a form whose modal never opened.
            figures(out, values, name + " submissions", submitAcks, round.timed() ? "≤ 4× floor" : null);
            if (size == BIG_BURST) {
                targets.put(name + " shortcuts: acks past 3 s", "0");
                targets.put(name + " submissions: acks past 3 s", "0");
            }
            // The bot's cards, posted before the next burst so that one burst's posting does not
            // weigh on the next one's acks. The floor posts nothing.
            if (out == bot) {
                long started = System.nanoTime();
                Await.until(WAIT, "every card posted", () -> cards(slack).size() >= postedBefore + accepted);
                put(
                        out,
                        values,
                        name + " submissions: all cards posted after (ms)",
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
        // The message events measure a bot at work on a steady channel, not one still posting a burst.
        awaitQuiet(slack);
        long cpuBeforeEvents = cpu.getAsLong();
        int events = messageEvents(slack, out, values);
        // Each event's id is written after its ack: a quiet second lets the last writes into the count.
        awaitQuiet(slack);
        cpuPer(
                out,
                values,
                "message events: CPU per event, ack and its id recorded (ms)",
                cpu,
                cpuBeforeEvents,
                events);
    }

    /** @return how many events were sent */
    private int messageEvents(SlackFake slack, Map<String, String> out, Map<String, Double> values) {
        List<String> events = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / EVENTS_PER_SECOND;
        long count = EVENTS_FOR.toSeconds() * EVENTS_PER_SECOND;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            LockSupport.parkNanos(start + i * interval - System.nanoTime());
            events.add(slack.sendMessageEvent(CE, CE_USER, "How do we size a cluster for customer " + i + "?", null)
                    .envelopeId());
        }
        String what = EVENTS_PER_SECOND + " message events/s in #ce for " + EVENTS_FOR.toSeconds() + " s";
        figures(out, values, what, Latencies.of(events, awaitAcks(slack, events)), null);
        targets.put(what + ": ack p99", "≤ 5 ms");
        return events.size();
    }

    // ---- the bot only

    /**
     * Until the app has used no more than a clock tick of CPU in half a second (or the wait is up):
     * the round before's last work (a card's delivery hooks, the inbox's bookkeeping) goes on after
     * its last post, and a burst that met it would be timed and costed with it. The floor does no
     * such work ({@code cpu} is -1).
     */
    private static void awaitIdle(LongSupplier cpu) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long before = cpu.getAsLong();
        while (before >= 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            long now = cpu.getAsLong();
            if (now - before <= 10) {
                return;
            }
            before = now;
        }
    }

    /** Until no Web API call has come for a second (or the wait is up). */
    private static void awaitQuiet(SlackFake slack) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean calling = true;
        while (calling && System.nanoTime() < deadline) {
            int calls = slack.calls().size();
            calling = Await.within(Duration.ofSeconds(1), () -> slack.calls().size() != calls);
        }
    }

    /** Five starts of the packaged jar on a database an earlier start migrated: process start → hello sent. */
    private void startToHello(BotHarness fake, Path botDir) {
        try (ChildBot first =
                ChildBot.start("migrate", fake.env(), botDir, jvmOptions()).awaitListening()) {
            first.terminate();
            first.awaitExit(Duration.ofSeconds(30));
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i <= STARTS; i++) {
            int opened = fake.slack.connectionsOpened();
            long started = System.nanoTime();
            try (ChildBot child = ChildBot.start("start-" + i, fake.env(), botDir, jvmOptions())) {
                fake.slack.awaitConnectionsOpened(opened + 1, WAIT);
                millis.add((System.nanoTime() - started) / 1_000_000);
                child.awaitListening();
                child.terminate();
                child.awaitExit(Duration.ofSeconds(30));
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        put(bot, botValues, "start → Socket Mode hello, median of " + STARTS + " (ms)", sorted.get(STARTS / 2));
        bot.put("start → Socket Mode hello, each start (ms)", millis.toString());
        targets.put("start → Socket Mode hello, median of " + STARTS + " (ms)", "≤ 1000");
    }

    /** 20 forms, each sent once the one before has its card: from Submit to the card's chat.postMessage. */
    private void oneAtATime(SlackFake slack) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < ONE_AT_A_TIME; i++) {
            slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER);
            View view = Await.value(
                    WAIT,
                    "the modal",
                    () -> slack.modalStack(CE_USER).isEmpty()
                            ? null
                            : slack.modalStack(CE_USER).get(0));
            int before = cards(slack).size();
            Instant submitted = Instant.now();
            slack.submitView(view.id(), CE_USER, values(ticket++).toJson());
            Await.until(WAIT, "the card", () -> cards(slack).size() > before);
            millis.add(
                    Duration.between(submitted, cards(slack).get(before).at()).toMillis());
            Await.until(
                    WAIT, "the modal closed", () -> slack.modalStack(CE_USER).isEmpty());
        }
        Latencies l = Latencies.ofMillis(millis);
        String what = ONE_AT_A_TIME + " submissions one at a time, submit → card";
        put(bot, botValues, what + ": p50 (ms)", l.p50());
        put(bot, botValues, what + ": p99 (ms)", l.p99());
        bot.put(what + ", each (ms)", millis.toString());
        targets.put(what + ": p99 (ms)", "≤ 100");
    }

    /** Each shortcut gets one views.open; a trigger that expired first is refused. */
    private static List<String> awaitModals(SlackFake slack, int count) {
        Await.until(
                WAIT,
                count + " views.open calls",
                () -> slack.calls("views.open").size() >= count && slack.callsInProgress() == 0);
        return new ArrayList<>(slack.views().keySet());
    }

    private static void cpuPer(
            Map<String, String> out, Map<String, Double> values, String key, LongSupplier cpu, long before, int count) {
        if (before >= 0 && count > 0) {
            out.put(key, String.format("%.2f", (cpu.getAsLong() - before) / (double) count));
        }
    }

    /** User and system CPU time of a process, from /proc (in clock ticks of 10 ms). */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long residentMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /**
     * The JVM options of the README's run command; {@code -Dbenchmark.jfr=<file>} adds a flight
     * recording of the bot, written when it stops, with the JFR settings {@code -Dbenchmark.jfc}
     * names (a file, or {@code profile} when unset).
     */
    static List<String> jvmOptions() {
        Matcher run;
        try {
            run = RUN_COMMAND.matcher(Files.readString(Path.of("README.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!run.find()) {
            throw new AssertionError("README.md has no line " + RUN_COMMAND.pattern());
        }
        List<String> options = new ArrayList<>();
        for (String option : run.group(1).isBlank()
                ? List.<String>of()
                : List.of(run.group(1).split(" +"))) {
            // The command runs in the project's folder; the bot here runs in a folder of its own.
            int file = option.indexOf("=target/");
            options.add(
                    file < 0
                            ? option
                            : option.substring(0, file + 1)
                                    + Path.of(option.substring(file + 1)).toAbsolutePath());
        }
        String extra = System.getProperty("benchmark.jvm", "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split(" +")));
        }
        String jfr = System.getProperty("benchmark.jfr", "");
        if (!jfr.isBlank()) {
            String settings = System.getProperty("benchmark.jfc", "profile");
            options.add("-XX:StartFlightRecording=settings=" + settings + ",dumponexit=true,filename=" + jfr);
        }
        return options;
    }

    // ---- the floor only

    /** The floor opens no modals: the test opens them, so that there is something to submit. */
    private static List<String> openViews(SlackFake slack, int count) {
        List<String> ids = new ArrayList<>();
        Slack client = Slack.getInstance(slack.slackConfig());
        try {
            MethodsClient methods = client.methods(SlackFake.BOT_TOKEN);
            for (int i = 0; i < count; i++) {
                String trigger = slack.issueTriggerId(CE_USER);
                ids.add(methods.viewsOpen(r -> r.triggerId(trigger).view(contextLikeModal()))
                        .getView()
                        .getId());
            }
            client.close();
        } catch (Exception e) {
            throw new AssertionError("the floor's modals did not open", e);
        }
        return ids;
    }

    /** A modal the size of the context form's. */
    private static com.slack.api.model.view.View contextLikeModal() {
        return view(v -> v.type("modal")
                .callbackId(ContextIds.CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Support Ticket Context")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Share")))
                .blocks(asBlocks(
                        input(i -> i.blockId(ContextIds.CUSTOMER)
                                .label(plainText("Customer Name"))
                                .element(plainTextInput(p -> p.actionId(ContextIds.VALUE)))),
                        input(i -> i.blockId(ContextIds.LINK)
                                .label(plainText("Link to issue (Slack / GH / ZD ticket #)"))
                                .element(plainTextInput(p -> p.actionId(ContextIds.VALUE)))),
                        input(i -> i.blockId(ContextIds.BACKGROUND)
                                .label(plainText(
                                        "Background information or anything we should know that would be helpful?"))
                                .element(plainTextInput(
                                        p -> p.actionId(ContextIds.VALUE).multiline(true)))))));
    }

    // ---- helpers

    @FunctionalInterface
    private interface Modals {
        /** @return the ids of the views open after {@code size} shortcuts */
        List<String> open(int size, int opensBefore);
    }

    private static StateValues values(int ticket) {
        return StateValues.of()
                .externalSelect(ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, "new:Customer " + ticket, "c")
                .text(ContextIds.LINK, ContextIds.VALUE, "ZD " + ticket)
                .text(ContextIds.BACKGROUND, ContextIds.VALUE, "Background " + ticket);
    }

    /** Cards in #customer-support, in the order they were posted. */
    private static List<RecordedCall> cards(SlackFake slack) {
        return slack.calls("chat.postMessage").stream()
                .filter(c -> c.status() == 200 && SUPPORT.equals(c.param("channel")) && c.param("thread_ts") == null)
                .toList();
    }

    /** The first ack of each envelope, those that came within the wait. */
    private static Map<String, Ack> awaitAcks(SlackFake slack, List<String> envelopes) {
        Set<String> wanted = new HashSet<>(envelopes);
        Map<String, Ack> acked = new HashMap<>();
        Await.within(WAIT, () -> {
            for (Ack ack : slack.acks()) {
                if (wanted.contains(ack.envelopeId())) {
                    acked.putIfAbsent(ack.envelopeId(), ack);
                }
            }
            return acked.size() == wanted.size();
        });
        return acked;
    }

    private void figures(Map<String, String> out, Map<String, Double> values, String what, Latencies l, String target) {
        putMicros(out, values, what + ": ack p50 (ms)", l.p50());
        putMicros(out, values, what + ": ack p99 (ms)", l.p99());
        putMicros(out, values, what + ": ack max (ms)", l.max());
        put(out, values, what + ": acks past 3 s", l.over(SLACK_ACK_WINDOW));
        put(out, values, what + ": not acked", l.missing());
        if (target != null) {
            targets.put(what + ": ack p99 (ms)", target);
        }
    }

    private static void put(Map<String, String> out, Map<String, Double> values, String key, long value) {
        out.put(key, String.valueOf(value));
        values.put(key, (double) value);
    }

    private static void putMicros(Map<String, String> out, Map<String, Double> values, String key, long micros) {
        out.put(key, String.format("%.1f", micros / 1000.0));
        values.put(key, micros / 1000.0);
    }

    private void print() {
        List<String> rows = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(floor.keySet());
        keys.addAll(bot.keySet());
        int width = keys.stream().mapToInt(String::length).max().orElse(10);
        String format = "%-" + width + "s | %10s | %10s | %7s | %s%n";
        rows.add(String.format(format, "figure", "floor", "CE Bot", "ratio", "target"));
        for (String key : keys) {
            Double f = floorValues.get(key);
            Double b = botValues.get(key);
            String ratio = f != null && b != null && f > 0 ? String.format("%.1f×", b / f) : "";
            rows.add(String.format(
                    format,
                    key,
                    floor.getOrDefault(key, "—"),
                    bot.getOrDefault(key, "—"),
                    ratio,
                    targets.getOrDefault(key, "")));
        }
        System.out.println();
        System.out.println("Benchmark, " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + String.join(" / ", loads) + " (1 min: floor's start, bot's start, end); CE Bot run as java "
                + String.join(" ", jvmOptions()) + " -jar cebot.jar");
        rows.forEach(System.out::print);
    }

    /** Ack latencies in microseconds, and how many envelopes got no ack. */
    private record Latencies(long[] sorted, long missing) {

        static Latencies of(List<String> envelopes, Map<String, Ack> acks) {
            long[] got = acks.values().stream()
                    .mapToLong(a -> a.latency().toNanos() / 1_000)
                    .sorted()
                    .toArray();
            return new Latencies(got, envelopes.size() - got.length);
        }

        static Latencies ofMillis(List<Long> millis) {
            return new Latencies(
                    millis.stream().mapToLong(Long::longValue).sorted().toArray(), 0);
        }

        long p50() {
            return at(0.50);
        }

        long p99() {
            return at(0.99);
        }

        long max() {
            return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        }

        long over(Duration limit) {
            return Arrays.stream(sorted)
                            .filter(m -> m >= limit.toNanos() / 1_000)
                            .count()
                    + missing;
        }

        private long at(double q) {
            return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(sorted.length * q) - 1)];
        }
    }
}
