package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.HEAD;
import static com.cebot.e2e.BotHarness.SUPPORT;

import com.cebot.app.Commands;
import com.cebot.db.Database;
import com.cebot.slackfake.Ack;
import com.cebot.slackfake.RecordedCall;
import com.cebot.slackfake.SentEvent;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A year of data against an empty store ({@code mvn -B test -Pbenchmark}): the packaged bot, started
 * as the README's run command starts it, against the loopback Slack, once on a store holding a large
 * team's year ({@link YearOfData}) and once on a store with the same people and no history, put
 * through the same load. It prints each figure on both and their ratio, and asserts nothing about
 * time.
 *
 * <p>Both stores have the same 300 people, who all opened Home in the last 30 days, and the bot runs
 * with the shipped Home settings: it draws again only the Homes a change concerns.
 * The load, in order: the bot's CPU while idle; customer type-ahead; the head of support's Home drawn as they open it; SDR
 * questions routed; bursts of 500 shortcuts and 500 submissions; {@code status} and {@code export};
 * then a retention purge with {@code retention.records_days: 30}, a year's records on the one store,
 * while shortcuts and submissions keep coming.
 */
@Tag("benchmark")
final class YearOfDataBenchmark {

    private static final long SEED = 19;
    /** Each timed path is taken this many times first, untimed: the first after a start runs cold code. */
    private static final int WARM_UP = 10;

    private static final int TYPEAHEADS = 200;
    private static final int HOME_DRAWS = 100;
    private static final int QUESTIONS = 100;
    private static final int BURST = 500;
    private static final int COMMAND_RUNS = 5;
    private static final Duration EXPORT_WINDOW = Duration.ofDays(7);
    private static final Duration PACE = Duration.ofMillis(100);
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration SLACK_ACK_WINDOW = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(300);
    private static final Duration PURGE_WAIT = Duration.ofMinutes(20);

    @TempDir
    Path dir;

    /** figure → {empty store, year}; in the order first measured. */
    private final Map<String, double[]> figures = new LinkedHashMap<>();
    /** Figures compared for the 1.5× target: those that should not grow with history. */
    private final Set<String> compared = new HashSet<>();

    private final YearOfData.Team team = YearOfData.Team.of300();
    private int ticket = 900_000;
    private int marker;

    @Test
    void figures() throws Exception {
        run(0, Files.createDirectories(dir.resolve("empty")));
        run(1, Files.createDirectories(dir.resolve("year")));
        print();
    }

    /** One store, {@code column} 0 for the empty one and 1 for the year, through the whole load. */
    private void run(int column, Path storeDir) throws Exception {
        try (BotHarness fake = BotHarness.create(storeDir, Clock.systemUTC())) {
            workspace(fake);
            String url = fake.env().get("CEBOT_DB_URL");
            Jdbi store = Database.open(url);
            Instant now = Instant.now();
            YearOfData.peopleWhoOpenedHome(store, team, now);
            if (column == 1) {
                YearOfData.Written written = YearOfData.write(store, team, now, SEED);
                put("year written into the store (s)", column, written.took().toMillis() / 1000.0);
                put("rows in the store", column, written.total());
            }
            store.useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
            put("store on disk (MB)", column, megabytes(storeDir));
            long started = System.nanoTime();
            try (ChildBot child = ChildBot.start("bot", fake.env(), storeDir, AckBenchmark.jvmOptions())
                    .awaitListening()) {
                try {
                    put("start → connected and listening (s)", column, (System.nanoTime() - started) / 1e9);
                    compared.add("start → connected and listening (s)");
                    idleCpu(child, column);
                    awaitQuiet(fake.slack);
                    typeahead(fake.slack, column);
                    homeDraws(fake.slack, store, column);
                    questions(fake.slack, column);
                    bursts(fake.slack, column);
                    commands(fake.env(), column);
                    purge(fake.slack, store, column);
                    child.terminate();
                    child.awaitExit(Duration.ofSeconds(30));
                } finally {
                    child.keepLog("YearOfDataBenchmark-" + (column == 0 ? "empty" : "year"));
                }
            }
        }
    }

