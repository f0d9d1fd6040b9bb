package com.cebot.sdrcollab;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.config.BotConfig;
import com.cebot.config.ConfigSection;
import com.cebot.db.Deadline;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeContribution;
import com.cebot.inbox.DraftJson;
import com.cebot.inbox.Inbox;
import com.cebot.inbox.InboxHandler;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.ooo.Absences;
import com.cebot.outbox.DeliveryHook;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.slack.BlockJson;
import com.cebot.slack.ChannelMessages;
import com.cebot.slack.ModalOpener;
import com.cebot.slack.StoredGroupMembers;
import com.cebot.slack.UnhandledInteractions;
import com.cebot.slack.UserGroupMembers;
import com.cebot.slack.WorkspaceLookup;
import com.cebot.supportticket.CustomerSuggestions;
import com.cebot.supportticket.Customers;
import com.cebot.work.WorkItem;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @ce-sdr-collab} routing: SDR questions in #ce (a top-level message tagging the group, or
 * the "Ask the CE team" shortcut) each get one owner in fair rotation, skipping people who are away
 * (asked through {@link Absences}) or at their limit; the owner is nudged, the question passed on or
 * escalated when nobody responds; the group follows the roster's new CEs; a weekly digest sums it up.
 *
 * <p>The message listener runs before the ack and stays cheap: a message elsewhere, untagged, or a
 * reply outside a waiting question's thread costs no query; a question or a CE's first reply is one
 * insert in the inbox, and everything else happens after the ack.
 *
 * <p>Settings, in the {@code sdr_collab} section: {@code user_group}, {@code first_days},
 * {@code nudge_after_minutes}, {@code skip_if_leaving_within_days}, {@code max_open_per_person},
 * {@code questions_per_minute}, {@code escalate_to}, {@code digest_day}, {@code digest_hour}.
 */
public final class SdrFeature implements Feature, HomeContribution, StoredRecords {

    static final String CALLBACK_ID = AskModal.CALLBACK_ID;
    static final String QUESTION_KIND = "sdr.question";
    static final String REPLY_KIND = "sdr.reply";
    static final String ASK_KIND = "sdr.ask";
    static final String ASKED_TOPIC = "sdr.asked";
    /** How often the group's members are read again; Slack's change events trigger it sooner. */
    private static final Duration MEMBERS_REFRESH = Duration.ofMinutes(5);
    private static final Pattern USER_MENTION = Pattern.compile("<@([UW][A-Z0-9]+)>");
    private static final Logger log = LoggerFactory.getLogger(SdrFeature.class);

    private final Absences absences;
    private String groupHandle;
    private int firstDays;
    private int nudgeMinutes;
    private int leavingWithinDays;
    private int maxOpen;
    private int perMinute;
    private String escalateTo;
    private DayOfWeek digestDay;
    private int digestHour;

    private String groupId;
    private String escalateMention;

    private Engine engine;
    private Clock clock;
    private UserGroupMembers members;
    private QuestionService questions;
    private OpenThreads threads;
    private SubmittedForms<AskDraft> forms;
    private CustomerSuggestions accounts;
    private ModalOpener modals;
    private SdrHome home;

    /** @param absences who is out of office, to route questions past them */
    public SdrFeature(Absences absences) {
        this.absences = absences;
    }

    /** Incoming message as stored in the inbox before the ack. */
    record Seen(String channel, String ts, String thread, String user, Instant at) {}

    @Override
    public void configure(ConfigSection root) {
        ConfigSection sdr = root.section("sdr_collab");
        String group = sdr.text("user_group", "ce-sdr-collab");
        groupHandle = group.startsWith("@") ? group.substring(1) : group;
        firstDays = sdr.integer("first_days", 120, 1, 3650);
        nudgeMinutes = sdr.integer("nudge_after_minutes", 60, 1, 10_080);
        leavingWithinDays = sdr.integer("skip_if_leaving_within_days", 2, 0, 30);
        maxOpen = sdr.integer("max_open_per_person", 3, 1, 100);
        perMinute = sdr.integer("questions_per_minute", 5, 1, 1000);
        escalateTo = sdr.text("escalate_to").orElse(null);
        if (escalateTo != null && !escalateTo.matches("[UW][A-Z0-9]{2,}|S[A-Z0-9]{2,}|@?[a-z0-9][a-z0-9._-]*")) {
            sdr.problem(sdr.name("escalate_to") + " \"" + escalateTo + "\" is neither a user ID (U…) nor a user group"
                    + " (@handle or S…).");
        }
        String day = sdr.text("digest_day", "MONDAY");
        try {
            digestDay = DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            sdr.problem(sdr.name("digest_day") + " \"" + day + "\" is not a day of the week (MONDAY … SUNDAY).");
            digestDay = DayOfWeek.MONDAY;
        }
        digestHour = sdr.integer("digest_hour", 9, 0, 23);
    }

