package com.cebot.sdrcollab;

import com.cebot.config.BotConfig;
import com.cebot.config.ConfigSection;
import com.cebot.customer.CustomerSuggestions;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.Interactions;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeChanges;
import com.cebot.home.HomeContribution;
import com.cebot.logging.SafeErrors;
import com.cebot.ooo.Absences;
import com.cebot.slack.Mention;
import com.cebot.slack.Notice;
import com.cebot.slack.StoredGroupMembers;
import com.cebot.slack.UserGroupMembers;
import com.cebot.slack.WorkspaceLookup;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @ce-sdr-collab} routing: SDR questions in #ce (a top-level message tagging the group, or
 * the "Ask the CE team" shortcut) each get one owner in fair rotation, skipping people who are away
 * (asked through {@link Absences}) or at their limit; the owner is nudged, the question passed on or
 * escalated when nobody responds; the group follows the roster's new CEs; a weekly digest sums it up.
 *
 * <p>Settings, in the {@code sdr_collab} section: {@code user_group}, {@code first_days},
 * {@code nudge_after_minutes}, {@code skip_if_leaving_within_days}, {@code max_open_per_person},
 * {@code questions_per_minute}, {@code escalate_to}, {@code digest_day}, {@code digest_hour}.
 */
public final class SdrFeature implements Feature<SdrFeature.Settings> {

    /** How often the group's members are read again; Slack's change events trigger it sooner. */
    private static final Duration MEMBERS_REFRESH = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(SdrFeature.class);

    private final Absences absences;
    private final HomeChanges homeChanges;
    private final HomeContribution.WhenStarted home = new HomeContribution.WhenStarted();

    /**
     * @param groupId         the group's ID, once looked up; empty when the workspace has no such group
     * @param escalateMention {@code escalateTo} as the workspace resolved it, once looked up
     */
    record Settings(
            String groupHandle,
            int firstDays,
            int nudgeMinutes,
            int leavingWithinDays,
            int maxOpen,
            int perMinute,
            Optional<String> escalateTo,
            DayOfWeek digestDay,
            int digestHour,
            Optional<String> groupId,
            Optional<String> escalateMention) {}

    /**
     * @param absences    who is out of office, to route questions past them
     * @param homeChanges told whose Home each change concerns
     */
    public SdrFeature(Absences absences, HomeChanges homeChanges) {
        this.absences = absences;
        this.homeChanges = homeChanges;
    }

    /** SDR routing's part of Home: the questions one holds or asked, and its button. */
    public HomeContribution home() {
        return home;
    }

    @Override
    public Settings configure(ConfigSection root) {
        ConfigSection sdr = root.section("sdr_collab");
        String group = sdr.text("user_group", "ce-sdr-collab");
        return new Settings(
                group.startsWith("@") ? group.substring(1) : group,
                sdr.integer("first_days", 120, 1, 3650),
                sdr.integer("nudge_after_minutes", 60, 1, 10_080),
                sdr.integer("skip_if_leaving_within_days", 2, 0, 30),
                sdr.integer("max_open_per_person", 3, 1, 100),
                sdr.integer("questions_per_minute", 5, 1, 1000),
                sdr.userOrGroup("escalate_to"),
                sdr.day("digest_day", DayOfWeek.MONDAY),
                sdr.integer("digest_hour", 9, 0, 23),
                Optional.empty(),
                Optional.empty());
    }

    @Override
    public Settings check(Settings s, WorkspaceLookup lookup) {
        Optional<String> groupId =
                lookup.userGroup("sdr_collab.user_group", s.groupHandle(), "SDR routing waits for it");
        Optional<String> escalateMention = s.escalateTo().flatMap(e -> lookup.mention("sdr_collab.escalate_to", e));
        if (s.escalateTo().isEmpty()) {
            lookup.warn("sdr_collab.escalate_to is not set: escalations tag the roster's managers, or nobody when the"
                    + " roster names none; set it to the CE manager (U…) or a group (@handle).");
        }
        return new Settings(
                s.groupHandle(),
                s.firstDays(),
                s.nudgeMinutes(),
                s.leavingWithinDays(),
                s.maxOpen(),
                s.perMinute(),
                s.escalateTo(),
                s.digestDay(),
                s.digestHour(),
                groupId,
                escalateMention);
    }

    @Override
    public List<String> preview(Settings s, BotConfig team, MethodsClient slack, Clock now) {
        if (s.groupId().isEmpty()) {
            return List.of("@" + s.groupHandle() + " does not exist, so it cannot follow the roster.");
        }
        if (team.roster().isEmpty()) {
            return List.of(GroupPlan.describe(new GroupPlan.ByHand(), s.groupHandle(), s.firstDays()));
        }
        try {
            Set<String> current =
                    UserGroupMembers.Reader.fromSlack(slack).of(s.groupId().get());
            GroupPlan plan = GroupPlan.of(
                    team.roster(),
                    now.instant().atZone(team.schedule().timeZone()).toLocalDate(),
                    s.firstDays(),
                    current);
            return List.of(GroupPlan.describe(plan, s.groupHandle(), s.firstDays()));
        } catch (Exception e) {
            return List.of("cannot read the members of @" + s.groupHandle() + " (" + SafeErrors.describe(e)
                    + "), so the change the roster asks for is unknown.");
        }
    }

