package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE;
import static com.cebot.e2e.BotHarness.FEEDBACK;
import static com.cebot.e2e.BotHarness.SUPPORT;

import com.cebot.customer.Customer;
import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.TicketLink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A large team's year in a store, as the bot leaves it with the default settings (records kept,
 * finished work kept 30 days): 300 people, 50,000 Support Ticket submissions (context and requests)
 * with their cards, moves and nudges, 5,000 periods of time off, 20,000 SDR questions, product
 * feedback in proportion, and the work rows retention leaves: the last 30 days' in full, and for
 * every older record still stored the post later replies and updates anchor to, without its text.
 *
 * <p>Written with batched inserts in one transaction, consistent with the schema and with the keys
 * the workflows use, so the bot, {@code status}, {@code export} and the purge read it as their own.
 * The same seed gives the same store.
 */
final class YearOfData {

    static final int PEOPLE = 300;
    static final int CONTEXTS = 40_000;
    static final int REQUESTS = 10_000;
    static final int PERIODS = 5_000;
    static final int QUESTIONS = 20_000;
    static final int CUSTOMERS = 2_500;
    /** Product feedback in proportion: a share for every dozen tickets, a gap for every three shares. */
    static final int SHARES = 4_000;

    static final int GAPS = 1_200;
    static final Duration YEAR = Duration.ofDays(365);
    static final Duration WORK_KEPT = Duration.ofDays(30);

    private static final List<String> ZONES =
            List.of("America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Tokyo");
    private static final List<String> WORDS = List.of(
            "Acme",
            "Globex",
            "Initech",
            "Umbrella",
            "Stark",
            "Wayne",
            "Northwind",
            "Contoso",
            "Fabrikam",
            "Tailspin",
            "Litware",
            "Adatum",
            "Proseware",
            "Wingtip",
            "Woodgrove",
            "Blue",
            "Yonder",
            "Alpine",
            "Coho",
            "Fourth",
            "Lucerne",
            "Margie",
            "Trey",
            "Wide",
            "World",
            "Graphic",
            "Humongous",
            "Relecloud",
            "Southridge",
            "Tasmanian",
            "Vandelay",
            "Hooli",
            "Pied",
            "Piper",
            "Soylent",
            "Cyberdyne",
            "Tyrell",
            "Wonka",
            "Gringotts",
            "Oceanic");
    private static final List<String> SUFFIXES = List.of(
            "Corp",
            "Inc",
            "Labs",
            "Group",
            "Systems",
            "Health",
            "Bank",
            "Logistics",
            "Analytics",
            "Energy",
            "Retail",
            "Media",
            "Foods",
            "Motors",
            "Insurance",
            "Airlines");
    private static final List<String> GAP_WORDS = List.of(
            "SSO",
            "SAML",
            "Okta",
            "groups",
            "audit",
            "log",
            "export",
            "CSV",
            "API",
            "rate",
            "limits",
            "webhooks",
            "retries",
            "dashboard",
            "filters",
            "saved",
            "views",
            "RBAC",
            "roles",
            "custom",
            "fields",
            "bulk",
            "edit",
            "search",
            "fuzzy",
            "Salesforce",
            "sync",
            "mobile",
            "offline",
            "dark",
            "mode",
            "SCIM",
            "provisioning",
            "data",
            "residency",
            "EU",
            "region",
            "backup",
            "restore",
            "alerts",
            "Slack",
            "Teams",
            "notifications",
            "reports",
            "scheduled",
            "PDF",
            "billing",
            "invoices");
    private static final String FILLER = "The customer runs this in production across several regions and asked us"
            + " to look at it before their quarterly review; they shared logs, a reproduction and the account"
            + " owner is in the loop. ";
    /** Enough of the filler for the longest text, from any place in it. */
    private static final String PROSE = FILLER.repeat(4_000 / FILLER.length() + 2);

    /** Who is who: the bot's test workspace's people first, then the rest of a 300-person team. */
    record Team(
            String head,
            String delegate,
            List<String> support,
            List<String> ces,
            List<String> sdrs,
            List<String> product,
            List<String> sdrGroup,
            List<String> everyone) {

        static Team of300() {
            List<String> support = new ArrayList<>(List.of(BotHarness.AE, BotHarness.AE2));
            List<String> ces = new ArrayList<>(List.of(BotHarness.CE_USER));
            List<String> sdrs = new ArrayList<>();
            List<String> product = new ArrayList<>();
            List<String> others = new ArrayList<>();
            IntStream.rangeClosed(1, 38).forEach(i -> support.add(id("AE", i)));
            IntStream.rangeClosed(1, 149).forEach(i -> ces.add(id("CE", i)));
            IntStream.rangeClosed(1, 40).forEach(i -> sdrs.add(id("SDR", i)));
            IntStream.rangeClosed(1, 12).forEach(i -> product.add(id("PM", i)));
            IntStream.rangeClosed(1, PEOPLE - 2 - support.size() - ces.size() - sdrs.size() - product.size())
                    .forEach(i -> others.add(id("X", i)));
            List<String> everyone = new ArrayList<>(List.of(BotHarness.HEAD, BotHarness.DELEGATE));
            everyone.addAll(support);
            everyone.addAll(ces);
            everyone.addAll(sdrs);
            everyone.addAll(product);
            everyone.addAll(others);
            return new Team(
                    BotHarness.HEAD,
                    BotHarness.DELEGATE,
                    List.copyOf(support),
                    List.copyOf(ces),
                    List.copyOf(sdrs),
                    List.copyOf(product),
                    List.copyOf(ces.subList(1, 21)),
                    List.copyOf(everyone));
        }

        private static String id(String role, int i) {
            return String.format("U9%s%03d", role, i);
        }
    }

