package com.cebot.ooo;

import com.cebot.config.ConfigSection;
import com.cebot.customer.CustomerSuggestions;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeChanges;
import com.cebot.home.HomeContribution;
import java.util.List;
import java.util.Set;

/**
 * The OOO protocol behind {@code /ooo}: the modal, its checks, the summary DM with the handbook's
 * steps to tick, durable reminders in the person's time zone, the coverers' DMs, the announcement
 * in #ce-internal, one thread reply to a mention of someone who is out, and who is away for other
 * workflows ({@link Absences}).
 *
 * <p>Settings, in the {@code ooo} section: {@code remind_days_before} (working days before the first
 * day for the reminder of open steps), {@code max_planned_periods} (periods not yet ended one person
 * may have) and {@code coverer_dms_per_day} (DMs one person's time off may send each person covering
 * in a day). Reminders use {@code schedule.reminder_hour} in the person's zone, falling back to
 * {@code schedule.time_zone}.
 */
public final class OooFeature implements Feature<OooFeature.Settings> {

    private final HomeContribution.WhenStarted home = new HomeContribution.WhenStarted();
    private final HomeChanges homeChanges;

    record Settings(int remindDays, int maxPlanned, int covererDmsPerDay) {}

    /** @param homeChanges told whose Home each change concerns */
    public OooFeature(HomeChanges homeChanges) {
        this.homeChanges = homeChanges;
    }

    /** Who is away, from the stored time off: other workflows may ask at any time. */
    public Absences absences() {
        return new StoredAbsences();
    }

    /** The protocol's part of Home: one's time off, who is out this week, and its button. */
    public HomeContribution home() {
        return home;
    }

    @Override
    public Settings configure(ConfigSection root) {
        ConfigSection ooo = root.section("ooo");
        return new Settings(
                ooo.integer("remind_days_before", 3, 1, 20),
                ooo.integer("max_planned_periods", 10, 1, 100),
                ooo.integer("coverer_dms_per_day", 4, 1, 50));
    }

    @Override
    public void start(Settings settings, Engine engine) {
        String ceInternal = engine.workspace().ceInternal();
        var team = new OooTeam(engine.team(), ceInternal, engine.workingHours());
        var reminders = new OooReminders(
                engine.scheduler(),
                engine.workingHours(),
                settings.remindDays(),
                engine.outbox(),
                engine.store(),
                engine.slack(),
                team);
        var service = new OooService(
                engine.store(),
                engine.outbox(),
                reminders,
                team,
                settings.remindDays(),
                settings.maxPlanned(),
                new CovererDms(settings.covererDmsPerDay()),
                homeChanges,
                engine.clock());
        engine.messages()
                .subscribe(new MentionReplies(
                        engine.store(),
                        engine.outbox(),
                        engine.permalinks(),
                        team,
                        Set.of(engine.workspace().ce(), engine.workspace().customerSupport()),
                        engine.clock()));
        var listeners = new OooListeners(
                service,
                team,
                engine.store(),
                engine.clock(),
                engine.team().schedule().timeZone(),
                ceInternal,
                engine.slack(),
                engine.interactions());
        listeners.register(service.forms(engine.inbox()), new CustomerSuggestions(engine.store()));
        home.started(HomeContribution.of(
                List.of(new HomeContribution.Start("Plan your time off", "home_start_ooo", listeners::openNew)),
                new OooHome(team, engine.clock())::parts));
    }

    @Override
    public StoredRecords records() {
        return StoredRecords.in(OooRecords.class);
    }
}