    @Override
    public void check(WorkspaceLookup lookup) {
        groupId = lookup.userGroup("sdr_collab.user_group", groupHandle, "SDR routing waits for it").orElse(null);
        escalateMention = escalateTo == null ? null : lookup.mention("sdr_collab.escalate_to", escalateTo).orElse(null);
        if (escalateTo == null) {
            lookup.warn("sdr_collab.escalate_to is not set: escalations tag the roster's managers, or nobody when the"
                    + " roster names none; set it to the CE manager (U…) or a group (@handle).");
        }
    }

    @Override
    public List<String> preview(BotConfig team, MethodsClient slack, Clock now) {
        if (groupId == null) {
            return List.of("@" + groupHandle + " does not exist, so it cannot follow the roster.");
        }
        if (team.roster().isEmpty()) {
            return List.of(GroupPlan.describe(new GroupPlan.ByHand(), groupHandle, firstDays));
        }
        try {
            Set<String> current = UserGroupMembers.Reader.fromSlack(slack).of(groupId);
            GroupPlan plan = GroupPlan.of(team.roster(), now.instant().atZone(team.schedule().timeZone()).toLocalDate(),
                    firstDays, current);
            return List.of(GroupPlan.describe(plan, groupHandle, firstDays));
        } catch (Exception e) {
            return List.of("cannot read the members of @" + groupHandle + " (" + SafeErrors.describe(e)
                    + "), so the change the roster asks for is unknown.");
        }
    }

    @Override
    public void start(Engine engine) {
        this.engine = engine;
        this.clock = engine.clock();
        this.modals = engine.modals();
        this.home = new SdrHome(engine.permalinks());
        if (groupId == null) {
            log.warn("SDR routing is off: there is no user group @{}; the shortcut explains how to ask", groupHandle);
            String ce = engine.workspace().ce();
            engine.app().globalShortcut(CALLBACK_ID, (req, ctx) -> {
                modals.open(CALLBACK_ID, req.getPayload().getTriggerId(), () -> howToAsk(ce));
                return ctx.ack();
            });
            return;
        }
        members = new UserGroupMembers(groupId, "SDR question group", UserGroupMembers.Reader.fromSlack(engine.slack()),
                new StoredGroupMembers(engine.store()), clock);
        engine.onStop().accept(members);
        members.start(MEMBERS_REFRESH);
        engine.groupChanges().watch(members);

        Set<String> rosterCes = engine.team().roster().stream().map(BotConfig.RosterEntry::user)
                .collect(Collectors.toSet());
        String escalation = escalation(engine.team());
        Set<String> escalateUsers = USER_MENTION.matcher(escalation).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
        Routing routing = new Routing(engine.workspace().ce(), "<!subteam^" + groupId + ">", escalation,
                escalateUsers, leavingWithinDays, maxOpen, perMinute, Duration.ofMinutes(nudgeMinutes),
                engine.team().schedule().timeZone());
        Nudges nudges = new Nudges(engine.scheduler(), engine.workingHours(), routing, engine.outbox());
        threads = new OpenThreads();
        questions = new QuestionService(engine.store(), engine.outbox(), engine.permalinks(), absences, members,
                rosterCes, routing, nudges, threads, clock);
        nudges.start(questions);
        threads.load(engine.store().withExtension(QuestionRepository.class, QuestionRepository::waiting));
        accounts = new CustomerSuggestions(engine.store());

        Inbox inbox = engine.inbox();
        inbox.register(QUESTION_KIND, logged((h, seen) -> questions.asked(h, seen.channel(), seen.ts(), seen.user(),
                seen.at())));
        inbox.register(REPLY_KIND, logged((h, seen) -> questions.replied(h, seen.channel(), seen.thread(),
                seen.user(), seen.at())));
        forms = new SubmittedForms<>(inbox, ASK_KIND, AskDraft.class, this::asked, engine.outbox(),
                "I couldn't post your question in #ce after you sent it. Please ask again, or post it in #ce"
                        + " tagging @" + groupHandle + ".");
        engine.outbox().register(ASKED_TOPIC, new DeliveryHook() {
            @Override
            public void delivered(Handle h, String ref, Delivered post) {
                questions.posted(h, Long.parseLong(ref), post.ts());
            }

            @Override
            public void failed(Handle h, String ref, String error) {
                Question q = h.attach(QuestionRepository.class).byId(Long.parseLong(ref)).orElseThrow();
                engine.outbox().enqueue(h, OutboxMessage.of(q.questionKey() + ":refused", new SlackWrite.Post(
                        q.asker(), "Slack would not let me post your question in <#" + q.channel() + "> ("
                        + error + "). Please post it there yourself, tagging @" + groupHandle + ".", null)));
            }
        });
        engine.messages().subscribe(this::message);
        register(engine.app());

        var sync = new GroupSync(engine.team().roster(), firstDays, groupHandle, members, engine.slack(),
                engine.store(), engine.outbox(), engine.workspace().ceInternal(), routing.zone(), clock);
        engine.onStop().accept(sync);
        sync.start(engine.scheduler(), engine.workingHours());
        var digest = new WeeklyDigest(engine.scheduler(), engine.outbox(), engine.permalinks(),
                engine.workspace().ceInternal(), digestDay, digestHour, routing.zone());
        engine.store().useTransaction(h -> digest.start(h, clock.instant()));
    }

