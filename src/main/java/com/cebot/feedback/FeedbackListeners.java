package com.cebot.feedback;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.db.Deadline;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.ModalOpener;
import com.cebot.slack.UnhandledInteractions;
import com.cebot.customer.CustomerSuggestions;
import com.cebot.slack.ShortcutMessage;
import com.cebot.slack.SourceMessage;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
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
    private final CustomerSuggestions customers;
    private final GapSuggestions gaps;
    private final ModalOpener modals;
    private final MethodsClient methods;
    private final String channel;
    private final List<String> categories;

    FeedbackListeners(FeedbackService service, ProductTeam team, CustomerSuggestions customers, GapSuggestions gaps,
            ModalOpener modals, MethodsClient methods, String channel, List<String> categories) {
        this.service = service;
        this.team = team;
        this.customers = customers;
        this.gaps = gaps;
        this.modals = modals;
        this.methods = methods;
        this.channel = channel;
        this.categories = List.copyOf(categories);
    }

    void register(App app) {
        app.globalShortcut(ShareModal.CALLBACK_ID, (req, ctx) -> {
            openShare(req.getPayload().getTriggerId(), () -> ShareModal.Prefill.NONE);
            return ctx.ack();
        });
        app.messageShortcut(ShareModal.MESSAGE_CALLBACK_ID, (req, ctx) -> {
            var p = req.getPayload();
            openShare(p.getTriggerId(), () -> {
                ShortcutMessage m = ShortcutMessage.read(p, methods);
                return new ShareModal.Prefill(m.quoted(), m.link(), m.channel(), m.ts(), null);
            });
            return ctx.ack();
        });
        app.blockSuggestion(ShareModal.CUSTOMER_SELECT,
                (req, ctx) -> ctx.ack(r -> r.options(customers.options(req.getPayload().getValue()))));
        app.blockSuggestion(ShareModal.GAP_SELECT,
                (req, ctx) -> ctx.ack(r -> r.options(gaps.forShare(req.getPayload().getValue()))));
        app.blockSuggestion(GapModals.MERGE_SELECT, (req, ctx) -> {
            OptionalLong merging = UnhandledInteractions.recordId(req.getPayload().getView().getPrivateMetadata());
            return ctx.ack(r -> r.options(merging.isEmpty() ? List.of()
                    : gaps.forMerge(req.getPayload().getValue(), merging.getAsLong())));
        });
        app.blockAction(ShareModal.GAP_SELECT, this::gapPicked);
        app.viewSubmission(ShareModal.CALLBACK_ID, this::shared);
        app.blockAction(GapCard.ADD_CUSTOMER, this::addCustomer);
        for (String button : TEAM_BUTTONS) {
            app.blockAction(button, this::teamPressed);
        }
        app.viewSubmission(GapModals.STATUS_CALLBACK, (req, ctx) -> teamSubmitted(req, ctx, GapModals.STATUS,
                view -> GapForms.status(view), (v, actor, key) -> service.setStatus(v.gapId(), v.value(), v.note(),
                        actor, key)));
        app.viewSubmission(GapModals.MERGE_CALLBACK, (req, ctx) -> teamSubmitted(req, ctx, GapModals.TARGET,
                view -> GapForms.merge(view), (v, actor, key) -> service.merge(v.gapId(), v.value(), v.note(),
                        actor, key)));
        app.viewSubmission(GapModals.RECORD_CALLBACK, (req, ctx) -> teamSubmitted(req, ctx, GapModals.RECORD,
                view -> GapForms.record(view), (v, actor, key) -> service.setRecord(v.gapId(), v.value(), actor,
                        key)));
    }

    private void openShare(String triggerId, Supplier<ShareModal.Prefill> prefill) {
        modals.open(ShareModal.CALLBACK_ID, triggerId, () -> ShareModal.build(channel, categories, prefill.get(), false));
    }

    /** A gap picked in the share form: a new one asks for its category and title, an existing one not. */
    private Response gapPicked(BlockActionRequest req, ActionContext ctx) {
        View view = req.getPayload().getView();
        var selected = req.getPayload().getActions().get(0).getSelectedOption();
        if (view == null || selected == null) {
            return ctx.ack();
        }
        boolean newGap = GapChoice.parse(selected.getValue()).orElse(null) instanceof GapChoice.New;
        boolean asking = view.getBlocks() != null
                && view.getBlocks().stream().anyMatch(b -> ShareModal.CATEGORY.equals(b.getBlockId()));
        if (newGap != asking) {
            SourceMessage source = SourceMessage.decode(view.getPrivateMetadata()).orElse(null);
            modals.update(view.getId(), view.getHash(),
                    () -> ShareModal.build(channel, categories, ShareModal.Prefill.source(source), newGap));
        }
        return ctx.ack();
    }

    private Response shared(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        ShareForm.Checked checked;
        try {
            checked = Deadline.within(Deadline.BEFORE_ACK, () -> ShareForm.check(view, categories, service::gap));
        } catch (RuntimeException e) {
            log.error("feedback {} from {} not checked: {}", view.getId(), ctx.getRequestUserId(), SafeErrors.describe(e));
            return ctx.ackWithErrors(Map.of(ShareModal.NEED, SubmittedForms.NOT_STORED));
        }
        if (checked instanceof ShareForm.Checked.Invalid invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        ShareDraft draft = ((ShareForm.Checked.Valid) checked).draft();
        SubmittedForms.Accepted accepted = service.accept(draft, view.getId(), ctx.getRequestUserId());
        if (accepted instanceof SubmittedForms.Accepted.NotStored) {
            return ctx.ackWithErrors(Map.of(ShareModal.NEED, SubmittedForms.NOT_STORED));
        }
        if (accepted instanceof SubmittedForms.Accepted.Repeat) {
            log.info("feedback {} delivered again; already accepted", view.getId());
        }
        return ctx.ack();
    }

    /** "Add a customer" on a card: the share form with the gap already picked. */
    private Response addCustomer(BlockActionRequest req, ActionContext ctx) {
        var action = req.getPayload().getActions().get(0);
        OptionalLong id = UnhandledInteractions.pressedRecord(modals, ctx, action.getActionId(), action.getValue());
        if (id.isPresent()) {
            modals.open(ShareModal.CALLBACK_ID, req.getPayload().getTriggerId(), () -> service.gap(id.getAsLong())
                    .map(gap -> gap.live() ? ShareModal.build(channel, categories, new ShareModal.Prefill(null, null,
                            null, null, new ShareModal.PickedGap(GapSuggestions.optionText(gap),
                            GapChoice.value(new GapChoice.Existing(gap.id())))), false)
                            : notice("Product feedback", FeedbackNotices.notTakingFeedback(gap)))
                    .orElseGet(() -> notice("Product feedback", UnhandledInteractions.STALE_BUTTON)));
        }
        return ctx.ack();
    }

    /** A product team button: its modal for the team, a private refusal for anyone else. */
    private Response teamPressed(BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        var action = payload.getActions().get(0);
        String user = ctx.getRequestUserId();
        OptionalLong id = UnhandledInteractions.pressedRecord(modals, ctx, action.getActionId(), action.getValue());
        if (id.isEmpty()) {
            return ctx.ack();
        }
        if (!team.mayAct(user)) {
            log.info("{} on gap {} by {}: refused, not on the product team", action.getActionId(), id.getAsLong(), user);
            String refusal = FeedbackNotices.notProductTeam(team.describe());
            if (ctx.getResponseUrl() != null) {
                modals.tellPrivately(ctx, refusal);
            } else {
                modals.open("feedback refusal", payload.getTriggerId(), () -> notice("Product team only", refusal));
            }
            return ctx.ack();
        }
        Function<Gap, View> modal = switch (action.getActionId()) {
            case GapCard.SET_STATUS -> GapModals::status;
            case GapCard.MERGE -> GapModals::merge;
            default -> GapModals::record;
        };
        modals.open(action.getActionId(), payload.getTriggerId(), () -> service.gap(id.getAsLong())
                .map(gap -> gap.merged() ? notice("Product gap", "This gap was merged into another; its card links"
                        + " to it. Make changes there.") : modal.apply(gap))
                .orElseGet(() -> notice("Product gap", UnhandledInteractions.STALE_BUTTON)));
        return ctx.ack();
    }

    @FunctionalInterface
    private interface TeamChange<T> {
        FeedbackService.Change apply(GapForms.Checked.Valid<T> form, String actor, String deliveryKey);
    }

    /** A product team modal: checked, then the change made before the ack, or errors by the field. */
    private <T> Response teamSubmitted(ViewSubmissionRequest req, ViewSubmissionContext ctx, String field,
            Function<View, GapForms.Checked<T>> parse, TeamChange<T> change) {
        View view = req.getPayload().getView();
        GapForms.Checked<T> checked = parse.apply(view);
        if (checked instanceof GapForms.Checked.Invalid<T> invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        GapForms.Checked.Valid<T> form = (GapForms.Checked.Valid<T>) checked;
        String user = ctx.getRequestUserId();
        FeedbackService.Change result;
        try {
            result = Deadline.within(Deadline.BEFORE_ACK, () -> change.apply(form, user, "view:" + view.getId()));
        } catch (RuntimeException e) {
            log.error("{} on gap {} by {} not recorded: {}", view.getCallbackId(), form.gapId(), user,
                    SafeErrors.describe(e));
            return ctx.ackWithErrors(Map.of(field, SubmittedForms.NOT_STORED));
        }
        log.info("{} on gap {} by {}: {}", view.getCallbackId(), form.gapId(), user, result.getClass().getSimpleName());
        return refusal(result, field).map(ctx::ackWithErrors).orElseGet(ctx::ack);
    }

    /** The error a change that did not happen shows by its field; none when it happened. */
    private static Optional<Map<String, String>> refusal(FeedbackService.Change result, String field) {
        String why;
        if (result instanceof FeedbackService.Change.NotAllowed) {
            why = "Only the product team can do this, so I changed nothing.";
        } else if (result instanceof FeedbackService.Change.Missing) {
            why = "This gap is no longer on record.";
        } else if (result instanceof FeedbackService.Change.Merged) {
            why = "This gap was merged into another meanwhile: make the change there.";
        } else if (result instanceof FeedbackService.Change.Unchanged u) {
            why = "The gap is " + u.status().label() + " already. Pick another status, or cancel.";
        } else if (result instanceof FeedbackService.Change.BadTarget bad) {
            why = bad.why();
        } else {
            return Optional.empty();
        }
        return Optional.of(Map.of(field, why));
    }

    private static View notice(String title, String text) {
        return view(v -> v.type("modal").callbackId("feedback_notice")
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(asBlocks(section(s -> s.text(markdownText(text))))));
    }
}
