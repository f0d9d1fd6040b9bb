package com.cebot.ooo;

import static com.cebot.home.HomeContribution.MOST_ITEMS;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The OOO protocol's parts of a Home tab: the person's own time off (upcoming with Edit and Cancel,
 * as after bare {@code /ooo}) and who on the team is out in the coming week.
 */
final class OooHome {

    private static final int WEEK = 6;

    @RegisterConstructorMapper(OooPeriod.class)
    interface Queries {

        String MINE = "WHERE person = :person AND cancelled_at IS NULL AND last_day >= :today\n";
        String BETWEEN = "WHERE cancelled_at IS NULL AND last_day >= :from AND first_day <= :to\n";

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
    }

    private final OooTeam team;
    private final Clock clock;

    OooHome(OooTeam team, Clock clock) {
        this.team = team;
        this.clock = clock;
    }

    List<Part> parts(Handle handle, Person person) {
        Queries q = handle.attach(Queries.class);
        LocalDate notEndedBy = person.today().minusDays(1);
        List<Item> own = team.shown(handle, q.mine(person.userId(), notEndedBy, MOST_ITEMS)).stream()
                .map(s -> {
                    String text = OooNotices.dates(s) + " · covering: " + OooNotices.coverers(s.period());
                    return OooService.editable(s.period(), clock.instant()) ? new Item(text, OooNotices.editButtons(s))
                            : Item.of(text + " · under way");
                }).toList();
        LocalDate from = person.today();
        LocalDate to = person.today().plusDays(WEEK);
        List<Item> out = team.shown(handle, q.between(from, to, MOST_ITEMS)).stream()
                .map(s -> Item.of(OooNotices.line(s))).toList();
        return List.of(new Part("ooo_mine", "Your time off", own, q.mineCount(person.userId(), notEndedBy)),
                new Part("ooo_team", "Out this week", out, q.betweenCount(from, to)));
    }
}