    /** The configured person or group, else the roster's managers, else nobody (said at check). */
    private String escalation(BotConfig team) {
        if (escalateMention != null) {
            return escalateMention;
        }
        return team.roster().stream().map(BotConfig.RosterEntry::manager).filter(m -> m != null).distinct().sorted()
                .map(m -> "<@" + m + ">").collect(Collectors.joining(" "));
    }

    @Override
    public List<Start> starts() {
        return List.of(new Start("Ask the CE team", "home_start_sdr", (triggerId, userId) -> modals.open(CALLBACK_ID,
                triggerId, () -> groupId == null ? howToAsk(engine.workspace().ce())
                        : AskModal.build(engine.workspace().ce(), groupHandle))));
    }

    @Override
    public List<Part> parts(Handle handle, Person person) {
        return groupId == null ? List.of() : home.parts(handle, person);
    }

    @Override
    public List<Count> forget(Handle handle, String person) {
        return handle.attach(SdrRecords.class).forget(person);
    }

    @Override
    public List<Count> purge(Handle handle, Instant before, int limit) {
        return handle.attach(SdrRecords.class).purge(before, limit);
    }

    @Override
    public Set<String> anchorsInUse(Handle handle, Collection<String> keys) {
        return handle.attach(SdrRecords.class).threadKeys(keys);
    }

    private void register(App app) {
        app.globalShortcut(CALLBACK_ID, (req, ctx) -> {
            modals.open(CALLBACK_ID, req.getPayload().getTriggerId(),
                    () -> AskModal.build(engine.workspace().ce(), groupHandle));
            return ctx.ack();
        });
        app.blockSuggestion(AskModal.ACCOUNT_SELECT,
                (req, ctx) -> ctx.ack(r -> r.options(accounts.options(req.getPayload().getValue()))));
        app.viewSubmission(CALLBACK_ID, this::submitted);
        for (Press press : Press.values()) {
            app.blockAction(press.actionId, this::pressed);
        }
    }

    /**
     * A new message in a channel the bot is in, before the ack. Only #ce matters: a top-level
     * message tagging the group is a question; a reply in a waiting question's thread by someone
     * other than the asker may be its first response.
     */
    void message(ChannelMessages.Message m) {
        if (!engine.workspace().ce().equals(m.channel())) {
            return;
        }
        String kind;
        if (m.topLevel()) {
            if (!m.groups().contains(groupId)) {
                return;
            }
            kind = QUESTION_KIND;
            threads.add(m.ts(), m.user());
        } else {
            String asker = threads.asker(m.threadTs());
            if (asker == null || asker.equals(m.user()) || !questions.isCe(m.user())) {
                return;
            }
            kind = REPLY_KIND;
        }
        String payload = DraftJson.write(new Seen(m.channel(), m.ts(), m.thread(), m.user(), clock.instant()));
        Deadline.within(Deadline.BEFORE_ACK, () -> engine.inbox().accept(kind + ":" + m.channel() + ":" + m.ts(), kind,
                m.user(), payload));
    }

