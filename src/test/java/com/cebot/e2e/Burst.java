package com.cebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A burst of Support Ticket forms for the fault tests: each typed by its own person, for its own
 * ticket, with text nobody else typed (its marker), so that every card, DM and stored row can be
 * traced to the one form it came from. It sends them through the fake Slack, keeps every envelope
 * each form went out in, and counts what arrived: acks, rows in the database, cards in
 * #customer-support, DMs, copies, and failures the person was told about.
 */
final class Burst {

    enum Kind {
        CONTEXT,
        REQUEST
    }

    /** One form: who typed it, in which modal, and every envelope it was sent in. */
    static final class Form {
        final int n;
        final String user;
        final String marker;
        final int ticket;
        String viewId;
        final List<String> envelopes = new ArrayList<>();

        Form(int n, String user, String marker, int ticket) {
            this.n = n;
            this.user = user;
            this.marker = marker;
            this.ticket = ticket;
        }

        @Override
        public String toString() {
            return "form " + n + " (" + user + ", view " + viewId + ")";
        }
    }

    private final SlackFake slack;
    private final Path database;
    private final Kind kind;
    private final String tag;
    private final List<Form> forms = new ArrayList<>();

    /**
     * @param tag two capital letters naming the test; the people are {@code U0<tag>001…}, the markers
     *     {@code quokka-<tag>-001-wombat…}, the tickets {@code ZD <firstTicket + n>}
     */
    Burst(SlackFake slack, Path database, Kind kind, String tag, int size, int firstTicket) {
        this.slack = slack;
        this.database = database;
        this.kind = kind;
        this.tag = tag;
        for (int n = 1; n <= size; n++) {
            String user = String.format("U0%s%03d", tag, n);
            slack.addUser(user, "person-" + tag.toLowerCase() + n, "America/Los_Angeles");
            forms.add(new Form(n, user, String.format("quokka-%s-%03d-wombat", tag, n), firstTicket + n));
        }
    }

    List<Form> forms() {
        return forms;
    }

    Form form(int n) {
        return forms.get(n - 1);
    }

    /** Every marker, to look for in logs and stored errors where typed text must never be. */
    List<String> markers() {
        return forms.stream().map(f -> f.marker).toList();
    }

    // ---- sending

    /** Each person uses the global shortcut; returns once the bot has opened every modal. */
    void openModals(Duration timeout) {
        String callback = kind == Kind.CONTEXT ? ContextIds.CALLBACK_ID : RequestIds.CALLBACK_ID;
        for (Form f : forms) {
            slack.sendGlobalShortcut(callback, f.user);
        }
        Await.until(
                timeout,
                "a modal open for each of " + forms.size() + " people",
                () -> forms.stream().allMatch(f -> !slack.modalStack(f.user).isEmpty()));
        for (Form f : forms) {
            View view = slack.modalStack(f.user).get(0);
            assertThat(view.callbackId()).isEqualTo(callback);
            f.viewId = view.id();
        }
    }

    /** What the person typed: their marker in the free-text field the card shows. */
    StateValues values(Form f) {
        if (kind == Kind.CONTEXT) {
            return StateValues.of()
                    .externalSelect(
                            ContextIds.CUSTOMER, ContextIds.CUSTOMER_SELECT, "new:Fault Co " + f.n, "Fault Co " + f.n)
                    .text(ContextIds.LINK, ContextIds.VALUE, "ZD " + f.ticket)
                    .text(ContextIds.BACKGROUND, ContextIds.VALUE, f.marker);
        }
        return StateValues.of()
                .externalSelect(
                        RequestIds.CUSTOMER, RequestIds.CUSTOMER_SELECT, "new:Fault Co " + f.n, "Fault Co " + f.n)
                .text(RequestIds.LINK, RequestIds.VALUE, "ZD " + f.ticket)
                .text(RequestIds.ASK, RequestIds.VALUE, f.marker)
                .text(RequestIds.WHY, RequestIds.VALUE, "Renewal next week")
                .text(RequestIds.IF_NOT, RequestIds.VALUE, "They may not renew");
    }

    /** Presses Submit once (a new envelope); does not wait for the ack. */
    String submit(Form f) {
        String envelope = slack.submitView(f.viewId, f.user, values(f).toJson());
        synchronized (f.envelopes) {
            f.envelopes.add(envelope);
        }
        return envelope;
    }

    /** The same submission delivered on every open socket at once. */
    String submitToAll(Form f) {
        String envelope = slack.submitViewToAll(f.viewId, f.user, values(f).toJson());
        synchronized (f.envelopes) {
            f.envelopes.add(envelope);
        }
        return envelope;
    }

    void submitAll() {
        forms.forEach(this::submit);
    }