    /** How many rows of each table were written, and how long it took. */
    record Written(Map<String, Integer> rows, Duration took) {
        int total() {
            return rows.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Team team;
    private final Instant now;
    private final Random random;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final List<Long> customers = new ArrayList<>();
    private final List<String> customerNames = new ArrayList<>();
    private final List<Rows> open = new ArrayList<>();
    private Connection connection;
    private Rows work;
    private int view;

    private YearOfData(Team team, Instant now, long seed) {
        this.team = team;
        this.now = now.truncatedTo(ChronoUnit.MILLIS);
        this.random = new Random(seed);
    }

    /** Everyone on the team opened Home in the last 30 days: as true of a store with no history. */
    static void peopleWhoOpenedHome(Jdbi jdbi, Team team, Instant now) {
        jdbi.useTransaction(h -> {
            for (int i = 0; i < team.everyone().size(); i++) {
                h.execute(
                        "INSERT INTO home_user (user_id, opened_at) VALUES (?, ?)",
                        team.everyone().get(i),
                        time(now.minus(Duration.ofHours(1 + (i * 7L) % (24 * 29)))));
            }
        });
    }

    /** Writes the year into a migrated, empty store. */
    static Written write(Jdbi jdbi, Team team, Instant now, long seed) {
        long started = System.nanoTime();
        YearOfData year = new YearOfData(team, now, seed);
        try {
            jdbi.useTransaction(year::writeAll);
        } catch (SQLException e) {
            throw new IllegalStateException("the year could not be written", e);
        }
        return new Written(year.counts, Duration.ofNanos(System.nanoTime() - started));
    }

    private void writeAll(Handle h) throws SQLException {
        h.execute("PRAGMA cache_size = -65536");
        connection = h.getConnection();
        work = rows("work", """
                INSERT INTO work (queue, work_key, kind, ref, topic, payload, for_user, person, after_key, status,
                                  due_at, result, created_at, done_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """);
        customers(h);
        contexts();
        requests();
        periods();
        questions();
        feedback();
        daily();
        work.close();
        counts.put(
                "customer_word",
                h.createQuery("SELECT COUNT(*) FROM customer_word")
                        .mapTo(Integer.class)
                        .one());
    }

    // ---- customers: the companies the team works with, some far busier than others

    private void customers(Handle h) throws SQLException {
        Rows rows = rows("customer", "INSERT INTO customer (id, name, name_key, created_at) VALUES (?, ?, ?, ?)");
        Instant first = now.minus(YEAR).minus(Duration.ofDays(30));
        List<String> keys = new ArrayList<>();
        for (int i = 0; customers.size() < CUSTOMERS; i++) {
            String name = pick(WORDS) + " " + pick(SUFFIXES) + (i < WORDS.size() * SUFFIXES.size() / 2 ? "" : " " + i);
            String key = Customer.key(name);
            if (!keys.contains(key)) {
                keys.add(key);
                customers.add((long) keys.size());
                customerNames.add(name);
                rows.add(keys.size(), name, key, time(first.plusSeconds(i * 60L)));
            }
        }
        rows.close();
        // Each name from each of its later words on, as the migration that made the typeahead's table wrote them.
        h.execute("""
                WITH RECURSIVE position (customer_id, name_key, i) AS (
                    SELECT id, name_key, 2 FROM customer WHERE length(name_key) >= 2
                    UNION ALL
                    SELECT customer_id, name_key, i + 1 FROM position WHERE i < length(name_key)
                )
                INSERT INTO customer_word (tail, customer_id)
                SELECT DISTINCT substr(name_key, i), customer_id FROM position
                WHERE substr(name_key, i - 1, 1) NOT GLOB '[a-z0-9]' AND substr(name_key, i, 1) <> ' '
                """);
    }

    /** A customer, the busiest far more often: a fifth of them get most of the tickets. */
    private int customerIndex() {
        double u = random.nextDouble();
        return (int) (customers.size() * u * u * u);
    }

    // ---- Support Ticket Context: cards, their tickets and contexts, and their takes

    private void contexts() throws SQLException {
        Rows cards = rows("context_card", """
                INSERT INTO context_card (id, customer_id, card_key, assignee, assigned_at, created_at, channel, ts,
                                          state, claims)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'posted', ?)
                """);
        Rows tickets = rows("ticket_card", "INSERT INTO ticket_card (ticket_key, card_id) VALUES (?, ?)");
        Rows contexts = rows("support_context", """
                INSERT INTO support_context (id, submission_key, card_id, customer_id, submitted_by, links, background,
                                             created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """);
        Instant[] times = times(CONTEXTS, now.minus(YEAR), now.minus(Duration.ofMinutes(10)));
        record Card(long id, long customer, int ticket, String key) {}
        List<Card> recentCards = new ArrayList<>();
        long cardId = 0;
        for (int i = 0; i < CONTEXTS; i++) {
            Instant t = times[i];
            String viewId = viewId();
            long id = i + 1;
            String ce = pick(team.ces());
            long card;
            long customer;
            int ticket;
            String cardKey;
            boolean added = !recentCards.isEmpty() && random.nextInt(10) < 3;
            if (added) {
                Card existing = recentCards.get(random.nextInt(recentCards.size()));
                card = existing.id();
                customer = existing.customer();
                ticket = existing.ticket();
                cardKey = existing.key();
            } else {
                card = ++cardId;
                customer = customers.get(customerIndex());
                ticket = 100_000 + (int) card;
                boolean taken = t.isBefore(now.minus(Duration.ofDays(2))) || random.nextBoolean();
                Instant takenAt = taken ? before(t.plus(minutes(5, 24 * 60))) : null;
                String assignee = taken ? pick(team.support()) : null;
                int claims = taken ? (random.nextInt(20) == 0 ? 2 : 1) : 0;
                String key = "context-card:" + viewId;
                cardKey = key;
                cards.add(card, customer, key, assignee, time(takenAt), time(t), SUPPORT, ts(t, i), claims);
                tickets.add("zendesk:" + ticket, card);
                post(key, SUPPORT, t, i, ce, "context.card", Long.toString(id), cardArgs(SUPPORT, 1_400));
                if (taken && recent(takenAt)) {
                    done(
                            "outbox",
                            key + ":claimed:" + claims,
                            "chat.update",
                            null,
                            args(1_400),
                            assignee,
                            key,
                            takenAt);
                    done(
                            "outbox",
                            key + ":claim-note:" + claims,
                            "chat.postMessage",
                            null,
                            args(120),
                            assignee,
                            key,
                            takenAt);
                }
                recentCards.add(new Card(card, customer, ticket, key));
                if (recentCards.size() > 60) {
                    recentCards.remove(0);
                }
            }
            contexts.add(id, viewId, card, customer, ce, links(ticket), background(i), time(t));
            if (recent(t)) {
                done("inbox", "view:" + viewId, "context", null, args(900), ce, null, t);
                if (added) {
                    done("outbox", "context-reply:" + id, "chat.postMessage", null, args(600), ce, cardKey, t);
                }
                done("outbox", "context-confirm:" + id, "chat.postMessage", null, args(250), ce, null, t);
            }
        }
        cards.close();
        tickets.close();
        contexts.close();
    }

    // ---- Support Ticket Request: requests, their moves, cards and nudges

    private void requests() throws SQLException {
        Rows requests = rows("support_request", """
                INSERT INTO support_request (id, submission_key, customer_id, submitted_by, links, ask, why, if_not,
                                             needed_by, time_reason, anything_else, status, card_key, created_at,
                                             card_channel, card_ts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """);
        Rows events = rows(
                "request_event",
                "INSERT INTO request_event (request_id, status, actor, reason, at) VALUES (?, ?, ?, ?, ?)");
        Instant[] times = times(REQUESTS, now.minus(YEAR), now.minus(Duration.ofMinutes(10)));
        for (int i = 0; i < REQUESTS; i++) {
            Instant t = times[i];
            long id = i + 1;
            String viewId = viewId();
            String ce = pick(team.ces());
            String cardKey = "request-card:" + viewId;
            List<String[]> moves = new ArrayList<>();
            moves.add(new String[] {"open", ce, null, time(t)});
            Duration age = Duration.between(t, now);
            String status = "open";
            Instant at = t;
            if (age.toHours() > 72 || random.nextInt(3) > 0) {
                at = before(t.plus(minutes(20, 240)));
                status = "acknowledged";
                moves.add(new String[] {status, team.head(), null, time(at)});
            }
            if ("acknowledged".equals(status) && (age.toHours() > 72 || random.nextBoolean())) {
                at = before(at.plus(minutes(60, 48 * 60)));
                boolean declined = random.nextInt(10) == 0;
                status = declined ? "declined" : "approved";
                moves.add(new String[] {
                    status,
                    random.nextBoolean() ? team.head() : team.delegate(),
                    declined ? "Not something we can do for one customer; see the thread." : null,
                    time(at)
                });
                Instant doneAt = at.plus(Duration.ofDays(2 + random.nextInt(10)));
                // Some approved requests are never marked done: they wait on the head of support's Home.
                if (!declined && doneAt.isBefore(now) && random.nextInt(70) > 0) {
                    at = doneAt;
                    status = "done";
                    moves.add(new String[] {status, team.head(), null, time(at)});
                }
            }
            boolean dated = random.nextInt(5) == 0;
            requests.add(
                    id,
                    viewId,
                    customers.get(customerIndex()),
                    ce,
                    links(200_000 + i),
                    "Ask " + i + ": " + text(160),
                    "Why " + i + ": " + text(300),
                    "If not: " + text(200),
                    dated
                            ? LocalDate.ofInstant(t, ZoneOffset.UTC)
                                    .plusDays(7 + random.nextInt(30))
                                    .toString()
                            : null,
                    dated ? "Their renewal is due then." : null,
                    random.nextBoolean() ? text(200) : null,
                    status,
                    cardKey,
                    time(t),
                    SUPPORT,
                    ts(t, 500_000 + i));
            for (String[] m : moves) {
                events.add(id, m[0], m[1], m[2], m[3]);
            }
            post(cardKey, SUPPORT, t, 500_000 + i, ce, "request.card", Long.toString(id), cardArgs(SUPPORT, 1_800));
            if (recent(t)) {
                done("inbox", "view:" + viewId, "request", null, args(1_500), ce, null, t);
                done("outbox", "request:" + id + ":posted:dm", "chat.postMessage", null, args(250), ce, null, t);
                job(
                        "request:" + id + ":nudge-ack",
                        "request.unacknowledged",
                        id + "",
                        t.plus(Duration.ofHours(4)),
                        moves.size() > 1 ? "cancelled" : "done");
            }
            for (int m = 1; m < moves.size(); m++) {
                Instant movedAt = Instant.parse(moves.get(m)[3]);
                if (recent(movedAt)) {
                    String key = "request:" + id + ":" + moves.get(m)[0];
                    done("outbox", key + ":card", "chat.update", null, args(1_800), moves.get(m)[1], cardKey, movedAt);
                    done(
                            "outbox",
                            key + ":note",
                            "chat.postMessage",
                            null,
                            args(150),
                            moves.get(m)[1],
                            cardKey,
                            movedAt);
                    done("outbox", key + ":dm", "chat.postMessage", null, args(300), ce, null, movedAt);
                }
            }
        }
        requests.close();
        events.close();
    }

    // ---- /ooo: periods of time off, their steps, notes, reminders and DMs

    private void periods() throws SQLException {
        record Period(String person, LocalDate first, LocalDate last, Instant created) {}
        List<Period> all = new ArrayList<>();
        LocalDate start = LocalDate.ofInstant(now.minus(YEAR), ZoneOffset.UTC);
        int window = 365 + 60;
        for (int person = 0; person < team.everyone().size(); person++) {
            int quota = PERIODS / team.everyone().size()
                    + (person < PERIODS % team.everyone().size() ? 1 : 0);
            int[] days = random.ints(0, window).distinct().limit(quota).sorted().toArray();
            for (int k = 0; k < days.length; k++) {
                LocalDate first = start.plusDays(days[k]);
                int room = k + 1 < days.length ? days[k + 1] - days[k] : 10;
                LocalDate last = first.plusDays(Math.min(random.nextInt(5), room - 1));
                Instant created = first.atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .minus(Duration.ofDays(1 + random.nextInt(30)))
                        .plusSeconds(random.nextInt(86_400));
                if (created.isAfter(now.minus(Duration.ofMinutes(10)))) {
                    created = now.minus(Duration.ofMinutes(10 + random.nextInt(600)));
                }
                all.add(new Period(team.everyone().get(person), first, last, created));
            }
        }
        all.sort((a, b) -> a.created().compareTo(b.created()));
        Rows periods = rows("ooo_period", """
                INSERT INTO ooo_period (id, submission_key, person, zone, first_day, last_day, coverers, plan,
                                        customers, version, cancelled_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                """);
        Rows steps = rows("ooo_step", "INSERT INTO ooo_step (period_id, step, ticked_at) VALUES (?, ?, ?)");
        Rows notes = rows("ooo_note", "INSERT INTO ooo_note (period_id, note_key, what, at) VALUES (?, ?, ?, ?)");
        List<String> stepCodes = List.of("pto", "calendar", "coverage", "customers", "status");
        for (int i = 0; i < all.size(); i++) {
            Period p = all.get(i);
            long id = i + 1;
            String viewId = viewId();
            String coverer = other(p.person());
            String coverers = random.nextBoolean() ? coverer : coverer + "," + other(p.person());
            Instant cancelled = random.nextInt(25) == 0 ? before(p.created().plus(Duration.ofDays(1))) : null;
            periods.add(
                    id,
                    viewId,
                    p.person(),
                    pick(ZONES),
                    p.first().toString(),
                    p.last().toString(),
                    coverers,
                    random.nextBoolean() ? "Coverage: " + text(200) : null,
                    customersJson(random.nextInt(4)),
                    time(cancelled),
                    time(p.created()));
            int ticked = random.nextInt(6);
            for (int s = 0; s < ticked; s++) {
                steps.add(id, stepCodes.get(s), time(p.created().plus(Duration.ofHours(s + 1L))));
            }
            Instant lastDay = p.last().atStartOfDay(ZoneOffset.UTC).toInstant();
            if (lastDay.isBefore(now) && random.nextInt(10) < 3) {
                notes.add(id, "note:" + id + ":1", "I answered a mention of you in <#" + CE + ">", time(lastDay));
            }
            String summary = "ooo:" + id + ":v1:summary";
            post(summary, p.person(), p.created(), 700_000 + i, p.person(), null, null, args(1_500));
            if (recent(p.created())) {
                done("inbox", "view:" + viewId, "ooo", null, args(800), p.person(), null, p.created());
                done(
                        "outbox",
                        "ooo:" + id + ":v1:ics",
                        "files.uploadV2",
                        null,
                        args(700),
                        p.person(),
                        null,
                        p.created());
                done(
                        "outbox",
                        "ooo:" + id + ":v1:coverer:" + coverer,
                        "chat.postMessage",
                        null,
                        args(500),
                        coverer,
                        null,
                        p.created());
            }
            Instant firstDay =
                    p.first().atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(17));
            for (String kind : List.of("ooo.remind", "ooo.status", "ooo.first-day", "ooo.day-back")) {
                Instant due = kind.equals("ooo.day-back") ? lastDay.plus(Duration.ofDays(1)) : firstDay;
                if (cancelled == null && due.isAfter(now.plus(Duration.ofDays(2)))) {
                    work.add(
                            "job",
                            "ooo:" + id + ":v1:job:" + kind,
                            kind,
                            id + ":1",
                            null,
                            null,
                            null,
                            null,
                            null,
                            "pending",
                            time(due),
                            null,
                            time(p.created()),
                            null);
                } else if (recent(due.isAfter(now) ? now : due)) {
                    job(
                            "ooo:" + id + ":v1:job:" + kind,
                            kind,
                            id + ":1",
                            due.isAfter(now) ? now : due,
                            cancelled == null ? "done" : "cancelled");
                }
            }
        }
        periods.close();
        steps.close();
        notes.close();
    }