    private Object asked(Handle h, AskDraft draft, String viewId, String user) {
        String account = draft.account().map(a -> CustomerSuggestions.resolve(
                h.attach(Customers.class), a, clock.instant()).name()).orElse(null);
        String group = "<!subteam^" + groupId + ">";
        long id = questions.askedThroughShortcut(h, viewId, user, draft.urgency(), AskText.text(user, draft, group),
                BlockJson.of(AskText.blocks(user, draft, account, group)), "sdr-ask:" + viewId);
        return "question " + id;
    }

    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        AskForm.Checked checked = AskForm.check(view);
        if (checked instanceof AskForm.Checked.Invalid invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        AskDraft draft = ((AskForm.Checked.Valid) checked).draft();
        if (!mayAsk(ctx.getRequestUserId())) {
            return ctx.ackWithErrors(Map.of(AskModal.QUESTION, QuestionService.tooMany(perMinute)
                    .replace("I didn't pass this question to anyone", "Not sent")));
        }
        SubmittedForms.Accepted accepted = forms.accept(draft, view.getId(), ctx.getRequestUserId());
        if (accepted instanceof SubmittedForms.Accepted.NotStored) {
            return ctx.ackWithErrors(Map.of(AskModal.QUESTION, SubmittedForms.NOT_STORED));
        }
        return ctx.ack();
    }

    /** A store too busy to say lets the question through: the limit guards against floods, not single asks. */
    private boolean mayAsk(String user) {
        try {
            return Deadline.within(Deadline.BEFORE_ACK, () -> questions.mayAsk(user));
        } catch (RuntimeException e) {
            log.warn("could not count {}'s recent questions; the question goes through: {}", user,
                    SafeErrors.describe(e));
            return true;
        }
    }

    private Response pressed(BlockActionRequest req, ActionContext ctx) {
        var action = req.getPayload().getActions().get(0);
        String user = ctx.getRequestUserId();
        Press press = Press.ofActionId(action.getActionId());
        OptionalLong id = UnhandledInteractions.pressedRecord(modals, ctx, action.getActionId(), action.getValue());
        if (id.isEmpty()) {
            return ctx.ack();
        }
        QuestionService.Pressed result;
        try {
            result = Deadline.within(Deadline.BEFORE_ACK, () -> questions.press(id.getAsLong(), press, user,
                    "action:" + action.getActionTs() + ":" + user));
        } catch (RuntimeException e) {
            log.error("{} on SDR question {} by {} not recorded: {}", press, action.getValue(), user,
                    SafeErrors.describe(e));
            modals.tellPrivately(ctx, SubmittedForms.NOT_RECORDED);
            return ctx.ack();
        }
        if (result instanceof QuestionService.Pressed.Missing) {
            modals.tellPrivately(ctx, UnhandledInteractions.STALE_BUTTON);
        } else if (result instanceof QuestionService.Pressed.Refused r) {
            modals.tellPrivately(ctx, r.why());
        } else if (result instanceof QuestionService.Pressed.Stale s) {
            modals.tellPrivately(ctx, s.why());
        }
        log.info("{} on SDR question {} by {}: {}", press, action.getValue(), user, result.getClass().getSimpleName());
        return ctx.ack();
    }

    /** Inbox work whose outcome is logged by kind; what people typed never is. */
    private static InboxHandler logged(SeenHandler handler) {
        return new InboxHandler() {
            @Override
            public void process(Handle h, WorkItem item) {
                handler.handle(h, DraftJson.read(item.payload(), Seen.class));
            }

            @Override
            public void failed(Handle h, WorkItem item, String error) {
                log.error("{} {} could not be handled: {}", item.kind(), item.key(), error);
            }
        };
    }

    @FunctionalInterface
    private interface SeenHandler {
        void handle(Handle h, Seen seen);
    }

    View howToAsk(String ceChannelId) {
        return view(v -> v.type("modal").callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Ask the CE team")))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(asBlocks(section(s -> s.text(markdownText("Post your question in <#" + ceChannelId
                        + "> and tag @" + groupHandle + ": CEs in their first " + firstDays + " days answer there."))))));
    }
}
