package com.cebot.home;

import com.cebot.config.ConfigSection;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.Interactions;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.home.HomeContribution.Start;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CE Bot's Home tab: each person's open items from every workflow, what waits on them, who is
 * out, and buttons that start each workflow. Drawn when the person opens it, and drawn again for the
 * people a change concerns, as the workflows tell {@link HomeChanges}; published only when it
 * changed. Every {@code home.refresh_seconds} it also looks in the store for Homes another process
 * marked, or that were marked before a restart.
 */
public final class HomeFeature implements Feature<HomeFeature.Settings> {

    private final List<HomeContribution> contributions;
    private final StaleHomes changes;

    /** @param refresh how often the store is read for Homes marked by another process or before a restart */
    record Settings(Duration refresh) {}

    /**
     * @param contributions the workflows, in the order their parts appear; each is asked only once the
     *                      bot has started them, so Home starts after them
     * @param changes       what the same workflows tell of their changes
     */
    public HomeFeature(List<HomeContribution> contributions, StaleHomes changes) {
        this.contributions = List.copyOf(contributions);
        this.changes = changes;
    }

    @Override
    public Settings configure(ConfigSection root) {
        return new Settings(Duration.ofSeconds(root.section("home").integer("refresh_seconds", 10, 1, 600)));
    }

    /** Who opened Home is kept while they use it; only {@code forget} removes it. */
    @Override
    public StoredRecords records() {
        return (handle, person) -> List.of(new StoredRecords.Count(
                "Home: their Home tab, no longer kept up to date",
                handle.attach(HomeUsers.class).forget(person)));
    }

    @Override
    public void start(Settings settings, Engine engine) {
        ZoneId zone = engine.team().schedule().timeZone();
        List<Start> starts =
                contributions.stream().flatMap(c -> c.starts().stream()).toList();
        HomeRenderer renderer = (handle, user) -> {
            Person person = new Person(user, LocalDate.ofInstant(engine.clock().instant(), zone));
            List<Part> parts = new ArrayList<>();
            for (HomeContribution c : contributions) {
                parts.addAll(c.parts(handle, person));
            }
            return parts;
        };
        HomePublisher publisher = new HomePublisher(
                engine.store(), engine.slack(), engine.clock(), zone, starts, renderer, settings.refresh());
        engine.onStop().accept(publisher);
        register(engine.interactions(), starts, publisher);
        changes.listen(publisher);
        publisher.start();
    }

    private static void register(Interactions interactions, List<Start> starts, HomePublisher publisher) {
        interactions.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            AppHomeOpenedEvent event = req.getEvent();
            if ("home".equals(event.getTab()) && event.getUser() != null) {
                publisher.opened(event.getUser());
            }
            return ctx.ack();
        });
        for (Start start : starts) {
            interactions.action(start.actionId(), click -> start.open().open(click.triggerId(), click.user()));
        }
        interactions.action(
                HomeView.SHOW_ALL,
                click -> click.open("home_all", () -> showAll(publisher.parts(click.user()), click.value())));
    }

    private static View showAll(List<Part> parts, String key) {
        Optional<Part> part = parts.stream().filter(p -> p.key().equals(key)).findFirst();
        return HomeView.all(part.orElse(new Part(
                key,
                "Nothing here now",
                List.of(HomeContribution.Item.of("These items have all been dealt with since your Home was drawn.")),
                1)));
    }
}