    // ---- SDR routing: questions, their steps, the rotation, and the replies in their threads

    private void questions() throws SQLException {
        Rows questions = rows("sdr_question", """
                INSERT INTO sdr_question (id, channel, ts, asker, source, question_key, reply_key, urgency, status,
                                          assignee, assigned_at, assignment, version, first_response_by,
                                          first_response_at, first_response_secs, answered_by, answered_at, asked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """);
        Rows events = rows(
                "sdr_question_event",
                "INSERT INTO sdr_question_event (question_id, action, actor, subject, at) VALUES (?, ?, ?, ?, ?)");
        Rows skips = rows("sdr_question_skip", "INSERT INTO sdr_question_skip (question_id, user_id) VALUES (?, ?)");
        Instant[] times = times(QUESTIONS, now.minus(YEAR), now.minus(Duration.ofMinutes(30)));
        List<String> group = team.sdrGroup();
        for (int i = 0; i < QUESTIONS; i++) {
            Instant t = times[i];
            long id = i + 1;
            String ts = ts(t, 900_000 + i);
            boolean shortcut = random.nextInt(7) == 0;
            String key = shortcut ? "sdr-ask:" + viewId() : "sdr-question:" + CE + ":" + ts;
            String asker = pick(team.sdrs());
            String first = group.get(i % group.size());
            boolean passed = random.nextInt(10) == 0;
            String owner = passed ? group.get((i + 7) % group.size()) : first;
            Instant assignedAt = t.plusSeconds(2);
            Instant responded = before(t.plus(minutes(3, 180)));
            // Questions of the last hours are open, answered in their thread but not yet marked answered.
            boolean open = t.isAfter(now.minus(Duration.ofHours(4)));
            Instant answered = open ? null : before(responded.plus(minutes(1, 36 * 60)));
            questions.add(
                    id,
                    CE,
                    ts,
                    asker,
                    shortcut ? "shortcut" : "message",
                    key,
                    key + ":reply",
                    shortcut ? "week" : null,
                    open ? "open" : "answered",
                    owner,
                    time(assignedAt),
                    passed ? 2 : 1,
                    passed ? 5 : 3,
                    owner,
                    time(responded),
                    Duration.between(t, responded).toSeconds(),
                    open ? null : owner,
                    time(answered),
                    time(t));
            events.add(id, "assigned", null, first, time(assignedAt));
            if (passed) {
                events.add(id, "passed", first, owner, time(assignedAt.plusSeconds(600)));
                skips.add(id, first);
            }
            events.add(id, "first-response", owner, null, time(responded));
            if (!open) {
                events.add(id, "answered", owner, null, time(answered));
            }
            work.add(
                    "outbox",
                    key,
                    shortcut ? "chat.postMessage" : "known.message",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "done",
                    time(t),
                    result(CE, ts),
                    time(t),
                    time(t));
            post(key + ":reply", null, t, 950_000 + i, null, null, null, args(900), key);
            if (recent(t)) {
                done("inbox", "sdr.question:" + CE + ":" + ts, "sdr.question", null, args(400), asker, null, t);
                for (int v = 1; v <= (passed ? 5 : 3); v++) {
                    done(
                            "outbox",
                            key + ":reply:v" + v,
                            "chat.update",
                            null,
                            args(900),
                            null,
                            key + ":reply",
                            t.plusSeconds(v * 60L));
                }
                job("sdr:q:" + id + ":escalate", "sdr.escalate", id + ":1", t.plus(Duration.ofHours(8)), "cancelled");
                job("sdr:q:" + id + ":a1:nudge", "sdr.nudge", id + ":1", t.plus(Duration.ofHours(1)), "cancelled");
                job("sdr:q:" + id + ":a1:pass-on", "sdr.pass-on", id + ":1", t.plus(Duration.ofHours(2)), "cancelled");
            }
        }
        questions.close();
        events.close();
        skips.close();
        Rows rotation = rows("sdr_rotation", "INSERT INTO sdr_rotation (user_id, last_turn) VALUES (?, ?)");
        for (int m = 0; m < group.size(); m++) {
            rotation.add(group.get(m), QUESTIONS - group.size() + m + 1);
        }
        rotation.close();
        Rows groups = rows(
                "user_group_members", "INSERT INTO user_group_members (group_id, members, read_at) VALUES (?, ?, ?)");
        groups.add(
                SdrIds.GROUP,
                "[\"" + String.join("\",\"", group.stream().sorted().toList()) + "\"]",
                time(now.minus(Duration.ofMinutes(5))));
        groups.close();
    }