    /** The team's people in the fake workspace, the SDR group's members, and settings for every workflow. */
    private void workspace(BotHarness fake) {
        for (String user : team.everyone()) {
            fake.slack.addUser(user, user.toLowerCase(), "America/Los_Angeles");
        }
        fake.slack.addUserGroup(SdrIds.GROUP, "ce-sdr-collab", team.sdrGroup());
        fake.writeConfig("""
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
                sdr_collab:
                  escalate_to: %s
                  max_open_per_person: 100
                  questions_per_minute: 100
                feedback:
                  product_team: [%s]
                retention:
                  records_days: 30
                """.formatted(HEAD, team.delegate(), HEAD, String.join(", ", team.product())));
    }

    // ---- the load

    /** Once the start's work is done, the bot's CPU over half a minute with nobody doing anything. */
    private void idleCpu(ChildBot child, int column) throws InterruptedException {
        Thread.sleep(10_000);
        long before = cpuMillis(child);
        long started = System.nanoTime();
        Thread.sleep(IDLE.toMillis());
        double share = (cpuMillis(child) - before) * 1e6 / (System.nanoTime() - started);
        put("CPU while nobody does anything (% of a core)", column, 100 * share);
    }

    private static long cpuMillis(ChildBot child) {
        return ProcessHandle.of(child.pid())
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toMillis)
                .orElseThrow();
    }

    /** The customer field of the context form, typed into: each answer is in its ack. */
    private void typeahead(SlackFake slack, int column) {
        String viewId = openModals(slack, 1).get(0);
        List<String> words = List.of(
                "Acme",
                "Globex",
                "Northwind",
                "Contoso",
                "Wonka",
                "Logistics",
                "Analytics",
                "Health",
                "Bank",
                "Systems");
        List<Long> micros = new ArrayList<>();
        for (int i = -WARM_UP; i < TYPEAHEADS; i++) {
            String word = words.get(Math.floorMod(i, words.size()));
            String typed = word.substring(0, 1 + Math.floorMod(i, Math.min(5, word.length())));
            String envelope =
                    slack.sendBlockSuggestion(viewId, CE_USER, ContextIds.CUSTOMER_SELECT, ContextIds.CUSTOMER, typed);
            long latency = slack.awaitAck(envelope, WAIT).latency().toNanos() / 1_000;
            if (i >= 0) {
                micros.add(latency);
            }
        }
        latencies("customer type-ahead: ack", column, micros, true);
    }

    /**
     * The head of support opens Home after a request came in: from app_home_opened to the
     * views.publish that shows it. Each request is written straight into the store, so that the
     * Home has changed and is published. Home is opened once a second: Home keeps its publishes
     * within Slack's Tier 4 limit (30 at once, then 70 a minute), and opening it faster would time
     * that pacing instead of the draw.
     */
    private void homeDraws(SlackFake slack, Jdbi store, int column) throws InterruptedException {
        List<Long> micros = new ArrayList<>();
        long next = System.nanoTime();
        for (int i = -WARM_UP; i < HOME_DRAWS; i++) {
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            next = System.nanoTime() + 1_000_000_000L;
            String ask = "Benchmark ask " + (++marker);
            newRequest(store, ask, i);
            Instant opened = Instant.now();
            int before = slack.calls("views.publish").size();
            slack.sendAppHomeOpened(HEAD);
            RecordedCall publish = Await.value(
                    WAIT,
                    "the head of support's Home showing " + ask,
                    () -> slack.calls("views.publish").stream()
                            .skip(before)
                            .filter(c -> HEAD.equals(c.param("user_id"))
                                    && c.param("view").contains(ask))
                            .findFirst()
                            .orElse(null));
            if (i >= 0) {
                micros.add(Math.max(0, Duration.between(opened, publish.at()).toNanos() / 1_000));
            }
        }
        latencies("Home of the head of support: opened → published", column, micros, true);
    }

    /**
     * A request that sorts first among those waiting on a decision, which come soonest needed first:
     * each one is needed a day before the one written before it.
     */
    private static void newRequest(Jdbi store, String ask, int i) {
        store.useTransaction(h -> {
            String now = YearOfData.time(Instant.now());
            h.execute(
                    "INSERT INTO customer (name, name_key, created_at) VALUES ('Benchmark', 'benchmark', ?)"
                            + " ON CONFLICT (name_key) DO NOTHING",
                    now);
            long customer = h.createQuery("SELECT id FROM customer WHERE name_key = 'benchmark'")
                    .mapTo(Long.class)
                    .one();
            long id = h.createQuery("""
                    INSERT INTO support_request (submission_key, customer_id, submitted_by, links, ask, why, if_not,
                                                 needed_by, time_reason, card_key, created_at)
                    VALUES (:key, :customer, :ce, '[]', :ask, 'Why', 'If not', :neededBy, 'Their renewal.', :card, :now)
                    RETURNING id
                    """)
                    .bind("key", "bench:" + ask)
                    .bind("customer", customer)
                    .bind("ce", CE_USER)
                    .bind("ask", ask)
                    .bind(
                            "neededBy",
                            LocalDate.of(2000, 1, 1).minusDays(WARM_UP + i).toString())
                    .bind("card", "request-card:bench:" + ask)
                    .bind("now", now)
                    .mapTo(Long.class)
                    .one();
            h.execute(
                    "INSERT INTO request_event (request_id, status, actor, at) VALUES (?, 'open', ?, ?)",
                    id,
                    CE_USER,
                    now);
        });
    }

    /** Questions in #ce, one at a time, each from another SDR: from the message to the bot's reply naming the owner. */
    private void questions(SlackFake slack, int column) {
        List<Long> micros = new ArrayList<>();
        for (int i = -WARM_UP; i < QUESTIONS; i++) {
            String sdr = team.sdrs().get(Math.floorMod(i, team.sdrs().size()));
            int before = slack.calls("chat.postMessage").size();
            Instant asked = Instant.now();
            SentEvent question = slack.sendMessageEvent(
                    CE,
                    sdr,
                    "Does the cluster sizing guide cover " + i + " nodes? <!subteam^" + SdrIds.GROUP
                            + "|@ce-sdr-collab>",
                    null);
            RecordedCall reply = Await.value(
                    WAIT,
                    "the reply to question " + i,
                    () -> slack.calls("chat.postMessage").stream()
                            .skip(before)
                            .filter(c -> question.ts().equals(c.param("thread_ts")))
                            .findFirst()
                            .orElse(null));
            if (i >= 0) {
                micros.add(Duration.between(asked, reply.at()).toNanos() / 1_000);
            }
        }
        latencies("SDR question: message → reply naming its owner", column, micros, true);
        awaitQuiet(slack);
    }

    /** As the ack benchmark: 500 shortcuts at once, then a submission of each modal they opened. */
    private void bursts(SlackFake slack, int column) {
        List<String> shortcuts = new ArrayList<>();
        int opensBefore = slack.calls("views.open").size();
        Set<String> before = new HashSet<>(slack.views().keySet());
        for (int i = 0; i < BURST; i++) {
            shortcuts.add(slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER));
        }
        Map<String, Ack> shortcutAcks = awaitAcks(slack, shortcuts);
        latencies("burst of " + BURST + " shortcuts: ack", column, micros(shortcutAcks), true);
        Await.until(
                WAIT,
                "the burst's modals",
                () -> slack.calls("views.open").size() >= opensBefore + BURST && slack.callsInProgress() == 0);
        List<String> viewIds = slack.views().keySet().stream()
                .filter(id -> !before.contains(id))
                .toList();
        int cardsBefore = cards(slack);
        List<String> submissions = new ArrayList<>();
        for (String viewId : viewIds) {
            submissions.add(slack.submitView(viewId, CE_USER, form(ticket++).toJson()));
        }
        Map<String, Ack> acks = awaitAcks(slack, submissions);
        latencies("burst of " + BURST + " submissions: ack", column, micros(acks), true);
        long refused =
                acks.values().stream().filter(YearOfDataBenchmark::refused).count();
        put("burst of " + BURST + " submissions: refused as the store was busy", column, refused);
        long started = System.nanoTime();
        Await.until(WAIT, "every card posted", () -> cards(slack) >= cardsBefore + submissions.size() - refused);
        put(
                "burst of " + BURST + " submissions: every card posted after (s)",
                column,
                (System.nanoTime() - started) / 1e9);
        awaitQuiet(slack);
    }

    /**
     * {@code status} and {@code export} as an operator runs them beside the bot, in this JVM: each the
     * median of five, after one run each untimed.
     */
    private void commands(Map<String, String> env, int column) {
        List<Long> status = new ArrayList<>();
        List<Long> export = new ArrayList<>();
        String since = LocalDate.ofInstant(Instant.now().minus(EXPORT_WINDOW), ZoneOffset.UTC)
                .toString();
        int rows = 0;
        Commands.run(env, "status");
        Commands.run(env, "export", "--since", since);
        for (int i = 0; i < COMMAND_RUNS; i++) {
            long started = System.nanoTime();
            Commands.Result s = Commands.run(env, "status");
            status.add((System.nanoTime() - started) / 1_000);
            started = System.nanoTime();
            Commands.Result e = Commands.run(env, "export", "--since", since);
            export.add((System.nanoTime() - started) / 1_000);
            if (s.exitCode() > 1 || e.exitCode() != 0) {
                throw new AssertionError("status or export failed:\n" + s.describe() + "\n" + e.describe());
            }
            rows = (int) e.out().lines().count() - 1;
        }
        put("status (ms, median of " + COMMAND_RUNS + ")", column, median(status) / 1000.0);
        compared.add("status (ms, median of " + COMMAND_RUNS + ")");
        put("export --since 7 days ago (ms, median of " + COMMAND_RUNS + ")", column, median(export) / 1000.0);
        put("export --since 7 days ago: rows", column, rows);
    }

    /**
     * Today's purge once more, as the next part of today's run, with {@code records_days: 30}: a year's
     * records on the year's store. From when the bot takes it up until it is done, a shortcut and a
     * submission every 100 ms, from a stock of modals opened before.
     */
    private void purge(SlackFake slack, Jdbi store, int column) {
        List<String> stock = openModals(slack, 600);
        awaitQuiet(slack);
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        String key = "retention.purge:" + day + ":99";
        Instant queued = Instant.now();
        String at = YearOfData.time(queued);
        store.useHandle(h -> h.execute("""
                INSERT INTO work (queue, work_key, kind, ref, due_at, created_at) VALUES ('job', ?, 'retention.purge', '99', ?, ?)
                """, key, at, at));
        // The job queue looks for due jobs every 15 s.
        Await.until(WAIT, "the purge taken up", () -> claimed(store, key));
        Instant claimed = Instant.now();
        List<String> shortcuts = new ArrayList<>();
        List<String> submissions = new ArrayList<>();
        long deadline = System.nanoTime() + PURGE_WAIT.toNanos();
        long next = System.nanoTime();
        int i = 0;
        while (!purged(store, day, at)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the purge did not finish within " + PURGE_WAIT);
            }
            LockSupport.parkNanos(next - System.nanoTime());
            next += PACE.toNanos();
            shortcuts.add(slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER));
            if (i < stock.size()) {
                submissions.add(
                        slack.submitView(stock.get(i++), CE_USER, form(ticket++).toJson()));
            }
        }
        Instant done = Instant.now();
        double seconds = Duration.between(claimed, done).toMillis() / 1000.0;
        List<Map<String, Object>> parts = store.withHandle(h ->
                h.createQuery("""
                SELECT removed FROM retention_purge WHERE day = :day AND finished_at > :at
                """).bind("day", day).bind("at", at).mapToMap().list());
        long removed =
                parts.stream().mapToLong(p -> rows((String) p.get("removed"))).sum();
        put("retention purge: taken up → done (s)", column, seconds);
        put("retention purge: parts", column, parts.size());
        put("retention purge: rows removed", column, removed);
        Map<String, Ack> acks = awaitAcks(slack, shortcuts);
        acks.putAll(awaitAcks(slack, submissions));
        List<String> all = new ArrayList<>(shortcuts);
        all.addAll(submissions);
        List<Long> micros = micros(acks);
        put("acks while the purge ran: shortcuts and submissions sent", column, all.size());
        latencies("acks while the purge ran:", column, micros, false);
        put(
                "acks while the purge ran: max (ms)",
                column,
                micros.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0);
        put(
                "acks while the purge ran: past 3 s or none",
                column,
                micros.stream()
                                .filter(m -> m >= SLACK_ACK_WINDOW.toNanos() / 1_000)
                                .count()
                        + all.size()
                        - acks.size());
        put(
                "acks while the purge ran: submissions refused as the store was busy",
                column,
                submissions.stream()
                        .map(acks::get)
                        .filter(a -> a != null && refused(a))
                        .count());
    }

    private static boolean claimed(Jdbi store, String key) {
        return store.withHandle(
                h -> h.createQuery("""
                SELECT lease_owner IS NOT NULL OR status <> 'pending' FROM work WHERE queue = 'job' AND work_key = :key
                """).bind("key", key).mapTo(Boolean.class).one());
    }

    private static boolean purged(Jdbi store, String day, String queued) {
        return store.withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM retention_purge WHERE day = :day AND finished_at > :at AND complete = 1
                """)
                        .bind("day", day)
                        .bind("at", queued)
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    /** The rows a purge part's record says it removed. */
    private static long rows(String removed) {
        long sum = 0;
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"rows\":(\\d+)").matcher(removed);
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    // ---- helpers

    private static List<String> openModals(SlackFake slack, int count) {
        Set<String> before = new HashSet<>(slack.views().keySet());
        int opens = slack.calls("views.open").size();
        for (int i = 0; i < count; i++) {
            slack.sendGlobalShortcut(ContextIds.CALLBACK_ID, CE_USER);
        }
        Await.until(
                WAIT,
                count + " modals",
                () -> slack.calls("views.open").size() >= opens + count && slack.callsInProgress() == 0);
        return slack.views().keySet().stream()
                .filter(id -> !before.contains(id))
                .toList();
    }

    private static StateValues form(int ticket) {
        return StateValues.of()
                .externalSelect(ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, "new:Customer " + ticket, "c")
                .text(ContextIds.LINK, ContextIds.VALUE, "ZD " + ticket)
                .text(ContextIds.BACKGROUND, ContextIds.VALUE, "Background " + ticket);
    }

    private static boolean refused(Ack ack) {
        return ack.payload() != null
                && !ack.payload().isNull()
                && "errors".equals(ack.payload().path("response_action").asText());
    }

    private static int cards(SlackFake slack) {
        return (int) slack.calls("chat.postMessage").stream()
                .filter(c -> c.status() == 200 && SUPPORT.equals(c.param("channel")) && c.param("thread_ts") == null)
                .count();
    }

    /** Until no Web API call has come for two seconds (or the wait is up). */
    private static void awaitQuiet(SlackFake slack) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean calling = true;
        while (calling && System.nanoTime() < deadline) {
            int calls = slack.calls().size();
            calling = Await.within(Duration.ofSeconds(2), () -> slack.calls().size() != calls);
        }
    }

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

    private static List<Long> micros(Map<String, Ack> acks) {
        return acks.values().stream().map(a -> a.latency().toNanos() / 1_000).toList();
    }

    private static double megabytes(Path storeDir) throws IOException {
        long bytes = 0;
        for (String file : List.of("cebot.db", "cebot.db-wal", "cebot.db-shm")) {
            Path p = storeDir.resolve(file);
            bytes += Files.exists(p) ? Files.size(p) : 0;
        }
        return bytes / 1024.0 / 1024.0;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** p50 and p99 in milliseconds, nearest rank. */
    private void latencies(String what, int column, List<Long> micros, boolean compare) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        put(what + " p50 (ms)", column, at(sorted, 0.50) / 1000.0);
        put(what + " p99 (ms)", column, at(sorted, 0.99) / 1000.0);
        if (compare) {
            compared.add(what + " p99 (ms)");
        }
    }

    private static long at(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(sorted.length * q) - 1)];
    }

    private void put(String what, int column, double value) {
        figures.computeIfAbsent(what, k -> new double[] {Double.NaN, Double.NaN})[column] = value;
    }

    private void print() {
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(10);
        String format = "%-" + width + "s | %11s | %11s | %7s | %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(format, "figure", "empty store", "a year", "ratio", "≤ 1.5×"));
        for (Map.Entry<String, double[]> f : figures.entrySet()) {
            double empty = f.getValue()[0];
            double year = f.getValue()[1];
            boolean both = !Double.isNaN(empty) && !Double.isNaN(year) && empty > 0;
            String ratio = both ? String.format("%.2f×", year / empty) : "";
            String met = compared.contains(f.getKey()) && both ? (year / empty <= 1.5 ? "yes" : "no") : "";
            out.append(String.format(format, f.getKey(), show(empty), show(year), ratio, met));
        }
        System.out.println();
        System.out.println("A year of data beside an empty store, "
                + Runtime.getRuntime().availableProcessors() + " cores; CE Bot run as java "
                + String.join(" ", AckBenchmark.jvmOptions()) + " -jar cebot.jar");
        System.out.print(out);
    }

    private static String show(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e9
                ? String.format("%.0f", value)
                : String.format("%.1f", value);
    }
}
