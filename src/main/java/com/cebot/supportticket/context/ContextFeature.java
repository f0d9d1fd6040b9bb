package com.cebot.supportticket.context;

import com.cebot.slack.ModalOpener;
import com.cebot.supportticket.CustomerSuggestions;
import com.cebot.supportticket.ShortcutMessage;
import com.cebot.supportticket.TicketLinkParser;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Support Ticket Context" workflow's listeners. Each parses, checks, stores and acks; views.open
 * and every post happen after the ack, on the after-ack executor and the outbox.
 */
public final class ContextFeature {

    private static final Logger log = LoggerFactory.getLogger(ContextFeature.class);

    private final ContextService service;
    private final TicketLinkParser links;
    private final CustomerSuggestions customers;
    private final ModalOpener modals;
    private final MethodsClient methods;
    private final String channelId;

    public ContextFeature(ContextService service, TicketLinkParser links, CustomerSuggestions customers,
            ModalOpener modals, MethodsClient methods, String channelId) {
        this.service = service;
        this.links = links;
        this.customers = customers;
        this.modals = modals;
        this.methods = methods;
        this.channelId = channelId;
    }

    public void register(App app) {
        app.globalShortcut(ContextModal.CALLBACK_ID, (req, ctx) -> {
            String trigger = req.getPayload().getTriggerId();
            open(trigger, () -> ContextModal.Prefill.NONE);
            return ctx.ack();
        });
        app.messageShortcut(ContextModal.MESSAGE_CALLBACK_ID, (req, ctx) -> {
            var p = req.getPayload();
            open(p.getTriggerId(), () -> prefill(p));
            return ctx.ack();
        });
        app.blockSuggestion(ContextModal.CUSTOMER_SELECT,
                (req, ctx) -> ctx.ack(r -> r.options(customers.options(req.getPayload().getValue()))));
        app.viewSubmission(ContextModal.CALLBACK_ID, this::submitted);
        app.blockAction(ContextCard.CLAIM, this::claimed);
    }

    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        ContextForm.Checked checked = ContextForm.check(view, links);
        if (checked instanceof ContextForm.Checked.Invalid invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        ContextDraft draft = ((ContextForm.Checked.Valid) checked).draft();
        if (!service.accept(draft, view.getId(), ctx.getRequestUserId())) {
            log.info("support context {} delivered again; already accepted", view.getId());
        }
        return ctx.ack();
    }

    private Response claimed(BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        var action = payload.getActions().get(0);
        ContextService.Claim claim = service.claim(Long.parseLong(action.getValue()), ctx.getRequestUserId(),
                payload.getChannel() == null ? channelId : payload.getChannel().getId(), action.getActionTs());
        log.info("claim of context card {} by {}: {}", action.getValue(), ctx.getRequestUserId(), claim);
        return ctx.ack();
    }

    private void open(String triggerId, Supplier<ContextModal.Prefill> prefill) {
        modals.open(ContextModal.CALLBACK_ID, triggerId, () -> ContextModal.build(channelId, prefill.get()));
    }

    /** The message's link and its text, quoted, to start the background from. */
    private ContextModal.Prefill prefill(MessageShortcutPayload p) {
        ShortcutMessage message = ShortcutMessage.read(p, methods);
        return new ContextModal.Prefill(message.link(), message.quoted(), message.channel(), message.ts());
    }
}
