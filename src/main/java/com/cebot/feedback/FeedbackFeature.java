package com.cebot.feedback;

import com.cebot.config.ConfigSection;
import com.cebot.feature.CsvExport;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeContribution;
import com.cebot.slack.ModalOpener;
import com.cebot.slack.StoredGroupMembers;
import com.cebot.slack.UserGroupMembers;
import com.cebot.slack.WorkspaceLookup;
import com.cebot.supportticket.CustomerSuggestions;
import java.io.IOException;
import java.io.Writer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Handle;
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
public final class FeedbackFeature implements Feature, HomeContribution, CsvExport, StoredRecords {

    /** What a new gap is filed under until the product team sorts it: always offered, first. */
    static final String NEUTRAL_CATEGORY = "Not categorised yet";
    /** A static select holds 100 options, the neutral one among them. */
    static final int MAX_CATEGORIES = 99;
    private static final int CATEGORY_TEXT = 75;
    /** How often the product team's user groups are read again; a refused member triggers it sooner. */
    private static final Duration TEAM_REFRESH = Duration.ofMinutes(5);

    private List<String> productTeam;
    private List<String> categories;
    private DayOfWeek digestDay;
    private int digestHour;
    private List<String> teamMentions;

    private ModalOpener modals;
    private String channel;
    private FeedbackHome home;

    @Override
    public void configure(ConfigSection root) {
        ConfigSection fb = root.section("feedback");
        productTeam = new ArrayList<>();
        for (String entry : fb.texts("product_team", "[\"@product-team\", U012ABCDEF]")) {
            if (entry.matches("[UW][A-Z0-9]{2,}|S[A-Z0-9]{2,}|@?[a-z0-9][a-z0-9._-]*")) {
                productTeam.add(entry);
            } else {
                fb.problem(fb.name("product_team") + " has \"" + entry + "\", which is neither a user ID (U…) nor a"
                        + " user group (@handle or S…).");
            }
        }
        categories = new ArrayList<>(List.of(NEUTRAL_CATEGORY));
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
            categories = categories.subList(0, MAX_CATEGORIES + 1);
        }
        String day = fb.text("digest_day", "MONDAY");
        try {
            digestDay = DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fb.problem(fb.name("digest_day") + " \"" + day + "\" is not a day of the week (MONDAY … SUNDAY).");
            digestDay = DayOfWeek.MONDAY;
        }
        digestHour = fb.integer("digest_hour", 9, 0, 23);
    }

    @Override
    public void check(WorkspaceLookup lookup) {
        teamMentions = new ArrayList<>();
        for (String entry : productTeam) {
            lookup.mention("feedback.product_team", entry).ifPresent(teamMentions::add);
        }
        if (productTeam.isEmpty()) {
            lookup.warn("feedback.product_team is empty: anyone can share product feedback, but nobody can set a"
                    + " gap's status, merge gaps or link the Salesforce record until it names the product team.");
        }
    }

    @Override
    public void start(Engine engine) {
        if (teamMentions == null) {
            throw new IllegalStateException("feedback.product_team was not looked up before start");
        }
        channel = engine.workspace().feedback();
        modals = engine.modals();
        var team = new ProductTeam(teamMentions, UserGroupMembers.Reader.fromSlack(engine.slack()),
                new StoredGroupMembers(engine.store()), engine.clock());
        engine.onStop().accept(team);
        team.start(TEAM_REFRESH);
        home = new FeedbackHome(engine.permalinks(), team);
        var service = new FeedbackService(engine.store(), engine.inbox(), engine.outbox(), engine.permalinks(), team,
                channel, engine.clock());
        new FeedbackListeners(service, team, new CustomerSuggestions(engine.store()), new GapSuggestions(engine.store()),
                modals, engine.slack(), channel, categories).register(engine.app());
        var digest = new FeedbackDigest(engine.scheduler(), engine.outbox(), engine.permalinks(), channel, digestDay,
                digestHour, engine.team().schedule().timeZone());
        engine.store().useTransaction(h -> digest.start(h, engine.clock().instant()));
    }

    @Override
    public List<Start> starts() {
        return List.of(new Start("Share product feedback", "home_start_feedback", (triggerId, userId) -> modals.open(
                ShareModal.CALLBACK_ID, triggerId,
                () -> ShareModal.build(channel, categories, ShareModal.Prefill.NONE, false))));
    }

    @Override
    public List<Part> parts(Handle handle, Person person) {
        return home.parts(handle, person);
    }

    @Override
    public Set<String> writesWithWordsOf(Handle handle, String person) {
        return handle.attach(FeedbackRecords.class).writesWithWordsOf(person);
    }

    @Override
    public List<Count> forget(Handle handle, String person) {
        return handle.attach(FeedbackRecords.class).forget(person);
    }

    @Override
    public List<Count> purge(Handle handle, Instant before, int limit) {
        return handle.attach(FeedbackRecords.class).purge(before, limit);
    }

    @Override
    public Set<String> anchorsInUse(Handle handle, Collection<String> keys) {
        return handle.attach(FeedbackRecords.class).cardKeys(keys);
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