    /** Presses Submit on each of {@code some} in turn, one every {@code gap}, on a thread of its own. */
    CompletableFuture<Void> submitPaced(List<Form> some, Duration gap) {
        return CompletableFuture.runAsync(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < some.size(); i++) {
                LockSupport.parkNanos(start + i * gap.toNanos() - System.nanoTime());
                submit(some.get(i));
            }
        });
    }

    /**
     * Sends the form's last envelope again, the same id, as Slack re-sends what was not acked (or
     * as the person's client retries).
     */
    void resendLast(Form f) {
        slack.resend(last(f));
    }

    static String last(Form f) {
        synchronized (f.envelopes) {
            return f.envelopes.get(f.envelopes.size() - 1);
        }
    }

    // ---- acks

    private List<Ack> acks(Form f) {
        List<String> ids;
        synchronized (f.envelopes) {
            ids = List.copyOf(f.envelopes);
        }
        return slack.acks().stream().filter(a -> ids.contains(a.envelopeId())).toList();
    }

    static boolean refusal(Ack ack) {
        return ack.payload() != null
                && "errors".equals(ack.payload().path("response_action").asText());
    }

    /** Slack closed the modal: some envelope of this form got a plain ack. */
    boolean accepted(Form f) {
        return acks(f).stream().anyMatch(a -> !refusal(a));
    }

    boolean refused(Form f) {
        return acks(f).stream().anyMatch(Burst::refusal);
    }

    List<Ack> refusals(Form f) {
        return acks(f).stream().filter(Burst::refusal).toList();
    }

    /** Any ack at all, accepted or refused, for the form's last envelope. */
    boolean answered(Form f) {
        String envelope = last(f);
        return slack.acks().stream().anyMatch(a -> a.envelopeId().equals(envelope));
    }

    List<Form> accepted() {
        return forms.stream().filter(this::accepted).toList();
    }

    List<Form> notAccepted() {
        return forms.stream().filter(f -> !accepted(f)).toList();
    }

    void awaitAccepted(int count, Duration timeout) {
        Await.until(
                timeout,
                count + " forms acked (have " + accepted().size() + ")",
                () -> accepted().size() >= count);
    }

    void awaitAnswered(Duration timeout) {
        Await.until(
                timeout,
                "an ack for the last envelope of every form",
                () -> forms.stream().allMatch(this::answered));
    }

    // ---- what arrived

    /** Top-level messages in #customer-support carrying the form's marker. */
    int cards(Form f) {
        return (int) slack.messages(BotHarness.SUPPORT).stream()
                .filter(m -> !m.isReply())
                .filter(carries(f.marker))
                .count();
    }

    /** Thread replies in #customer-support under the form's card(s) that match. */
    int replies(Form f, Predicate<Message> which) {
        List<String> cardTs = slack.messages(BotHarness.SUPPORT).stream()
                .filter(m -> !m.isReply())
                .filter(carries(f.marker))
                .map(Message::ts)
                .toList();
        return (int) slack.messages(BotHarness.SUPPORT).stream()
                .filter(Message::isReply)
                .filter(m -> cardTs.contains(m.threadTs()))
                .filter(which)
                .count();
    }

    /** DMs saying the card is up ("Thanks! …"). */
    int confirmations(Form f) {
        return (int) slack.messages(f.user).stream()
                .filter(m -> m.text() != null && m.text().startsWith("Thanks!"))
                .count();
    }

    /** Thread replies in #customer-support carrying the form's marker: context added to a card already there. */
    int threadNotes(Form f) {
        return (int) slack.messages(BotHarness.SUPPORT).stream()
                .filter(Message::isReply)
                .filter(carries(f.marker))
                .count();
    }

    /** DMs saying the form's context went into the thread of the ticket's card. */
    int addedToThread(Form f) {
        return (int) slack.messages(f.user).stream()
                .filter(m -> m.text() != null && m.text().startsWith("This ticket already has a card"))
                .count();
    }

    /** DMs telling the person their form was kept but could not be posted. */
    int toldOfFailure(Form f) {
        return (int) slack.messages(f.user).stream()
                .filter(m -> m.text() != null
                        && (m.text().contains("would not let me") || m.text().contains("could not post it")))
                .count();
    }

    private static Predicate<Message> carries(String marker) {
        return m -> (m.text() != null && m.text().contains(marker))
                || (m.blocks() != null && m.blocks().toString().contains(marker));
    }

    /** Stored submissions (support_context or support_request rows) per marker. */
    Map<String, Integer> stored() {
        String sql =
                kind == Kind.CONTEXT ? "SELECT background FROM support_context" : "SELECT ask FROM support_request";
        Map<String, Integer> counts = new HashMap<>();
        for (String text : query(database, sql)) {
            for (Form f : forms) {
                if (text != null && text.contains(f.marker)) {
                    counts.merge(f.marker, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** Forms whose inbox row exists: what the bot stored before it acked. */
    List<Form> inInbox() {
        List<String> payloads = query(database, "SELECT payload FROM work WHERE queue = 'inbox'");
        return forms.stream()
                .filter(f -> payloads.stream().anyMatch(p -> p != null && p.contains(f.marker)))
                .toList();
    }

    /** Every stored error of the durable work, which must never quote what people typed. */
    List<String> lastErrors() {
        return query(database, "SELECT last_error FROM work WHERE last_error IS NOT NULL");
    }

    static List<String> query(Path database, String sql) {
        try (Connection c = TestDatabase.connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("cannot read " + database + ": " + e.getMessage(), e);
        }
    }

    static int count(Path database, String sql) {
        return Integer.parseInt(query(database, sql).get(0));
    }

    /** What the table prints; {@code duplicates} counts every copy beyond the first of anything. */
    record Tally(int sent, int acked, int refused, int stored, int cards, int dms, int duplicates, int failedAndTold) {}

    Tally tally() {
        Map<String, Integer> stored = stored();
        int sent = 0;
        int acked = 0;
        int refused = 0;
        int storedForms = 0;
        int carded = 0;
        int dmed = 0;
        int duplicates = 0;
        int told = 0;
        for (Form f : forms) {
            int s = stored.getOrDefault(f.marker, 0);
            int c = cards(f);
            int d = confirmations(f);
            int t = toldOfFailure(f);
            sent += f.envelopes.isEmpty() ? 0 : 1;
            acked += accepted(f) ? 1 : 0;
            refused += refused(f) ? 1 : 0;
            storedForms += s > 0 ? 1 : 0;
            carded += c > 0 ? 1 : 0;
            dmed += d > 0 ? 1 : 0;
            told += t > 0 ? 1 : 0;
            duplicates += Math.max(0, s - 1) + Math.max(0, c - 1) + Math.max(0, d - 1) + Math.max(0, t - 1);
        }
        return new Tally(sent, acked, refused, storedForms, carded, dmed, duplicates, told);
    }

    /**
     * Prints the test's table on standard output: what was sent and what arrived, one row, and a
     * line of notes on the faults met.
     */
    Tally print(String test, String scenario, String notes) {
        Tally t = tally();
        Map<String, Integer> row = new LinkedHashMap<>();
        row.put("sent", t.sent());
        row.put("acked", t.acked());
        row.put("refused", t.refused());
        row.put("stored", t.stored());
        row.put("cards posted", t.cards());
        row.put("DMs", t.dms());
        row.put("duplicates", t.duplicates());
        row.put("failed-and-told", t.failedAndTold());
        printTable(test, scenario, row, notes);
        return t;
    }

    /** A fault-suite table of any figures: their heads, one row under them, and a line of notes. */
    static void printTable(String test, String scenario, Map<String, Integer> row, String notes) {
        StringBuilder head = new StringBuilder("  |");
        StringBuilder values = new StringBuilder("  |");
        row.forEach((name, value) -> {
            head.append(' ').append(name).append(" |");
            values.append(String.format(" %" + name.length() + "d |", value));
        });
        System.out.println();
        System.out.println("[fault-suite] " + test + ": " + scenario);
        System.out.println(head);
        System.out.println(values);
        if (notes != null && !notes.isBlank()) {
            System.out.println("  notes: " + notes);
        }
        System.out.flush();
    }

    /** Every form acked, stored, carded and confirmed exactly once; nothing refused or failed. */
    void assertEachExactlyOnce(Tally t) {
        int size = forms.size();
        assertThat(t).as(describe()).isEqualTo(new Tally(size, size, t.refused(), size, size, size, 0, 0));
    }

    /** Which forms miss what, for failure messages. */
    String describe() {
        Map<String, Integer> stored = stored();
        return forms.stream()
                .filter(f ->
                        !accepted(f) || stored.getOrDefault(f.marker, 0) != 1 || cards(f) != 1 || confirmations(f) != 1)
                .map(f -> f + ": acked=" + accepted(f) + " stored=" + stored.getOrDefault(f.marker, 0) + " cards="
                        + cards(f) + " dms=" + confirmations(f) + " told=" + toldOfFailure(f))
                .collect(Collectors.joining("\n", "forms not exactly once:\n", ""));
    }

    /** The text of an ack's field error for this form, if refused. */
    static String error(Ack ack) {
        JsonNode errors = ack.payload().path("errors");
        return errors.isMissingNode() ? "" : errors.toString();
    }

    String tag() {
        return tag;
    }
}
