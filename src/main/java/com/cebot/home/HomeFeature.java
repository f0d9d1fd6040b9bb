package com.cebot.home;

import com.cebot.config.ConfigSection;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Person;
import com.cebot.home.HomeContribution.Start;
import com.cebot.slack.ModalOpener;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * CE Bot's Home tab: each person's open items from every workflow, what waits on them, who is
 * out, and buttons that start each workflow. Drawn when the person opens it, and drawn again every
 * {@code home.refresh_seconds} for everyone who opened it in the last 30 days; published only when
 * it changed, so a change anywhere shows within that time without any workflow having to say so.
 */
public final class HomeFeature implements Feature, StoredRecords {

    private final List<HomeContribution> contributions;
    private Duration refresh;

    /** @param contributions the workflows, in the order their parts appear */
    public HomeFeature(List<HomeContribution> contributions) {
        this.contributions = List.copyOf(contributions);
    }

    @Override
    public void configure(ConfigSection root) {
        refresh = Duration.ofSeconds(root.section("home").integer("refresh_seconds", 10, 1, 600));
    }

    /** Who opened Home is kept while they use it; only {@code forget} removes it. */
    @Override
    public List<Count> forget(Handle handle, String person) {
        return List.of(new Count("Home: their Home tab, no longer kept up to date",
                handle.attach(HomeUsers.class).forget(person)));
    }

    @Override
    public void start(Engine engine) {
        ZoneId zone = engine.team().schedule().timeZone();
        List<Start> starts = contributions.stream().flatMap(c -> c.starts().stream()).toList();
        HomeRenderer renderer = (handle, user) -> {
            Person person = new Person(user, LocalDate.ofInstant(engine.clock().instant(), zone));
            List<Part> parts = new ArrayList<>();
            for (HomeContribution c : contributions) {
                parts.addAll(c.parts(handle, person));
            }
            return parts;
        };
        HomePublisher publisher = new HomePublisher(engine.store(), engine.slack(), engine.clock(), starts, renderer,
                refresh);
        engine.onStop().accept(publisher);
        register(engine.app(), engine.modals(), starts, publisher);
        publisher.start();
    }

    private static void register(App app, ModalOpener modals, List<Start> starts, HomePublisher publisher) {
        app.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            AppHomeOpenedEvent event = req.getEvent();
            if ("home".equals(event.getTab()) && event.getUser() != null) {
                publisher.opened(event.getUser());
            }
            return ctx.ack();
        });
        for (Start start : starts) {
            app.blockAction(start.actionId(), (req, ctx) -> {
                start.open().open(req.getPayload().getTriggerId(), ctx.getRequestUserId());
                return ctx.ack();
            });
        }
        app.blockAction(HomeView.SHOW_ALL, (req, ctx) -> {
            String key = req.getPayload().getActions().get(0).getValue();
            String user = ctx.getRequestUserId();
            modals.open("home_all", req.getPayload().getTriggerId(), () -> showAll(publisher.parts(user), key));
            return ctx.ack();
        });
    }

    private static View showAll(List<Part> parts, String key) {
        Optional<Part> part = parts.stream().filter(p -> p.key().equals(key)).findFirst();
        return HomeView.all(part.orElse(new Part(key, "Nothing here now", List.of(
                HomeContribution.Item.of("These items have all been dealt with since your Home was drawn.")), 1)));
    }
}
