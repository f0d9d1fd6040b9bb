package com.cebot.supportticket.context;

import com.cebot.config.ConfigSection;
import com.cebot.customer.CustomerSuggestions;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.feature.Interactions;
import com.cebot.feature.StoredRecords;
import com.cebot.home.HomeChanges;
import com.cebot.home.HomeContribution;
import com.cebot.slack.Mention;
import com.cebot.slack.StoredGroupMembers;
import com.cebot.slack.UnhandledInteractions;
import com.cebot.slack.UserGroupMembers;
import com.cebot.slack.WorkspaceLookup;
import com.cebot.supportticket.ContextCards;
import com.cebot.supportticket.ExportRow;
import com.cebot.supportticket.TicketExport;
import com.cebot.supportticket.TicketLinkParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The "Support Ticket Context" workflow. Its listeners parse, check, store and ack; views.open and
 * every post happen after the ack, through the modal opener and the outbox.
 *
 * <p>Settings: ticket numbers use {@code zendesk.subdomain}; {@code support.takers} (a user group,
 * {@code @handle} or {@code S…}) limits "I'll take it" to its members, and anyone may take a card
 * when it is unset.
 */
public final class ContextFeature implements Feature<ContextFeature.Settings>, TicketExport, ContextCards {

    /** How often the takers' group is read again; a change event or a refused member triggers it sooner. */
    private static final Duration TAKERS_REFRESH = Duration.ofMinutes(5);

    private final HomeContribution.WhenStarted home = new HomeContribution.WhenStarted();
    private final HomeChanges homeChanges;

    /**
     * @param takers        {@code support.takers} as set; empty: anyone may take a card
     * @param takersMention the group as the workspace resolved it, once looked up
     */
    record Settings(TicketLinkParser links, Optional<String> takers, Optional<String> takersMention) {}

    /** @param homeChanges told whose Home each change concerns */
    public ContextFeature(HomeChanges homeChanges) {
        this.homeChanges = homeChanges;
    }

    /** The workflow's part of Home: what one shared and took, and its button. */
    public HomeContribution home() {
        return home;
    }

    @Override
    public Settings configure(ConfigSection root) {
        ConfigSection support = root.section("support");
        Optional<String> takers = support.text("takers");
        if (takers.isPresent() && !ConfigSection.isUserGroup(takers.get())) {
            support.problem(support.name("takers") + " \"" + takers.get() + "\" is not a user group: name the group"
                    + " that takes support tickets (@handle or S…), or leave it out to let anyone take them.");
            takers = Optional.empty();
        }
        return new Settings(TicketLinkParser.configured(root), takers, Optional.empty());
    }

    @Override
    public Settings check(Settings settings, WorkspaceLookup lookup) {
        // Both ticket forms read the same setting; the context feature says it once for both.
        if (!settings.links().knowsZendesk()) {
            lookup.warn("zendesk.subdomain is not set: both ticket forms refuse ticket numbers such as \"ZD 1234\""
                    + " and keep Zendesk links as plain links; set it to the \"acme\" of acme.zendesk.com.");
        }
        return new Settings(
                settings.links(),
                settings.takers(),
                settings.takers().flatMap(t -> lookup.mention("support.takers", t)));
    }

    @Override
    public void start(Settings settings, Engine engine) {
        String channel = engine.workspace().customerSupport();
        Takers takers = takers(settings, engine);
        engine.onStop().accept(takers);
        takers.start(TAKERS_REFRESH, engine.groupChanges());
        ContextService service = new ContextService(
                engine.store(), engine.outbox(), engine.permalinks(), channel, takers, homeChanges, engine.clock());

        Interactions in = engine.interactions();
        Interactions.Opener open = in.shortcuts(
                ContextModal.CALLBACK_ID,
                ContextModal.MESSAGE_CALLBACK_ID,
                message -> ContextModal.build(channel, message));
        in.suggestions(ContextModal.CUSTOMER_SELECT, new CustomerSuggestions(engine.store())::options);
        in.submission(
                ContextModal.CALLBACK_ID,
                (view, user) -> ContextForm.check(view, settings.links()),
                service.forms(engine.inbox()),
                ContextModal.BACKGROUND);
        in.press(
                ContextCard.CLAIM,
                "context card",
                (id, click) -> service.claim(id, click.user(), click.channelOr(channel), click.actionTs()),
                (claim, click) -> {
                    if (claim instanceof ContextService.Claim.NoSuchCard) {
                        click.tellPrivately(UnhandledInteractions.STALE_BUTTON);
                    }
                });
        in.press(
                ContextCard.RELEASE,
                "context card",
                (id, click) -> service.release(id, click.user(), click.channelOr(channel), click.actionTs()),
                (release, click) -> {
                    if (release instanceof ContextService.Release.NoSuchCard) {
                        click.tellPrivately(UnhandledInteractions.STALE_BUTTON);
                    }
                });
        home.started(HomeContribution.of(
                List.of(new HomeContribution.Start(
                        "Give support context for an unassigned ticket", "home_start_context", open)),
                new ContextHome(engine.permalinks())::parts));
    }

    /** Anyone, or the members of the group {@code support.takers} names, as the workspace resolved it. */
    private static Takers takers(Settings settings, Engine engine) {
        if (settings.takers().isEmpty()) {
            return Takers.ANYONE;
        }
        String mention = settings.takersMention()
                .orElseThrow(() -> new IllegalStateException("support.takers was not looked up before start"));
        String groupId = Mention.of(mention).map(m -> ((Mention.Group) m).id()).orElseThrow();
        return new Takers(
                mention,
                new UserGroupMembers(
                        groupId,
                        "support takers group",
                        UserGroupMembers.Reader.fromSlack(engine.slack()),
                        new StoredGroupMembers(engine.store()),
                        engine.clock()));
    }

    @Override
    public Optional<Card> cardFor(Handle handle, List<String> ticketKeys) {
        if (ticketKeys.isEmpty()) {
            return Optional.empty();
        }
        return handle.attach(ContextRepository.class)
                .cardForTickets(ticketKeys)
                .filter(card -> card.ts() != null)
                .map(card -> new Card(card.channel(), card.ts()));
    }

    @Override
    public String exportKind() {
        return "context";
    }

    @Override
    public List<ExportRow> exportSince(Jdbi store, Instant since) {
        return new ContextExport(store).since(since);
    }

    @Override
    public StoredRecords records() {
        return StoredRecords.in(ContextRecords.class);
    }
}