    // ---- product feedback: gaps, the customers shared to them, and what happened to each

    private void feedback() throws SQLException {
        Rows gaps = rows("feedback_gap", """
                INSERT INTO feedback_gap (id, title, title_key, category, status, merged_into, record_link, version,
                                          card_key, card_channel, card_ts, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """);
        Rows shares = rows("feedback_submission", """
                INSERT INTO feedback_submission (share_key, gap_id, customer_id, shared_by, anonymous, need, severity,
                                                 blocks, workaround, link, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """);
        Rows events = rows("feedback_gap_event", """
                INSERT INTO feedback_gap_event (gap_id, action, status, previous, note, other_gap, actor, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """);
        Instant[] times = times(SHARES, now.minus(YEAR), now.minus(Duration.ofMinutes(20)));
        record GapRow(long id, String cardKey, Instant created, List<Integer> shares) {}
        List<GapRow> made = new ArrayList<>();
        String[] sharedBy = new String[SHARES];
        String[] shareKeys = new String[SHARES];
        long[] gapOf = new long[SHARES];
        for (int i = 0; i < SHARES; i++) {
            Instant t = times[i];
            boolean makes = made.isEmpty() || (made.size() < GAPS && random.nextInt(SHARES - i) < GAPS - made.size());
            shareKeys[i] = viewId();
            GapRow gap;
            if (makes) {
                gap = new GapRow(made.size() + 1, "feedback-gap:" + shareKeys[i], t, new ArrayList<>());
                made.add(gap);
            } else {
                double u = random.nextDouble();
                gap = made.get(made.size() - 1 - (int) (made.size() * u * u));
            }
            gap.shares().add(i);
            gapOf[i] = gap.id();
            sharedBy[i] = random.nextInt(3) == 0 ? pick(team.everyone()) : pick(team.ces());
        }
        List<String> statuses =
                List.of("open", "in_review", "in_progress", "scheduled", "backlog", "resolved", "wont_do");
        for (GapRow g : made) {
            boolean merged = g.id() > 20 && random.nextInt(33) == 0;
            Long into = merged ? (long) (1 + random.nextInt((int) g.id() - 1)) : null;
            String status = Duration.between(g.created(), now).toDays() < 14
                    ? "open"
                    : statuses.get(random.nextInt(statuses.size()));
            String title = gapTitle((int) g.id());
            int version = g.shares().size() + (status.equals("open") ? 0 : 1) + (merged ? 1 : 0);
            gaps.add(
                    g.id(),
                    title,
                    title.toLowerCase(),
                    pick(List.of("Not categorised yet", "Security", "Integrations", "Reporting", "Admin")),
                    status,
                    into,
                    random.nextInt(4) == 0 ? "https://acme.my.salesforce.com/" + g.id() : null,
                    version,
                    g.cardKey(),
                    FEEDBACK,
                    ts(g.created(), 1_200_000 + (int) g.id()),
                    time(g.created()));
            events.add(g.id(), "created", "open", null, null, null, null, time(g.created()));
            Instant changed = before(g.created().plus(Duration.ofDays(3 + random.nextInt(60))));
            if (!status.equals("open")) {
                events.add(
                        g.id(),
                        "status",
                        status,
                        "open",
                        random.nextBoolean() ? text(120) : null,
                        null,
                        pick(team.product()),
                        time(changed));
            }
            if (merged) {
                events.add(
                        g.id(),
                        "merged",
                        status,
                        null,
                        null,
                        into,
                        pick(team.product()),
                        time(changed.plusSeconds(60)));
                for (int s : g.shares()) {
                    gapOf[s] = into;
                }
            }
            post(
                    g.cardKey(),
                    FEEDBACK,
                    g.created(),
                    1_200_000 + (int) g.id(),
                    sharedBy[g.shares().get(0)],
                    "feedback.card",
                    shareKeys[g.shares().get(0)],
                    cardArgs(FEEDBACK, 1_600));
        }
        for (int i = 0; i < SHARES; i++) {
            Instant t = times[i];
            int customers = 1 + (random.nextInt(6) == 0 ? 1 + random.nextInt(3) : 0);
            List<Integer> picked = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                int index = customerIndex();
                if (!picked.contains(index)) {
                    picked.add(index);
                }
            }
            for (int index : picked) {
                shares.add(
                        shareKeys[i],
                        gapOf[i],
                        this.customers.get(index),
                        sharedBy[i],
                        random.nextInt(7) == 0 ? 1 : 0,
                        "Need: " + text(400),
                        pick(List.of("blocker", "major", "major", "minor", "minor")),
                        random.nextBoolean() ? "Blocks: " + text(100) : null,
                        random.nextBoolean() ? "Workaround: " + text(100) : null,
                        random.nextInt(3) == 0 ? "https://acme.my.salesforce.com/opp/" + i : null,
                        time(t));
            }
            if (recent(t)) {
                String card = made.get((int) gapOf[i] - 1).cardKey();
                done("inbox", "view:" + shareKeys[i], "feedback", null, args(1_000), sharedBy[i], null, t);
                done(
                        "outbox",
                        "feedback-share:" + shareKeys[i],
                        "chat.postMessage",
                        null,
                        args(900),
                        sharedBy[i],
                        card,
                        t);
                done("outbox", card + ":v" + (i + 1), "chat.update", null, args(1_600), sharedBy[i], card, t);
                done(
                        "outbox",
                        "feedback-share:" + shareKeys[i] + ":posted",
                        "chat.postMessage",
                        null,
                        args(250),
                        sharedBy[i],
                        null,
                        t);
            }
        }
        gaps.close();
        shares.close();
        events.close();
    }

