package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.DELEGATE;
import static com.cebot.e2e.BotHarness.HEAD;

import com.cebot.db.Database;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Home figures ({@code mvn -B test -Pbenchmark}): the packaged bot in a JVM of its own,
 * with the README's JVM options and the shipped {@code home.refresh_seconds}, against the loopback
 * Slack, with 500 and then 5,000 people who opened Home in the last 30 days. For each: the bot's
 * CPU while nobody does anything, from three minutes after its start, and which threads used it;
 * the time from a Support Ticket Request's Submit to the head of support's Home showing it, quiet
 * and while a change every Home shows spreads; and the time for time off this week to reach the
 * Homes of the 50 people who opened Home in the last minutes. It prints the figures and asserts
 * nothing about time.
 */
@Tag("benchmark")
final class HomeBenchmark {

    private static final ZoneId TEAM_ZONE = ZoneId.of("America/Los_Angeles");
    /**
     * How long after the start the idle bot is measured: the client compiler compiles a path after
     * some 200 runs, so the work queues' polls, once a second, are still interpreted for minutes.
     */
    private static final Duration SETTLE = Duration.ofMinutes(3);

    private static final Duration IDLE = Duration.ofSeconds(120);
    private static final int REQUESTS = 30;
    private static final int REQUESTS_WHILE_SPREADING = 10;
    /** Two publishes a request (its submit, its card's link): paced below the 70 a minute Home keeps to. */
    private static final Duration REQUEST_SPACING = Duration.ofSeconds(2);

    private static final int ACTIVE = 50;
    private static final Duration WAIT = Duration.ofSeconds(300);
    /** Clock ticks a second in /proc/<pid>/stat, as on every Linux this runs on. */
    private static final double TICKS = 100;

    @TempDir
    Path dir;

    private final Map<String, String> figures = new LinkedHashMap<>();
    private int requests;

    @Test
    void figures() throws Exception {
        try {
            for (int people : List.of(500, 5_000)) {
                measure(people);
            }
        } finally {
            print();
        }
    }

    private void print() {
        System.out.println();
        System.out.println("Home benchmark, " + Runtime.getRuntime().availableProcessors() + " cores, load average at"
                + " the end " + loadAverage() + "; CE Bot run as java " + String.join(" ", AckBenchmark.jvmOptions())
                + " -jar cebot.jar");
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(10);
        figures.forEach((k, v) -> System.out.printf("%-" + width + "s | %s%n", k, v));
    }

    private void measure(int people) throws Exception {
        Path botDir = Files.createDirectories(dir.resolve("home-" + people));
        try (BotHarness fake = BotHarness.create(botDir, Clock.systemUTC())) {
            fake.writeConfig(config());
            try (ChildBot first = ChildBot.start("migrate", fake.env(), botDir, AckBenchmark.jvmOptions())
                    .awaitListening()) {
                first.terminate();
                first.awaitExit(Duration.ofSeconds(30));
            }
            Jdbi store = Database.open(fake.env().get("CEBOT_DB_URL"));
            seed(store, people);
            try (ChildBot bot = ChildBot.start("bot", fake.env(), botDir, AckBenchmark.jvmOptions())
                    .awaitListening()) {
                try {
                    String at = people + " people who opened Home";
                    TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
                    int publishesBefore = fake.slack.calls("views.publish").size();
                    Map<String, Long> threadsBefore = threadTicks(bot.pid());
                    double idle = cpuShare(bot.pid(), IDLE);
                    figures.put(
                            at + ", nobody active: CPU over " + IDLE.toSeconds() + " s (% of a core)",
                            String.format("%.2f (load average %s)", idle * 100, loadAverage()));
                    figures.put(
                            at + ", nobody active: the threads that used it (% of a core)",
                            busiest(threadsBefore, threadTicks(bot.pid()), IDLE));
                    figures.put(
                            at + ", nobody active: views.publish calls",
                            String.valueOf(fake.slack.calls("views.publish").size() - publishesBefore));

                    List<Long> quiet = requestLatencies(fake.slack, REQUESTS);
                    figures.put(at + ": new request → head of support's Home, quiet (ms)", percentiles(quiet));
                    figures.put(at + ": new request → head of support's Home, quiet, each (ms)", quiet.toString());

                    LocalDate today = LocalDate.now(TEAM_ZONE);
                    List<String> active = makeActive(store, ACTIVE);
                    Instant planned = planTimeOff(fake.slack, today.plusDays(1));
                    List<Long> during = requestLatencies(fake.slack, REQUESTS_WHILE_SPREADING);
                    List<Long> reached = reachedAll(fake.slack, active, "<@" + CE_USER + ">", planned);
                    figures.put(
                            at + ": new request → head of support's Home, while time off spreads (ms)",
                            percentiles(during));
                    figures.put(
                            at + ": time off this week → the Homes of " + ACTIVE + " active people (ms)",
                            percentiles(reached));
                    bot.terminate();
                    bot.awaitExit(Duration.ofSeconds(30));
                } finally {
                    bot.keepLog("HomeBenchmark-" + people);
                }
            }
        }
    }

    /** The harness's workspace with the shipped Home settings (no home section). */
    private static String config() {
        return """
                channels:
                  customer_support: customer-support
                  ce: "#ce"
                  ce_internal: ce-internal
                support:
                  head_of_support: %s
                  delegates: [%s]
                zendesk:
                  subdomain: acme
                schedule:
                  time_zone: America/Los_Angeles
                """.formatted(HEAD, DELEGATE);
    }

