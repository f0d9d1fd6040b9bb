package com.cebot.ooo;

import static com.cebot.home.HomeContribution.MOST_ITEMS;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.slack.Mrkdwn;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The OOO protocol's parts of a Home tab. Needing the person: the time off they cover, and their
 * own time off that someone asked can't cover. Theirs: their time off (upcoming with Edit and
 * Cancel, as after bare {@code /ooo}), and who on the team is out in the coming week.
 */
final class OooHome {

    private static final int WEEK = 6;

    @RegisterConstructorMapper(OooPeriod.class)
    interface Queries {

        String MINE = "WHERE person = :person AND cancelled_at IS NULL AND last_day >= :today\n";
        String BETWEEN = "WHERE cancelled_at IS NULL AND last_day >= :from AND first_day <= :to\n";
        String COVERED = """
                FROM ooo_coverer c JOIN ooo_period p ON p.id = c.period_id
                WHERE c.coverer = :person AND c.cannot_cover_at IS NULL AND p.cancelled_at IS NULL
                  AND p.last_day >= :today
                """;
        String SHORT_OF_COVER = MINE + """
                AND EXISTS (SELECT 1 FROM ooo_coverer c WHERE c.period_id = ooo_period.id
                            AND c.cannot_cover_at IS NOT NULL)
                """;

        /** The person's periods not ended by {@code today}, latest first. */
        @SqlQuery("SELECT " + OooRepository.COLUMNS + MINE + """
                ORDER BY first_day DESC, id DESC
                LIMIT :limit
                """)
        List<OooPeriod> mine(String person, LocalDate today, int limit);

        @SqlQuery("SELECT COUNT(*) FROM ooo_period " + MINE)
        int mineCount(String person, LocalDate today);

        /** Everyone's periods with a day between {@code from} and {@code to}, latest first. */
        @SqlQuery("SELECT " + OooRepository.COLUMNS + BETWEEN + """
                ORDER BY first_day DESC, person, id
                LIMIT :limit
                """)
        List<OooPeriod> between(LocalDate from, LocalDate to, int limit);

        @SqlQuery("SELECT COUNT(*) FROM ooo_period " + BETWEEN)
        int betweenCount(LocalDate from, LocalDate to);

        /** Others' periods not ended by {@code today} that the person covers, soonest first. */
        @SqlQuery("""
                SELECT p.id, p.person, p.zone, p.first_day, p.last_day, p.coverers, p.plan, p.customers, p.version,
                       p.cancelled_at, p.created_at
                """ + COVERED + """
                ORDER BY p.first_day, p.id
                LIMIT :limit
                """)
        List<OooPeriod> covered(String person, LocalDate today, int limit);

        @SqlQuery("SELECT COUNT(*) " + COVERED)
        int coveredCount(String person, LocalDate today);

        /** The person's periods not ended by {@code today} that someone asked can't cover, soonest first. */
        @SqlQuery("SELECT " + OooRepository.COLUMNS + SHORT_OF_COVER + """
                ORDER BY first_day, id
                LIMIT :limit
                """)
        List<OooPeriod> shortOfCover(String person, LocalDate today, int limit);

        @SqlQuery("SELECT COUNT(*) FROM ooo_period " + SHORT_OF_COVER)
        int shortOfCoverCount(String person, LocalDate today);
    }

    private final OooTeam team;
    private final Clock clock;

    OooHome(OooTeam team, Clock clock) {
        this.team = team;
        this.clock = clock;
    }

    List<Part> parts(Handle handle, Person person) {
        Queries q = handle.attach(Queries.class);
        String user = person.userId();
        // A period is still someone's on the day after its last day somewhere on Earth.
        LocalDate notEndedBy = person.today().minusDays(1);
        List<Item> covering = q.covered(user, notEndedBy, MOST_ITEMS).stream()
                .map(p -> Item.of(covering(team.shown(handle, p), user, person.today())))
                .toList();
        List<Item> shortOfCover = q.shortOfCover(user, notEndedBy, MOST_ITEMS).stream()
                .map(p -> {
                    OooNotices.Shown s = team.shown(handle, p);
                    boolean editable = OooService.editable(p, clock.instant());
                    String text = OooNotices.cannotCoverText(s, s.cannotCover(), editable);
                    return editable ? new Item(text, List.of(OooNotices.editButton(s))) : Item.of(text);
                })
                .toList();
        List<Item> own = team.shown(handle, q.mine(user, notEndedBy, MOST_ITEMS)).stream()
                .map(s -> {
                    OooPeriod p = s.period();
                    String text = OooNotices.dates(s) + " · covering: " + OooNotices.coverage(s) + " · "
                            + OooNotices.stepsDone(s);
                    return OooService.editable(p, clock.instant())
                            ? new Item(text, OooNotices.editButtons(s))
                            : Item.of(text + " · under way");
                })
                .toList();
        LocalDate from = person.today();
        LocalDate to = person.today().plusDays(WEEK);
        List<Item> out = team.shown(handle, q.between(from, to, MOST_ITEMS)).stream()
                .map(s -> Item.of(OooNotices.line(s)))
                .toList();
        return List.of(
                Part.needsYou("ooo_covering", "Time off you cover", covering, q.coveredCount(user, notEndedBy)),
                Part.needsYou(
                        "ooo_short",
                        "Your time off someone can't cover",
                        shortOfCover,
                        q.shortOfCoverCount(user, notEndedBy)),
                new Part("ooo_mine", "Your time off", own, q.mineCount(user, notEndedBy)),
                new Part("ooo_team", "Out this week", out, q.betweenCount(from, to)));
    }

    /**
     * "You are covering @lena until Fri 13 Nov 2026 (back Mon 16 Nov 2026)", or the dates while it
     * is still to come, with the customers and whoever else covers.
     */
    static String covering(OooNotices.Shown s, String reader, LocalDate today) {
        OooPeriod p = s.period();
        String when = p.firstDay().isAfter(today)
                ? OooDates.range(p.firstDay(), p.lastDay())
                : "until " + OooDates.day(p.lastDay());
        List<String> others = s.covering().stream()
                .filter(c -> !c.equals(reader))
                .map(c -> "<@" + c + ">")
                .toList();
        return "You are covering <@" + p.person() + "> " + when + " (back " + OooDates.day(s.back()) + ")"
                + (p.customerNames().isEmpty() ? "" : " · customers: " + Mrkdwn.truncate(OooNotices.customers(p), 300))
                + (others.isEmpty() ? "" : " · with " + String.join(", ", others));
    }
}
