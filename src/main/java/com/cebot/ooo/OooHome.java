package com.cebot.ooo;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The OOO protocol's parts of a Home tab: the person's own time off (upcoming with Edit and Cancel,
 * as after bare {@code /ooo}) and who on the team is out in the coming week.
 */
final class OooHome {

    private static final int WEEK = 6;

    private final OooTeam team;
    private final Clock clock;

    OooHome(OooTeam team, Clock clock) {
        this.team = team;
        this.clock = clock;
    }

    List<Part> parts(Handle handle, Person person) {
        OooRepository repo = handle.attach(OooRepository.class);
        List<Item> own = repo.notEndedOf(person.userId(), person.today().minusDays(1)).stream()
                .sorted((a, b) -> b.firstDay().compareTo(a.firstDay()))
                .map(p -> {
                    OooNotices.Shown s = team.shown(handle, p);
                    String text = OooNotices.dates(s) + " · covering: " + OooNotices.coverers(p);
                    return OooService.editable(p, clock.instant()) ? new Item(text, OooNotices.editButtons(s))
                            : Item.of(text + " · under way");
                }).toList();
        List<Item> out = repo.between(person.today(), person.today().plusDays(WEEK)).stream()
                .sorted((a, b) -> b.firstDay().compareTo(a.firstDay()))
                .map(p -> Item.of(OooNotices.line(team.shown(handle, p)))).toList();
        return List.of(new Part("ooo_mine", "Your time off", own), new Part("ooo_team", "Out this week", out));
    }
}
