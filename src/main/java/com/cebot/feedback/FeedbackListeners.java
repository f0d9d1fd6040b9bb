package com.cebot.feedback;

import com.cebot.customer.CustomerSuggestions;
import com.cebot.db.Deadline;
import com.cebot.feature.Click;
import com.cebot.feature.Interactions;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.Checked;
import com.cebot.slack.Notice;
import com.cebot.slack.SourceMessage;
import com.cebot.slack.UnhandledInteractions;
import com.slack.api.model.view.View;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Slack listener of product feedback, and nothing else: each parses what Slack sent, checks
 * it, stores it and acks; modals open and redraw after the ack, and every post goes through the
 * outbox. Who is on the product team is answered from a cache, and a gap picked in a form is read
 * with one query by key, so nothing here calls Slack before its ack.
 */
final class FeedbackListeners {

    private static final Logger log = LoggerFactory.getLogger(FeedbackListeners.class);
    private static final List<String> TEAM_BUTTONS = List.of(GapCard.SET_STATUS, GapCard.MERGE, GapCard.RECORD);

    private final FeedbackService service;
    private final ProductTeam team;
    private final GapSuggestions gaps;
    private final Interactions interactions;
    private final String channel;
    private final List<String> categories;

    FeedbackListeners(
            FeedbackService service,
            ProductTeam team,
            GapSuggestions gaps,
            Interactions interactions,
            String channel,
            List<String> categories) {
        this.service = service;
        this.team = team;
        this.gaps = gaps;
        this.interactions = interactions;
        this.channel = channel;
        this.categories = List.copyOf(categories);
    }

    /** Registers them; returns what opens the share form empty, for Home. */
    Interactions.Opener register(SubmittedForms<ShareDraft> forms, CustomerSuggestions customers) {
        Interactions.Opener share = interactions.shortcuts(
                ShareModal.CALLBACK_ID,
                ShareModal.MESSAGE_CALLBACK_ID,
                message -> ShareModal.build(channel, categories, ShareModal.Prefill.of(message), false));
        interactions.suggestions(ShareModal.CUSTOMER_SELECT, customers::options);
        interactions.suggestions(ShareModal.GAP_SELECT, gaps::forShare);
        interactions.suggestions(GapModals.MERGE_SELECT, (typed, view) -> {
            OptionalLong merging = UnhandledInteractions.recordId(view.getPrivateMetadata());
            return merging.isEmpty() ? List.of() : gaps.forMerge(typed, merging.getAsLong());
        });
        interactions.action(ShareModal.GAP_SELECT, this::gapPicked);
        interactions.submission(ShareModal.CALLBACK_ID, this::checkShare, forms, ShareModal.NEED);
        interactions.button(GapCard.ADD_CUSTOMER, this::addCustomer);
        for (String button : TEAM_BUTTONS) {
            interactions.button(button, this::teamPressed);
        }
        interactions.change(
                GapModals.STATUS_CALLBACK,
                (view, user) -> GapForms.status(view),
                (edit, actor, key) -> service.setStatus(edit.gapId(), edit.value(), edit.note(), actor, key),
                GapModals.STATUS,
                FeedbackListeners::refusal);
        interactions.change(
                GapModals.MERGE_CALLBACK,
                (view, user) -> GapForms.merge(view),
                (edit, actor, key) -> service.merge(edit.gapId(), edit.value(), edit.note(), actor, key),
                GapModals.TARGET,
                FeedbackListeners::refusal);
        interactions.change(
                GapModals.RECORD_CALLBACK,
                (view, user) -> GapForms.record(view),
                (edit, actor, key) -> service.setRecord(edit.gapId(), edit.value(), actor, key),
                GapModals.RECORD,
                FeedbackListeners::refusal);
        return share;
    }

