package com.cebot.e2e;

import static com.cebot.e2e.SdrWorkspace.CE1;
import static com.cebot.e2e.SdrWorkspace.CE2;
import static com.cebot.e2e.SdrWorkspace.CE3;
import static com.cebot.e2e.SdrWorkspace.CE4;
import static com.cebot.e2e.SdrWorkspace.MANAGER;
import static com.cebot.e2e.SdrWorkspace.SDR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cebot.slackfake.Message;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three packaged bots on one PostgreSQL, Slack handing envelopes to their connections in turn, and
 * what the workflows must do once for all of them: SDR questions asked at once go round the CEs in
 * turn, each to one CE; a question redraws the Homes it concerns (the asker's and the CE's) once,
 * not once per instance; the weekly digests, due at once on all three, are each posted once; time
 * off planned at once is stored, shared as an .ics and told to its coverer once; the question group
 * is updated once for a change and its daily sync, due on all three, runs once; each nudge goes once.
 */
final class ThreeInstancesSharedWorkIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SDR2 = "U0SDR2";
    private static final List<String> CES = List.of(CE1, CE2, CE3, CE4);
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final List<String> PEOPLE = List.of(SDR, SDR2, CE1, CE2, CE3, CE4);
    private static final Pattern OWNER = Pattern.compile("<@(U[A-Z0-9]+)> will answer here");
    private static final DateTimeFormatter STORED_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @RegisterExtension
    final ChildBots bots = new ChildBots();

    private BotHarness harness;

    @BeforeAll
    static void onPostgresql() {
        assumeTrue(
                TestDatabase.postgresql(),
                "several instances share a PostgreSQL; this runs in the PostgreSQL execution");
    }

    @Test
    void threeInstances_questionsAtOnceGoInTurn_eachToOneCe_andEachDigestIsPostedOnce() {
        List<ChildBot> three = startThree();

        // Twelve questions at once, four to each instance: each goes to one CE, three to each.
        List<String> burst = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            burst.add(ask(SDR, "Burst question " + i));
        }
        List<String> owners = burst.stream().map(this::owner).toList();
        harness.awaitWorkDone(WAIT);
        for (String ts : burst) {
            assertThat(assignmentReplies(ts))
                    .as("one assignment reply to question " + ts)
                    .isEqualTo(1);
        }
        Map<String, Long> turns =
                owners.stream().collect(Collectors.groupingBy(o -> o, TreeMap::new, Collectors.counting()));
        List<String> stored = Burst.query(
                harness.databaseFile(), "SELECT assignee || ':' || assignment FROM sdr_question ORDER BY id");

        // Both weekly digests fall due now, on all three instances at once.
        int digestJobs = Burst.count(
                harness.databaseFile(),
                "SELECT COUNT(*) FROM work WHERE queue = 'job' AND status = 'pending'"
                        + " AND kind IN ('sdr.digest', 'feedback.digest')");
        execute("UPDATE work SET due_at = '" + STORED_INSTANT.format(Instant.now())
                + "' WHERE queue = 'job' AND status = 'pending' AND kind IN ('sdr.digest', 'feedback.digest')");
        Await.until(
                WAIT,
                "both digests posted",
                () -> posts(BotHarness.CE_INTERNAL, "*SDR questions,") >= 1
                        && posts(BotHarness.FEEDBACK, "*Product feedback,") >= 1);
        harness.awaitWorkDone(WAIT);
        int digestsRun = Burst.count(
                harness.databaseFile(),
                "SELECT COUNT(*) FROM work WHERE queue = 'job' AND status = 'done'"
                        + " AND kind IN ('sdr.digest', 'feedback.digest')");

        Map<String, Integer> row = new LinkedHashMap<>();
        row.put("questions", burst.size());
        row.put("stored", stored.size());
        row.put(
                "assignment replies",
                burst.stream().mapToInt(this::assignmentReplies).sum());
        row.put("digest jobs run", digestsRun);
        row.put("SDR digests", posts(BotHarness.CE_INTERNAL, "*SDR questions,"));
        row.put("feedback digests", posts(BotHarness.FEEDBACK, "*Product feedback,"));
        Burst.printTable(
                bots.test(),
                "12 SDR questions at once over three instances' sockets, then both weekly digests due on all three",
                row,
                "turns per CE: " + turns);
        assertThat(turns)
                .as("the turns, three each")
                .containsOnlyKeys(CES)
                .allSatisfy((ce, n) -> assertThat(n).isEqualTo(3));
        assertThat(stored)
                .as("twelve questions stored, each assigned once, to one CE")
                .hasSize(12)
                .allSatisfy(r -> assertThat(r).matches("U0CE[1-4]:1"));
        assertThat(digestJobs)
                .as("one pending job per digest, not one per instance")
                .isEqualTo(2);
        assertThat(digestsRun).isEqualTo(2);
        assertThat(posts(BotHarness.CE_INTERNAL, "*SDR questions,"))
                .as("the SDR digest posted once")
                .isEqualTo(1);
        assertThat(posts(BotHarness.FEEDBACK, "*Product feedback,"))
                .as("the feedback digest posted once")
                .isEqualTo(1);
        assertThat(digestText(BotHarness.CE_INTERNAL, "*SDR questions,"))
                .as("the SDR digest counts every question once")
                .contains("Asked: 12 · answered: 0");
        three.forEach(bot -> bot.assertCleanLog(List.of()));
    }

    /**
     * Each instance reads the marks a change leaves, so the one that draws a marked Home takes it
     * first and the others pass it over: without that, an instance that read the marks while another
     * was still drawing drew and published the same view again (1 of 12 to 6 of 16 redraws).
     */
    @Test
    void threeInstances_eachQuestionRedrawsTheHomesItConcernsOnce_notOncePerInstance() {
        List<ChildBot> three = startThree();

        // Everyone opens Home (each on whichever instance Slack hands it to): one publish each.
        PEOPLE.forEach(harness.slack::sendAppHomeOpened);
        Await.until(
                WAIT,
                () -> "a Home for each: " + publishes(),
                () -> PEOPLE.stream().allMatch(u -> publishes().getOrDefault(u, 0) >= 1));
        harness.awaitWorkDone(WAIT);
        Map<String, Integer> opened = publishes();

        // Questions one at a time, asked by the two SDRs in turn: each redraws the asker's Home and
        // its CE's, once, whichever instance routed it and however many look for marks.
        Map<String, Integer> expected = new TreeMap<>();
        List<String> rounds = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String asker = i % 2 == 1 ? SDR : SDR2;
            Map<String, Integer> was = publishes();
            String owner = owner(ask(asker, "Question " + i));
            Await.until(
                    WAIT,
                    () -> "Homes of " + asker + " and " + owner + " drawn again: " + publishes(),
                    () -> grew(was, asker) && grew(was, owner));
            awaitNoHomeMarked();
            expected.merge(asker, 1, Integer::sum);
            expected.merge(owner, 1, Integer::sum);
            rounds.add(asker + "→" + owner);
        }
        // The last question's draws come after every earlier one's; then nothing is left to do.
        harness.awaitWorkDone(WAIT);
        Map<String, Integer> redrawn = new TreeMap<>();
        publishes().forEach((user, n) -> {
            int more = n - opened.getOrDefault(user, 0);
            if (more > 0) {
                redrawn.put(user, more);
            }
        });

        Map<String, Integer> row = new LinkedHashMap<>();
        row.put("Homes opened", PEOPLE.size());
        row.put(
                "publishes on opening",
                opened.values().stream().mapToInt(Integer::intValue).sum());
        row.put("questions", rounds.size());
        row.put(
                "redraws expected",
                expected.values().stream().mapToInt(Integer::intValue).sum());
        row.put(
                "redraws published",
                redrawn.values().stream().mapToInt(Integer::intValue).sum());
        Burst.printTable(
                bots.test(),
                "6 Homes opened over three instances, then 8 questions one at a time (marks looked for every 1 s)",
                row,
                "asker→CE: " + rounds + "; publishes per person since opening: " + redrawn + ", expected " + expected
                        + "; publishes of the very view last published for that person: " + repeats());
        assertThat(opened)
                .as("one publish for each Home opened")
                .containsOnlyKeys(PEOPLE)
                .allSatisfy((u, n) -> assertThat(n).isEqualTo(1));
        assertThat(redrawn)
                .as("one publish per change for each person it concerns, not one per instance")
                .isEqualTo(expected);
        three.forEach(bot -> bot.assertCleanLog(List.of()));
    }

    /**
     * Four CEs of the question group go out at once, each covered by the next, each form on another
     * instance; then the group, synced from the roster at each start, is changed by hand and its
     * daily sync falls due on all three at once; last, the nudges of three questions fall due on all
     * three at once.
     */
    @Test
    void threeInstances_timeOffAtOnce_eachStoredSharedAndToldOnce_theGroupSyncedOnce_andEachNudgeSentOnce() {
        LocalDate today = LocalDate.now(LOS_ANGELES);
        // CE1–CE3 are in their first 120 days, CE4 past them: each start finds the group to sync.
        List<ChildBot> three =
                startThree("""
                roster:
                  - {user: %1$s, start_date: %5$s, manager: %6$s}
                  - {user: %2$s, start_date: %5$s, manager: %6$s}
                  - {user: %3$s, start_date: %5$s, manager: %6$s}
                  - {user: %4$s, start_date: %7$s, manager: %6$s}
                """.formatted(CE1, CE2, CE3, CE4, today.minusDays(10), MANAGER, today.minusDays(200)));
        List<String> newCes = List.of(CE1, CE2, CE3);
        Await.until(
                WAIT,
                "the group synced at start",
                () -> harness.slack.userGroupMembers(SdrIds.GROUP).equals(newCes));
        Await.until(WAIT, "every instance's sync at start", () -> syncRuns(three) == 3);

        // Four forms at once, a group member's each, covered by the next CE.
        Map<String, String> viewIds = new LinkedHashMap<>();
        for (String ce : CES) {
            int opened = harness.slack.calls("views.open").size();
            harness.slack.awaitAck(harness.slack.sendSlashCommand(OooIds.COMMAND, "", ce, BotHarness.CE), WAIT);
            harness.slack.awaitCalls("views.open", opened + 1, WAIT);
            viewIds.put(
                    ce,
                    Await.value(
                            WAIT,
                            "the /ooo modal of " + ce,
                            () -> harness.slack.modalStack(ce).stream()
                                    .findFirst()
                                    .map(View::id)
                                    .orElse(null)));
        }
        List<String> envelopes = new ArrayList<>();
        for (int i = 0; i < CES.size(); i++) {
            String ce = CES.get(i);
            LocalDate first = today.plusDays(14 + i);
            envelopes.add(harness.slack.submitView(
                    viewIds.get(ce),
                    ce,
                    StateValues.of()
                            .date(OooIds.FIRST_DAY, OooIds.VALUE, first.toString())
                            .date(
                                    OooIds.LAST_DAY,
                                    OooIds.VALUE,
                                    first.plusDays(4).toString())
                            .users(OooIds.COVERERS, OooIds.VALUE, coverer(ce))
                            .toJson()));
        }
        List<String> refused = envelopes.stream()
                .map(e -> harness.slack.awaitAck(e, WAIT))
                .filter(a -> a.payload() != null && a.payload().has("errors"))
                .map(a -> a.payload().toString())
                .toList();
        Await.until(
                WAIT,
                "every summary, .ics and coverer DM",
                () -> CES.stream()
                        .allMatch(ce -> dms(ce, "Your time off is planned") >= 1
                                && sharedFiles(ce) >= 1
                                && dms(coverer(ce), "<@" + ce + "> is out") >= 1));
        harness.awaitWorkDone(WAIT);

        // Someone adds a graduated CE back by hand; the daily sync falls due now on all three.
        harness.slack.addUserGroup(SdrIds.GROUP, "ce-sdr-collab", CES);
        execute("UPDATE work SET due_at = '" + STORED_INSTANT.format(Instant.now())
                + "' WHERE queue = 'job' AND status = 'pending' AND kind = 'sdr.group_sync'");
        Await.until(
                WAIT,
                "the group synced again",
                () -> harness.slack.userGroupMembers(SdrIds.GROUP).equals(newCes));
        harness.awaitWorkDone(WAIT);
        Await.until(WAIT, "the daily sync's run logged", () -> syncRuns(three) >= 4);

        // Three questions; their nudges fall due now on all three: each CE hears once per question.
        List<String> owners = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            owners.add(owner(ask(SDR, "Nudged question " + i)));
        }
        harness.awaitWorkDone(WAIT);
        int nudgeJobs = Burst.count(
                harness.databaseFile(),
                "SELECT COUNT(*) FROM work WHERE queue = 'job' AND status = 'pending' AND kind = 'sdr.nudge'");
        execute("UPDATE work SET due_at = '" + STORED_INSTANT.format(Instant.now())
                + "' WHERE queue = 'job' AND status = 'pending' AND kind = 'sdr.nudge'");
        Map<String, Integer> expectedNudges = new TreeMap<>();
        owners.forEach(o -> expectedNudges.merge(o, 1, Integer::sum));
        Await.until(
                WAIT,
                () -> "a nudge for each question: " + nudges(),
                () -> nudges().values().stream().mapToInt(Integer::intValue).sum() >= owners.size());
        harness.awaitWorkDone(WAIT);

        Map<String, Integer> row = new LinkedHashMap<>();
        row.put("forms", envelopes.size());
        row.put("refused", refused.size());
        row.put(
                "periods stored",
                Burst.count(harness.databaseFile(), "SELECT COUNT(*) FROM ooo_period WHERE cancelled_at IS NULL"));
        row.put(
                "summary DMs",
                CES.stream().mapToInt(ce -> dms(ce, "Your time off is planned")).sum());
        row.put("files uploaded", harness.slack.calls(SlackFake.FILE_UPLOAD).size());
        row.put(
                ".ics shared",
                harness.slack.calls("files.completeUploadExternal").size());
        row.put(".ics in DMs", CES.stream().mapToInt(this::sharedFiles).sum());
        row.put(
                "coverer DMs",
                CES.stream()
                        .mapToInt(ce -> dms(coverer(ce), "<@" + ce + "> is out"))
                        .sum());
        row.put("group updates", harness.slack.calls("usergroups.users.update").size());
        row.put("group syncs run", syncRuns(three));
        row.put(
                "daily sync jobs run",
                Burst.count(
                        harness.databaseFile(),
                        "SELECT COUNT(*) FROM work WHERE queue = 'job' AND status = 'done' AND kind = 'sdr.group_sync'"));
        row.put("group notes", posts(BotHarness.CE_INTERNAL, "Updated @ce-sdr-collab"));
        row.put("questions", owners.size());
        row.put("nudge jobs", nudgeJobs);
        row.put("nudges", nudges().values().stream().mapToInt(Integer::intValue).sum());
        Burst.printTable(
                bots.test(),
                "4 /ooo forms at once over three instances' sockets, each with a coverer; the group synced at each"
                        + " start, changed by hand, then its daily sync due on all three; then 3 questions' nudges due on all"
                        + " three",
                row,
                "syncs per instance: "
                        + three.stream()
                                .map(b -> b.name() + "=" + syncRuns(List.of(b)))
                                .toList()
                        + "; forms stored per instance: "
                        + three.stream()
                                .map(b -> b.name() + "=" + formsStored(b))
                                .toList()
                        + "; nudges per CE: " + nudges());
        assertThat(refused).as("every form saved").isEmpty();
        assertThat(three.stream()
                        .mapToLong(ThreeInstancesSharedWorkIT::formsStored)
                        .sum())
                .as("each form taken from the inbox once, by one instance")
                .isEqualTo(4);
        assertThat(Burst.query(
                        harness.databaseFile(),
                        "SELECT person FROM ooo_period WHERE cancelled_at IS NULL ORDER BY person"))
                .as("each time off stored once")
                .containsExactlyElementsOf(CES);
        for (String ce : CES) {
            assertThat(dms(ce, "Your time off is planned"))
                    .as("one summary DM to " + ce)
                    .isEqualTo(1);
            assertThat(sharedFiles(ce)).as("one .ics shared with " + ce).isEqualTo(1);
            assertThat(dms(coverer(ce), "<@" + ce + "> is out"))
                    .as("one DM to " + coverer(ce) + " covering " + ce)
                    .isEqualTo(1);
        }
        assertThat(harness.slack.calls(SlackFake.FILE_UPLOAD))
                .as("one file uploaded per time off")
                .hasSize(4);
        assertThat(harness.slack.calls("files.completeUploadExternal"))
                .as("one share per time off")
                .hasSize(4);
        assertThat(harness.slack.calls("usergroups.users.update"))
                .as("one group update at the first start and one for the daily sync, not one per instance")
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.param("users")).isEqualTo(String.join(",", newCes)));
        assertThat(syncRuns(three))
                .as("a sync at each start, and the daily one run by one instance")
                .isEqualTo(4);
        assertThat(posts(BotHarness.CE_INTERNAL, "Updated @ce-sdr-collab"))
                .as("the same change on the same day said once in #ce-internal")
                .isEqualTo(today.equals(LocalDate.now(LOS_ANGELES)) ? 1 : 2);
        assertThat(nudgeJobs).as("one nudge job per question").isEqualTo(3);
        assertThat(nudges())
                .as("one nudge per question, to its CE, not one per instance")
                .isEqualTo(expectedNudges);
        three.forEach(bot -> bot.assertCleanLog(List.of()));
    }

    /** The SDR workspace's people and group, Home's marks looked for every second, and three bots. */
    private List<ChildBot> startThree() {
        return startThree("");
    }

    /** As {@link #startThree()}, with more top-level settings (a roster, say). */
    private List<ChildBot> startThree(String moreSettings) {
        harness = bots.harness();
        SdrWorkspace.seed(harness, """
                max_open_per_person: 100
                questions_per_minute: 1000""", """
                home:
                  refresh_seconds: 1
                """ + moreSettings, SDR2);
        List<ChildBot> three = List.of(bots.start("a"), bots.start("b"), bots.start("c"));
        harness.slack.awaitConnections(3, WAIT);
        harness.slack.deliverRoundRobin(true);
        return three;
    }

    /** A top-level message in #ce tagging the group; its ts. */
    private String ask(String user, String text) {
        return harness.slack
                .sendMessageEvent(BotHarness.CE, user, text + " <!subteam^" + SdrIds.GROUP + "|@ce-sdr-collab>", null)
                .ts();
    }

    /** The CE the bot's assignment reply names, once it is there. */
    private String owner(String questionTs) {
        return Await.value(
                WAIT,
                "the assignment reply to " + questionTs,
                () -> replies(questionTs).stream()
                        .map(m -> OWNER.matcher(m.text()))
                        .filter(Matcher::find)
                        .map(m -> m.group(1))
                        .findFirst()
                        .orElse(null));
    }

    private int assignmentReplies(String questionTs) {
        return (int) replies(questionTs).stream()
                .filter(m -> OWNER.matcher(m.text()).find())
                .count();
    }

    private List<Message> replies(String questionTs) {
        return harness.slack.messages(BotHarness.CE).stream()
                .filter(m -> SlackFake.BOT_USER_ID.equals(m.user()) && m.isReply() && questionTs.equals(m.threadTs()))
                .toList();
    }

    /** {@code views.publish} calls Slack answered, per user. */
    private Map<String, Integer> publishes() {
        Map<String, Integer> counts = new TreeMap<>();
        harness.slack.calls("views.publish").stream()
                .filter(c -> c.status() == 200)
                .forEach(c -> counts.merge(c.json().path("user_id").asText(), 1, Integer::sum));
        return counts;
    }

    /** Per person, publishes of the same view as the one before for them: drawn twice for one change. */
    private Map<String, Integer> repeats() {
        Map<String, String> last = new TreeMap<>();
        Map<String, Integer> repeats = new TreeMap<>();
        harness.slack.calls("views.publish").stream()
                .filter(c -> c.status() == 200)
                .forEach(c -> {
                    String user = c.json().path("user_id").asText();
                    String view = c.json().path("view").toString();
                    if (view.equals(last.put(user, view))) {
                        repeats.merge(user, 1, Integer::sum);
                    }
                });
        return repeats;
    }

    private boolean grew(Map<String, Integer> was, String user) {
        return publishes().getOrDefault(user, 0) > was.getOrDefault(user, 0);
    }

    /** Until every Home a change marked has been drawn (by whichever instance) and its mark cleared. */
    private void awaitNoHomeMarked() {
        Await.until(
                WAIT,
                "no Home left marked",
                () -> Burst.count(harness.databaseFile(), "SELECT COUNT(*) FROM home_user WHERE stale > 0") == 0);
    }

    private int posts(String channel, String head) {
        return (int) harness.slack.messages(channel).stream()
                .filter(m -> !m.isReply() && m.text() != null && m.text().startsWith(head))
                .count();
    }

    private String digestText(String channel, String head) {
        return harness.slack.messages(channel).stream()
                .filter(m -> !m.isReply() && m.text() != null && m.text().startsWith(head))
                .map(Message::text)
                .findFirst()
                .orElse("");
    }

    /** Each CE is covered by the next one in the group, the last by the first. */
    private static String coverer(String ce) {
        return CES.get((CES.indexOf(ce) + 1) % CES.size());
    }

    /** DMs to {@code user} starting with {@code head}. */
    private int dms(String user, String head) {
        return (int) harness.slack.messages(user).stream()
                .filter(m -> m.text() != null && m.text().startsWith(head))
                .count();
    }

    /** Messages in {@code user}'s DM that share a file: the .ics of their time off. */
    private int sharedFiles(String user) {
        return (int) harness.slack.messages(user).stream()
                .filter(m -> m.files() != null && !m.files().isEmpty())
                .count();
    }

    /** Nudge DMs about the SDR's questions, per CE. */
    private Map<String, Integer> nudges() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String ce : CES) {
            int n = dms(ce, "<@" + SDR + ">'s question in");
            if (n > 0) {
                counts.put(ce, n);
            }
        }
        return counts;
    }

    /**
     * The /ooo forms this bot stored from its inbox, by the line the queue logs past the commit (the
     * form's own line comes again when PostgreSQL refuses a transaction and it is run again).
     */
    private static long formsStored(ChildBot bot) {
        return bot.log()
                .lines()
                .filter(l -> l.contains(" inbox view:") && l.contains(" (ooo) done "))
                .count();
    }

    /** Group syncs the bots logged, whether they changed the group or found it right. */
    private static int syncRuns(List<ChildBot> bots) {
        return (int) bots.stream()
                .flatMap(b -> b.log().lines())
                .filter(l -> l.contains("@ce-sdr-collab updated from the roster")
                        || l.contains("@ce-sdr-collab matches the roster"))
                .count();
    }

    private void execute(String sql) {
        try (Connection c = TestDatabase.connect(harness.databaseFile());
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
