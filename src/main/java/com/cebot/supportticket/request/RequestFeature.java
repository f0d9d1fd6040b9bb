package com.cebot.supportticket.request;

import com.cebot.slack.ModalOpener;
import com.cebot.supportticket.CustomerSuggestions;
import com.cebot.supportticket.ShortcutMessage;
import com.cebot.supportticket.TicketLinkParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Support Ticket Request" workflow's listeners. Each parses, checks, stores and acks; views.open
 * and every post happen after the ack, on the after-ack executor and the outbox. Nothing here calls
 * Slack before the ack: who may decide is answered from {@link Approvers}' cache.
 */
public final class RequestFeature {

    private static final Logger log = LoggerFactory.getLogger(RequestFeature.class);

    private final RequestService service;
    private final TicketLinkParser links;
    private final CustomerSuggestions customers;
    private final ModalOpener modals;
    private final MethodsClient methods;
    private final String channelId;
    private final ZoneId zone;
    private final Clock clock;

    /** @param zone the team's time zone: "needed by" dates are checked against today there */
    public RequestFeature(RequestService service, TicketLinkParser links, CustomerSuggestions customers,
            ModalOpener modals, MethodsClient methods, String channelId, ZoneId zone, Clock clock) {
        this.service = service;
        this.links = links;
        this.customers = customers;
        this.modals = modals;
        this.methods = methods;
        this.channelId = channelId;
        this.zone = zone;
        this.clock = clock;
    }

    public void register(App app) {
        app.globalShortcut(RequestModal.CALLBACK_ID, (req, ctx) -> {
            modals.open(RequestModal.CALLBACK_ID, req.getPayload().getTriggerId(),
                    () -> RequestModal.build(channelId, RequestModal.Prefill.NONE));
            return ctx.ack();
        });
        app.messageShortcut(RequestModal.MESSAGE_CALLBACK_ID, (req, ctx) -> {
            var p = req.getPayload();
            modals.open(RequestModal.CALLBACK_ID, p.getTriggerId(), () -> {
                ShortcutMessage m = ShortcutMessage.read(p, methods);
                return RequestModal.build(channelId, new RequestModal.Prefill(m.link(), m.quoted(), m.channel(), m.ts()));
            });
            return ctx.ack();
        });
        app.blockSuggestion(RequestModal.CUSTOMER_SELECT,
                (req, ctx) -> ctx.ack(r -> r.options(customers.options(req.getPayload().getValue()))));
        app.viewSubmission(RequestModal.CALLBACK_ID, this::submitted);
        for (Move move : Move.values()) {
            app.blockAction(move.actionId(), this::clicked);
        }
        app.viewSubmission(RequestModal.DECLINE_CALLBACK_ID, this::declined);
    }

    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        RequestForm.Checked checked = RequestForm.check(view, links, today);
        if (checked instanceof RequestForm.Checked.Invalid invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        RequestDraft draft = ((RequestForm.Checked.Valid) checked).draft();
        if (!service.accept(draft, view.getId(), ctx.getRequestUserId())) {
            log.info("support request {} delivered again; already accepted", view.getId());
        }
        return ctx.ack();
    }

    /** A card button. Decline first asks why, in a modal opened with this click's trigger id. */
    private Response clicked(BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        var action = payload.getActions().get(0);
        String user = ctx.getRequestUserId();
        Move move = Move.ofActionId(action.getActionId());
        RequestService.MoveResult result = service.move(Long.parseLong(action.getValue()), move, user, null,
                "action:" + action.getActionTs() + ":" + user);
        if (result instanceof RequestService.MoveResult.NeedsReason needs) {
            modals.open(RequestModal.DECLINE_CALLBACK_ID, payload.getTriggerId(),
                    () -> RequestModal.decline(needs.request()));
        }
        log.info("{} on request {} by {}: {}", move, action.getValue(), user, outcome(result));
        return ctx.ack();
    }

    private Response declined(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        RequestForm.Decline checked = RequestForm.checkDecline(view);
        if (checked instanceof RequestForm.Decline.Invalid invalid) {
            return ctx.ackWithErrors(invalid.errors());
        }
        RequestForm.Decline.Valid decline = (RequestForm.Decline.Valid) checked;
        RequestService.MoveResult result = service.move(decline.requestId(), Move.DECLINE, ctx.getRequestUserId(),
                decline.reason(), "view:" + view.getId());
        log.info("decline of request {} by {}: {}", decline.requestId(), ctx.getRequestUserId(), outcome(result));
        return ctx.ack();
    }

    /** The kind of result only: a moved request carries what the CE typed, which stays out of logs. */
    private static String outcome(RequestService.MoveResult result) {
        return result instanceof RequestService.MoveResult.AlreadyMoved a ? "AlreadyMoved(" + a.current() + ")"
                : result.getClass().getSimpleName();
    }
}