    /** A gap picked in the share form: a new one asks for its category and title, an existing one not. */
    private void gapPicked(Click click) {
        View view = click.view();
        Optional<String> selected = click.selected();
        if (view == null || selected.isEmpty()) {
            return;
        }
        boolean newGap = GapChoice.parse(selected.get()).orElse(null) instanceof GapChoice.New;
        boolean asking = view.getBlocks() != null
                && view.getBlocks().stream().anyMatch(b -> ShareModal.CATEGORY.equals(b.getBlockId()));
        if (newGap != asking) {
            SourceMessage source =
                    SourceMessage.decode(view.getPrivateMetadata()).orElse(null);
            click.redraw(() -> ShareModal.build(channel, categories, ShareModal.Prefill.source(source), newGap));
        }
    }

    /** The form reads a gap picked in it, by key, within the time an ack allows. */
    private Checked<ShareDraft> checkShare(View view, String user) {
        try {
            return Deadline.within(Deadline.BEFORE_ACK, () -> ShareForm.check(view, categories, service::gap));
        } catch (RuntimeException e) {
            log.error("feedback {} from {} not checked: {}", view.getId(), user, SafeErrors.describe(e));
            return Checked.invalid(ShareModal.NEED, SubmittedForms.NOT_STORED);
        }
    }

    /** "Add a customer" on a card: the share form with the gap already picked. */
    private void addCustomer(long id, Click click) {
        click.open(
                ShareModal.CALLBACK_ID,
                () -> service.gap(id)
                        .map(gap -> gap.live()
                                ? ShareModal.build(
                                        channel,
                                        categories,
                                        new ShareModal.Prefill(
                                                null,
                                                null,
                                                null,
                                                null,
                                                new ShareModal.PickedGap(
                                                        GapSuggestions.optionText(gap),
                                                        GapChoice.value(new GapChoice.Existing(gap.id())))),
                                        false)
                                : notice("Product feedback", FeedbackNotices.notTakingFeedback(gap)))
                        .orElseGet(() -> notice("Product feedback", UnhandledInteractions.STALE_BUTTON)));
    }

    /** A product team button: its modal for the team, a private refusal for anyone else. */
    private void teamPressed(long id, Click click) {
        if (!team.mayAct(click.user())) {
            log.info("{} on gap {} by {}: refused, not on the product team", click.actionId(), id, click.user());
            String refusal = FeedbackNotices.notProductTeam(team.describe());
            if (click.answersInPlace()) {
                click.tellPrivately(refusal);
            } else {
                click.open("feedback refusal", () -> notice("Product team only", refusal));
            }
            return;
        }
        Function<Gap, View> modal = switch (click.actionId()) {
            case GapCard.SET_STATUS -> GapModals::status;
            case GapCard.MERGE -> GapModals::merge;
            default -> GapModals::record;
        };
        click.open(
                click.actionId(),
                () -> service.gap(id)
                        .map(gap -> gap.merged()
                                ? notice(
                                        "Product gap",
                                        "This gap was merged into another; its card links"
                                                + " to it. Make changes there.")
                                : modal.apply(gap))
                        .orElseGet(() -> notice("Product gap", UnhandledInteractions.STALE_BUTTON)));
    }

    /** What shows by the field when a change did not happen; nothing when it happened. */
    private static Optional<String> refusal(FeedbackService.Change result) {
        if (result instanceof FeedbackService.Change.NotAllowed) {
            return Optional.of("Only the product team can do this, so I changed nothing.");
        } else if (result instanceof FeedbackService.Change.Missing) {
            return Optional.of("This gap is no longer on record.");
        } else if (result instanceof FeedbackService.Change.Merged) {
            return Optional.of("This gap was merged into another meanwhile: make the change there.");
        } else if (result instanceof FeedbackService.Change.Unchanged u) {
            return Optional.of("The gap is " + u.status().label() + " already. Pick another status, or cancel.");
        } else if (result instanceof FeedbackService.Change.BadTarget bad) {
            return Optional.of(bad.why());
        }
        return Optional.empty();
    }

    private static View notice(String title, String text) {
        return Notice.modal("feedback_notice", title, text);
    }
}
