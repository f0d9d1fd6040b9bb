package com.cebot.feature;

import com.cebot.db.Deadline;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.ModalOpener;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.model.view.View;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A press of a button, or a choice in a modal, as a listener reads it before its ack, with what it
 * may answer after: a private note to whoever pressed, a modal opened with the click's trigger id.
 */
public final class Click {

    private static final Logger log = LoggerFactory.getLogger(Click.class);

    private final BlockActionPayload payload;
    private final BlockActionPayload.Action action;
    private final ActionContext ctx;
    private final ModalOpener modals;

    Click(BlockActionRequest req, ActionContext ctx, ModalOpener modals) {
        this.payload = req.getPayload();
        this.action = payload.getActions().get(0);
        this.ctx = ctx;
        this.modals = modals;
    }

    public String user() {
        return ctx.getRequestUserId();
    }

    public String actionId() {
        return action.getActionId();
    }

    /** What the button carries; null for a select. */
    public String value() {
        return action.getValue();
    }

    /** What a select in a modal was set to; empty when it was cleared. */
    public Optional<String> selected() {
        return Optional.ofNullable(action.getSelectedOption()).map(o -> o.getValue());
    }

    /** When Slack says the click happened: with {@link #user}, it names this delivery of it. */
    public String actionTs() {
        return action.getActionTs();
    }

    /** What opens a modal for this click, within 3 seconds of it. */
    public String triggerId() {
        return payload.getTriggerId();
    }

    /** The channel of the message the button is in; {@code fallback} for a button on Home or in a modal. */
    public String channelOr(String fallback) {
        return payload.getChannel() == null ? fallback : payload.getChannel().getId();
    }

    /** The modal the click was in; null for a button in a message or on Home. */
    public View view() {
        return payload.getView();
    }

    /** Whether the click can be answered privately where it was made: not on Home, nor in a modal. */
    public boolean answersInPlace() {
        return ctx.getResponseUrl() != null;
    }

    /** Tells whoever pressed, privately, after the ack. */
    public void tellPrivately(String text) {
        modals.tellPrivately(ctx, text);
    }

    /** Opens a modal with the click's trigger id, after the ack. */
    public void open(String callbackId, Supplier<View> view) {
        modals.open(callbackId, triggerId(), view);
    }

    /** Redraws the modal the click was in, unless the person changed it meanwhile; after the ack. */
    public void redraw(Supplier<View> view) {
        modals.update(payload.getView().getId(), payload.getView().getHash(), view);
    }

    /**
     * Makes a change on the store within the time an ack allows, and logs what came of it by kind.
     * When the store cannot take it in time, nothing changed: the presser is told so privately, and
     * it is empty.
     *
     * @param what the kind of record, for the log: "context card"
     */
    public <R> Optional<R> record(String what, Supplier<R> change) {
        R result;
        try {
            result = Deadline.within(Deadline.BEFORE_ACK, change);
        } catch (RuntimeException e) {
            log.error("{} on {} {} by {} not recorded: {}", actionId(), what, value(), user(), SafeErrors.describe(e));
            tellPrivately(SubmittedForms.NOT_RECORDED);
            return Optional.empty();
        }
        log.info("{} on {} {} by {}: {}", actionId(), what, value(), user(), Interactions.outcome(result));
        return Optional.of(result);
    }
}
