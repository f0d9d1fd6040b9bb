package com.cebot.slack;

import com.cebot.logging.SafeErrors;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a modal after the ack. The view is built on the worker too, since building it may call
 * Slack (a permalink to prefill); the trigger id stays valid for 3 s from the click.
 */
public final class ModalOpener {

    private static final Logger log = LoggerFactory.getLogger(ModalOpener.class);

    private final Background background;
    private final MethodsClient methods;

    public ModalOpener(Background background, MethodsClient methods) {
        this.background = background;
        this.methods = methods;
    }

    public void open(String callbackId, String triggerId, Supplier<View> view) {
        afterAck("views.open " + callbackId, () -> {
            var r = methods.viewsOpen(v -> v.triggerId(triggerId).view(view.get()));
            return r.isOk() ? null : r.getError();
        });
    }

    /**
     * Redraws an open modal after the ack, as a choice in it asks (a field shown only for one
     * answer). {@code hash} is the modal's as the click saw it: if the person changed the modal
     * meanwhile, Slack refuses the stale redraw rather than undo what they did.
     */
    public void update(String viewId, String hash, Supplier<View> view) {
        afterAck("views.update " + viewId, () -> {
            var r = methods.viewsUpdate(v -> v.viewId(viewId).hash(hash).view(view.get()));
            return r.isOk() ? null : r.getError();
        });
    }

    /**
     * Tells whoever clicked a button, privately, through the click's response_url. The call waits
     * for the ack, so it runs after it.
     */
    public void tellPrivately(ActionContext ctx, String text) {
        afterAck("private reply to " + ctx.getRequestUserId(), () -> {
            ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
            return null;
        });
    }

    /** A call to Slack; what Slack answered when it refused, or null. */
    @FunctionalInterface
    private interface Call {
        String make() throws Exception;
    }

    /** Runs {@code call} on the after-ack threads; a failure or a full queue is logged, never thrown. */
    private void afterAck(String what, Call call) {
        boolean queued = background.submit(what, () -> {
            try {
                String refused = call.make();
                if (refused != null) {
                    log.warn("{} failed: {}", what, refused);
                }
            } catch (Exception e) {
                log.warn("{} failed: {}", what, SafeErrors.describe(e));
            }
        });
        if (!queued) {
            log.error("{} dropped: the after-ack queue is full", what);
        }
    }
}