    /**
     * {@code people} who opened Home between an hour and 29 days ago, the head of support among them;
     * nobody in the last minutes.
     */
    private static void seed(Jdbi store, int people) {
        Instant now = Instant.now();
        Duration spread = Duration.ofDays(29).dividedBy(people);
        store.useTransaction(h -> {
            var insert = h.prepareBatch("INSERT INTO home_user (user_id, opened_at) VALUES (:user, :at)");
            insert.bind("user", HEAD).bind("at", now.minus(Duration.ofHours(1))).add();
            for (int i = 1; i < people; i++) {
                insert.bind("user", person(i))
                        .bind("at", now.minus(Duration.ofHours(1)).minus(spread.multipliedBy(i)))
                        .add();
            }
            insert.execute();
        });
    }

    private static String person(int i) {
        return String.format("U0P%05d", i);
    }

    /** The first {@code count} seeded people opened Home a minute or two ago. */
    private static List<String> makeActive(Jdbi store, int count) {
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            users.add(person(i));
        }
        Instant recently = Instant.now().minus(Duration.ofMinutes(1));
        store.useTransaction(h -> {
            var update = h.prepareBatch("UPDATE home_user SET opened_at = :at WHERE user_id = :user");
            for (String user : users) {
                update.bind("at", recently).bind("user", user).add();
            }
            update.execute();
        });
        return users;
    }

    /** The share of a core the process used over {@code window}, from its user and system time. */
    private static double cpuShare(long pid, Duration window) throws Exception {
        long before = cpuTicks(pid);
        long started = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(window.toMillis());
        long ticks = cpuTicks(pid) - before;
        return ticks / TICKS / ((System.nanoTime() - started) / 1e9);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // The fields after the command, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU ticks of each of the process's threads, added up by thread name (as the kernel keeps it, 15 characters). */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-#]?\\d+$", "");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks;
    }

    /** The threads that used the most CPU between the two readings, busiest first. */
    private static String busiest(Map<String, Long> before, Map<String, Long> after, Duration window) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / TICKS / window.toSeconds() * 100))
                .collect(Collectors.joining(", "));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests one after another, each from Submit to the head of support's Home showing it. */
    private List<Long> requestLatencies(SlackFake slack, int count) throws InterruptedException {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            String ask = "Expedite fix " + (++requests);
            Instant submitted = raiseRequest(slack, ask);
            RecordedCall shown = Await.value(
                    WAIT,
                    "the head of support's Home showing " + ask,
                    () -> firstPublish(slack, HEAD, ask, submitted).orElse(null));
            millis.add(Duration.between(submitted, shown.at()).toMillis());
            long left = REQUEST_SPACING.toNanos() - (System.nanoTime() - began);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, left));
        }
        return millis;
    }

    private static Optional<RecordedCall> firstPublish(SlackFake slack, String user, String containing, Instant after) {
        return slack.calls("views.publish").stream()
                .filter(c -> c.status() == 200
                        && user.equals(c.param("user_id"))
                        && !c.at().isBefore(after)
                        && c.json().path("view").toString().contains(containing))
                .findFirst();
    }

    private static List<Long> reachedAll(SlackFake slack, List<String> users, String containing, Instant since) {
        List<Long> millis = new ArrayList<>();
        for (String user : users) {
            RecordedCall shown = Await.value(
                    WAIT,
                    user + "'s Home showing " + containing,
                    () -> firstPublish(slack, user, containing, since).orElse(null));
            millis.add(Duration.between(since, shown.at()).toMillis());
        }
        return millis;
    }

    private static Instant raiseRequest(SlackFake slack, String ask) {
        slack.awaitAck(slack.sendGlobalShortcut(RequestIds.CALLBACK_ID, CE_USER), WAIT);
        return submitTheForm(
                slack,
                "the request form",
                StateValues.of()
                        .externalSelect(RequestIds.CUSTOMER, RequestIds.CUSTOMER_SELECT, "new:Acme Corp", "Acme Corp")
                        .text(RequestIds.LINK, RequestIds.VALUE, "ZD 77")
                        .text(RequestIds.ASK, RequestIds.VALUE, ask)
                        .text(RequestIds.WHY, RequestIds.VALUE, "Renewal next week")
                        .text(RequestIds.IF_NOT, RequestIds.VALUE, "They may not renew")
                        .toJson());
    }

    /** CE_USER plans a day off; returns when the form was submitted. */
    private static Instant planTimeOff(SlackFake slack, LocalDate day) {
        slack.awaitAck(slack.sendSlashCommand(OooIds.COMMAND, "", CE_USER, CE), WAIT);
        return submitTheForm(
                slack,
                "the /ooo form",
                StateValues.of()
                        .date(OooIds.FIRST_DAY, OooIds.VALUE, day.toString())
                        .date(OooIds.LAST_DAY, OooIds.VALUE, day.toString())
                        .users(OooIds.COVERERS, OooIds.VALUE, DELEGATE)
                        .toJson());
    }

    /** Submits the form CE_USER was just shown, filled in as {@code state}; returns when it was submitted. */
    private static Instant submitTheForm(SlackFake slack, String form, ObjectNode state) {
        View shown = Await.value(
                WAIT,
                form,
                () -> slack.modalStack(CE_USER).isEmpty()
                        ? null
                        : slack.modalStack(CE_USER).get(0));
        Instant submitted = Instant.now();
        slack.awaitAck(slack.submitView(shown.id(), CE_USER, state), WAIT);
        return submitted;
    }

    private static String percentiles(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "p50 " + at(sorted, 0.50) + " · p99 " + at(sorted, 0.99) + " · max " + sorted.get(sorted.size() - 1)
                + " (" + sorted.size() + ")";
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * q) - 1));
    }
}
