package com.cebot.feedback;

import com.cebot.config.ConfigSection;
import com.cebot.customer.CustomerSuggestions;
import com.cebot.feature.CsvExport;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeChanges;
import com.cebot.home.HomeContribution;
import com.cebot.slack.StoredGroupMembers;
import com.cebot.slack.UserGroupMembers;
import com.cebot.slack.WorkspaceLookup;
import java.io.IOException;
import java.io.Writer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Product feedback: the handbook's product gaps, shared from Slack. Anyone shares a customer's need
 * with the "Share product feedback" shortcut (global, or on a message), finding the gap it belongs
 * to or making one; each gap has one card in #feedback, updated in place, with each share in its
 * thread, named or not as the person chose. The product team sets the seven statuses, merges
 * duplicates and links the Salesforce record, and everyone who shared to a gap hears once of each
 * change. Home lists one's feedback and, for the product team, the open gaps; a weekly digest ranks
 * the gaps by customers; {@code export --kind feedback} gives the rows.
 *
 * <p>Settings, in the {@code feedback} section: {@code product_team} (user IDs and user groups),
 * {@code categories}, {@code digest_day}, {@code digest_hour}.
 */
public final class FeedbackFeature implements Feature<FeedbackFeature.Settings>, CsvExport {

    /** What a new gap is filed under until the product team sorts it: always offered, first. */
    static final String NEUTRAL_CATEGORY = "Not categorised yet";
    /** A static select holds 100 options, the neutral one among them. */
    static final int MAX_CATEGORIES = 99;

    private static final int CATEGORY_TEXT = 75;
    /** How often the product team's user groups are read again; a refused member triggers it sooner. */
    private static final Duration TEAM_REFRESH = Duration.ofMinutes(5);

    private final HomeContribution.WhenStarted home = new HomeContribution.WhenStarted();
    private final HomeChanges homeChanges;

    /**
     * @param categories  the neutral category first, then the configured ones
     * @param teamMentions the product team as the workspace resolved it, once looked up
     */
    record Settings(
            List<String> productTeam,
            List<String> categories,
            DayOfWeek digestDay,
            int digestHour,
            List<String> teamMentions) {}

    /** @param homeChanges told whose Home each change concerns */
    public FeedbackFeature(HomeChanges homeChanges) {
        this.homeChanges = homeChanges;
    }

    /** Product feedback's part of Home: one's feedback, the open gaps for the product team, and its button. */
    public HomeContribution home() {
        return home;
    }

    @Override
    public Settings configure(ConfigSection root) {
        ConfigSection fb = root.section("feedback");
        List<String> productTeam = fb.usersOrGroups("product_team", "[\"@product-team\", U012ABCDEF]");
        return new Settings(
                productTeam,
                categories(fb),
                fb.day("digest_day", DayOfWeek.MONDAY),
                fb.integer("digest_hour", 9, 0, 23),
                List.of());
    }

    private static List<String> categories(ConfigSection fb) {
        List<String> categories = new ArrayList<>(List.of(NEUTRAL_CATEGORY));
        Set<String> seen = new HashSet<>(List.of(NEUTRAL_CATEGORY.toLowerCase(Locale.ROOT)));
        for (String category : fb.texts("categories", "[Integrations, Search, Administration]")) {
            if (category.isEmpty() || category.length() > CATEGORY_TEXT || category.contains("\n")) {
                fb.problem(fb.name("categories") + " has \"" + category + "\": each must be one line of 1 to "
                        + CATEGORY_TEXT + " characters.");
            } else if (!seen.add(category.toLowerCase(Locale.ROOT))) {
                fb.problem(fb.name("categories") + " has \"" + category + "\" twice.");
            } else {
                categories.add(category);
            }
        }
        if (categories.size() > MAX_CATEGORIES + 1) {
            fb.problem(fb.name("categories") + " has " + (categories.size() - 1) + " entries; Slack shows at most "
                    + MAX_CATEGORIES + ".");
            return List.copyOf(categories.subList(0, MAX_CATEGORIES + 1));
        }
        return List.copyOf(categories);
    }

    @Override
    public Settings check(Settings s, WorkspaceLookup lookup) {
        List<String> mentions = new ArrayList<>();
        for (String entry : s.productTeam()) {
            lookup.mention("feedback.product_team", entry).ifPresent(mentions::add);
        }
        if (s.productTeam().isEmpty()) {
            lookup.warn("feedback.product_team is empty: anyone can share product feedback, but nobody can set a"
                    + " gap's status, merge gaps or link the Salesforce record until it names the product team.");
        }
        return new Settings(s.productTeam(), s.categories(), s.digestDay(), s.digestHour(), List.copyOf(mentions));
    }

    @Override
    public void start(Settings s, Engine engine) {
        String channel = engine.workspace().feedback();
        var team = new ProductTeam(
                s.teamMentions(),
                UserGroupMembers.Reader.fromSlack(engine.slack()),
                new StoredGroupMembers(engine.store()),
                engine.clock());
        engine.onStop().accept(team);
        team.start(TEAM_REFRESH);
        team.watch(engine.groupChanges());
        var service = new FeedbackService(
                engine.store(), engine.outbox(), engine.permalinks(), team, channel, homeChanges, engine.clock());
        var listeners = new FeedbackListeners(
                service, team, new GapSuggestions(engine.store()), engine.interactions(), channel, s.categories());
        var share = listeners.register(service.forms(engine.inbox()), new CustomerSuggestions(engine.store()));
        var digest = new FeedbackDigest(
                engine.scheduler(),
                engine.outbox(),
                engine.permalinks(),
                channel,
                s.digestDay(),
                s.digestHour(),
                engine.team().schedule().timeZone());
        engine.store().useTransaction(h -> digest.start(h, engine.clock().instant()));
        home.started(HomeContribution.of(
                List.of(new HomeContribution.Start("Share product feedback", "home_start_feedback", share)),
                new FeedbackHome(engine.permalinks(), team)::parts));
    }

    @Override
    public StoredRecords records() {
        return StoredRecords.in(FeedbackRecords.class);
    }

    @Override
    public String exportKind() {
        return "feedback";
    }

    @Override
    public int writeCsv(Jdbi store, Instant since, Writer out) throws IOException {
        return FeedbackExport.write(store, since, out);
    }
}