    @Override
    public void start(Settings s, Engine engine) {
        if (s.groupId().isEmpty()) {
            log.warn(
                    "SDR routing is off: there is no user group @{}; the shortcut explains how to ask",
                    s.groupHandle());
            Interactions in = engine.interactions();
            Interactions.Opener open = (trigger, user) -> in.open(
                    SdrListeners.CALLBACK_ID,
                    trigger,
                    () -> howToAsk(engine.workspace().ce(), s));
            in.shortcut(SdrListeners.CALLBACK_ID, open);
            Set<String> rosterCes = engine.team().roster().stream()
                    .map(BotConfig.RosterEntry::user)
                    .collect(Collectors.toSet());
            home.started(HomeContribution.of(
                    List.of(start(open, user -> !rosterCes.contains(user))), (handle, person) -> List.of()));
            return;
        }
        String groupId = s.groupId().get();
        Clock clock = engine.clock();
        var members = new UserGroupMembers(
                groupId,
                "SDR question group",
                UserGroupMembers.Reader.fromSlack(engine.slack()),
                new StoredGroupMembers(engine.store()),
                clock);
        engine.onStop().accept(members);
        members.start(MEMBERS_REFRESH);
        engine.groupChanges().watch(members);

        Set<String> rosterCes =
                engine.team().roster().stream().map(BotConfig.RosterEntry::user).collect(Collectors.toSet());
        String escalation = escalation(s, engine.team());
        Set<String> escalateUsers = Set.copyOf(Mention.users(escalation));
        Routing routing = new Routing(
                engine.workspace().ce(),
                "<!subteam^" + groupId + ">",
                escalation,
                escalateUsers,
                s.leavingWithinDays(),
                s.maxOpen(),
                s.perMinute(),
                Duration.ofMinutes(s.nudgeMinutes()),
                engine.team().schedule().timeZone(),
                s.groupHandle(),
                escalateName(s, escalation));
        Nudges nudges = new Nudges(engine.scheduler(), engine.workingHours(), routing, engine.outbox());
        var threads = new OpenThreads();
        var questions = new QuestionService(
                engine.store(),
                engine.outbox(),
                engine.permalinks(),
                absences,
                members,
                rosterCes,
                routing,
                nudges,
                threads,
                homeChanges,
                clock);
        nudges.start(questions);
        threads.load(engine.store().withExtension(QuestionRepository.class, QuestionRepository::waiting));

        var listeners = new SdrListeners(
                questions,
                threads,
                engine.inbox(),
                engine.outbox(),
                engine.interactions(),
                engine.workspace().ce(),
                groupId,
                s.groupHandle(),
                s.perMinute(),
                clock);
        listeners.register(new CustomerSuggestions(engine.store()));
        engine.messages().subscribe(listeners::message);

        var sync = new GroupSync(
                engine.team().roster(),
                s.firstDays(),
                s.groupHandle(),
                members,
                engine.slack(),
                engine.store(),
                engine.outbox(),
                engine.workspace().ceInternal(),
                routing.zone(),
                clock);
        engine.onStop().accept(sync);
        sync.start(engine.scheduler(), engine.workingHours());
        var digest = new WeeklyDigest(
                engine.scheduler(),
                engine.outbox(),
                engine.permalinks(),
                engine.workspace().ceInternal(),
                s.digestDay(),
                s.digestHour(),
                routing.zone());
        engine.store().useTransaction(h -> digest.start(h, clock.instant()));
        home.started(HomeContribution.of(
                List.of(start(listeners::openAsk, user -> !questions.isCe(user))),
                new SdrHome(engine.permalinks())::parts));
    }

    /** Offered to the people outside the CE team, who are the ones asking it. */
    private static HomeContribution.Start start(Interactions.Opener open, Predicate<String> outsideTheTeam) {
        return new HomeContribution.Start("Ask the CE team a question", "home_start_sdr", open, outsideTheTeam);
    }

    /**
     * Whom escalations tag, as a button can say it without a mention: a group by its handle, the
     * person the settings name (set to the CE manager, as {@code check} advises) or the roster's
     * managers by their role; empty when nobody is tagged.
     */
    static String escalateName(Settings s, String escalation) {
        String configured = s.escalateTo().orElse("");
        if (escalation.isEmpty()) {
            return "";
        }
        if (configured.matches("S[A-Z0-9]{2,}")) {
            return "the escalation group";
        }
        if (!configured.isEmpty() && !ConfigSection.isUserId(configured)) {
            return configured.startsWith("@") ? configured : "@" + configured;
        }
        return Mention.users(escalation).size() > 1 ? "the CE managers" : "the CE manager";
    }

    /** The configured person or group, else the roster's managers, else nobody (said at check). */
    private static String escalation(Settings s, BotConfig team) {
        return s.escalateMention()
                .orElseGet(() -> team.roster().stream()
                        .map(BotConfig.RosterEntry::manager)
                        .filter(Objects::nonNull)
                        .distinct()
                        .sorted()
                        .map(m -> "<@" + m + ">")
                        .collect(Collectors.joining(" ")));
    }

    @Override
    public StoredRecords records() {
        return StoredRecords.in(SdrRecords.class);
    }

    static View howToAsk(String ceChannelId, Settings s) {
        return Notice.modal(
                SdrListeners.CALLBACK_ID,
                "Ask the CE team",
                "Post your question in <#" + ceChannelId + "> and tag @" + s.groupHandle() + ": CEs in their first "
                        + s.firstDays() + " days answer there.");
    }
}