    // ---- what runs every day: the purges, the group sync, the digests; payload keys and processes

    private void daily() throws SQLException {
        Rows purges = rows("retention_purge", """
                INSERT INTO retention_purge (day, finished_at, work_before, records_before, removed, complete)
                VALUES (?, ?, ?, NULL, ?, 1)
                """);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int d = 30; d >= 0; d--) {
            LocalDate day = today.minusDays(d);
            Instant at = day.atTime(3, 30).toInstant(ZoneOffset.UTC);
            Instant ran = at.isAfter(now) ? now.minus(Duration.ofMinutes(1)) : at;
            job("retention.purge:" + day, "retention.purge", null, ran, "done");
            job("deliveries.purge:" + day, "deliveries.purge", null, ran.minus(Duration.ofMinutes(30)), "done");
            job("sdr-group-sync:" + day, "sdr.group-sync", null, ran, "done");
            purges.add(
                    day.toString(),
                    time(ran.plusSeconds(2)),
                    time(ran.minus(WORK_KEPT)),
                    "[{\"what\":\"delivered Slack writes\",\"rows\":" + (1_500 + random.nextInt(500)) + "}]");
            if (day.getDayOfWeek() == java.time.DayOfWeek.MONDAY) {
                Instant digest = day.atTime(17, 0).toInstant(ZoneOffset.UTC);
                if (digest.isBefore(now)) {
                    job("sdr-digest:" + day, "sdr.digest", null, digest, "done");
                    done(
                            "outbox",
                            "sdr-digest:" + day + ":post",
                            "chat.postMessage",
                            null,
                            args(3_000),
                            null,
                            null,
                            digest);
                    job("feedback-digest:" + day, "feedback.digest", null, digest, "done");
                    done(
                            "outbox",
                            "feedback-digest:" + day + ":post",
                            "chat.postMessage",
                            null,
                            args(3_500),
                            null,
                            null,
                            digest);
                }
            }
        }
        purges.close();
        Rows deliveries = rows("delivery", "INSERT INTO delivery (delivery_key, seen_at) VALUES (?, ?)");
        for (int i = 0; i < 3_000; i++) {
            Instant at = now.minusSeconds(86_000L * i / 3_000);
            deliveries.add("action:" + at.getEpochSecond() + "." + i + ":" + pick(team.everyone()), time(at));
        }
        deliveries.close();
        Rows processes = rows("bot_process", """
                INSERT INTO bot_process (owner, host, pid, started_at, last_hello_at, stopped_at, stop_reason)
                VALUES (?, 'cebot-1', ?, ?, ?, ?, 'stopped')
                """);
        for (int i = 180; i > 0; i--) {
            Instant started = now.minus(Duration.ofDays(2L * i));
            processes.add(
                    "cebot-1/" + (1000 + i) + "/r" + i,
                    1000 + i,
                    time(started),
                    time(started.plusSeconds(1)),
                    time(started.plus(Duration.ofDays(2)).minusSeconds(60)));
        }
        processes.close();
    }

    // ---- work rows

    /**
     * A post that landed. Within the 30 days retention keeps finished work it is whole; older, it
     * stays as the anchor its record's replies and updates need, without its text.
     */
    private void post(
            String key, String channel, Instant at, int n, String forUser, String topic, String ref, String args)
            throws SQLException {
        post(key, channel, at, n, forUser, topic, ref, args, null);
    }

    private void post(
            String key,
            String channel,
            Instant at,
            int n,
            String forUser,
            String topic,
            String ref,
            String args,
            String after)
            throws SQLException {
        boolean whole = recent(at);
        String in = channel == null ? CE : channel.startsWith("U") ? "D" + channel.substring(1) : channel;
        work.add(
                "outbox",
                key,
                "chat.postMessage",
                whole ? ref : null,
                topic,
                whole ? args : null,
                whole ? forUser : null,
                whole ? forUser : null,
                after,
                "done",
                time(at),
                result(in, ts(at, n)),
                time(at),
                time(at));
    }

    private void done(
            String queue, String key, String kind, String ref, String payload, String forUser, String after, Instant at)
            throws SQLException {
        work.add(
                queue, key, kind, ref, null, payload, forUser, forUser, after, "done", time(at), null, time(at),
                time(at));
    }

    private void job(String key, String kind, String ref, Instant due, String status) throws SQLException {
        work.add(
                "job",
                key,
                kind,
                ref,
                null,
                null,
                null,
                null,
                null,
                status,
                time(due),
                null,
                time(due.minus(Duration.ofHours(1))),
                time(due));
    }

    private boolean recent(Instant at) {
        return at != null && at.isAfter(now.minus(WORK_KEPT));
    }

    // ---- values

    /** {@code n} instants between {@code from} and {@code to}, oldest first, more of them on weekdays. */
    private Instant[] times(int n, Instant from, Instant to) {
        long span = Duration.between(from, to).toMillis();
        long[] millis = new long[n];
        for (int i = 0; i < n; i++) {
            long m;
            do {
                m = (long) (random.nextDouble() * span);
            } while (from.plusMillis(m).atZone(ZoneOffset.UTC).getDayOfWeek().getValue() > 5 && random.nextInt(4) > 0);
            millis[i] = m;
        }
        Arrays.sort(millis);
        Instant[] times = new Instant[n];
        for (int i = 0; i < n; i++) {
            times[i] = from.plusMillis(millis[i]);
        }
        return times;
    }

    private Instant before(Instant at) {
        return at.isAfter(now) ? now.minusSeconds(1 + random.nextInt(60)) : at;
    }

    private Duration minutes(int from, int to) {
        return Duration.ofMinutes(from + random.nextInt(to - from));
    }

    private String viewId() {
        return "V" + Integer.toString(1_000_000 + view++, 36).toUpperCase();
    }

    private static String ts(Instant at, int n) {
        String micros = Integer.toString(1_000_000 + n % 1_000_000);
        return at.getEpochSecond() + "." + micros.substring(1);
    }

    private static String result(String channel, String ts) {
        return "{\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}";
    }

    /** As the store keeps instants: {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, every one of them to the millisecond. */
    static String time(Instant at) {
        if (at == null) {
            return null;
        }
        String text = at.truncatedTo(ChronoUnit.MILLIS).toString();
        return text.length() == 20 ? text.substring(0, 19) + ".000Z" : text;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String other(String person) {
        String other;
        do {
            other = pick(team.everyone());
        } while (other.equals(person));
        return other;
    }

    private String text(int length) {
        int offset = random.nextInt(FILLER.length());
        return PROSE.substring(offset, offset + length).strip();
    }

    private String background(int i) {
        return "Background " + i + ": " + text(150 + random.nextInt(500));
    }

    private static String links(int ticket) {
        return LinksJson.write(List.of(new TicketLink(
                TicketLink.Kind.ZENDESK,
                "https://acme.zendesk.com/agent/tickets/" + ticket,
                "Zendesk #" + ticket,
                "zendesk:" + ticket)));
    }

    private String customersJson(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("\"" + customerNames.get(customerIndex()).replace("\"", "") + "\"");
        }
        return "[" + String.join(",", names) + "]";
    }

    private String gapTitle(int id) {
        return pick(GAP_WORDS) + " " + pick(GAP_WORDS) + " " + pick(GAP_WORDS) + " (" + id + ")";
    }

    /** A write's arguments as the outbox keeps them, about {@code size} characters. */
    private String args(int size) {
        return "{\"text\":\"" + text(size) + "\"}";
    }

    private String cardArgs(String channel, int size) {
        return "{\"channel\":\"" + channel + "\",\"text\":\"" + text(200) + "\",\"blocks\":\"" + text(size) + "\"}";
    }

    // ---- batched inserts

    private Rows rows(String table, String sql) throws SQLException {
        Rows rows = new Rows(table, connection.prepareStatement(sql));
        open.add(rows);
        return rows;
    }

    /** Every statement's rows so far, those of the earliest statement first: a parent before its children. */
    private void flushAll() throws SQLException {
        for (Rows rows : open) {
            rows.flush();
        }
    }

    /**
     * One statement's rows, sent in batches. When one statement has a batch to send, every open one
     * sends its own, in the order they were opened, so a row's parent is always stored before it.
     */
    private final class Rows implements AutoCloseable {
        private final String table;
        private final PreparedStatement statement;
        private int pending;

        Rows(String table, PreparedStatement statement) {
            this.table = table;
            this.statement = statement;
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            counts.merge(table, 1, Integer::sum);
            if (++pending == 1_000) {
                flushAll();
            }
        }

        void flush() throws SQLException {
            if (pending > 0) {
                statement.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            flushAll();
            open.remove(this);
            statement.close();
        }
    }
}
