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
        boolean queued = background.submit("views.open " + callbackId, () -> {
            try {
                var r = methods.viewsOpen(v -> v.triggerId(triggerId).view(view.get()));
                if (!r.isOk()) {
                    log.warn("views.open {} failed: {}", callbackId, r.getError());
                }
            } catch (Exception e) {
                log.warn("views.open {} failed: {}", callbackId, e.toString());
            }
        });
        if (!queued) {
            log.error("views.open {} dropped: the after-ack queue is full", callbackId);
        }
    }

    /**
     * Redraws an open modal after the ack, as a choice in it asks (a field shown only for one
     * answer). {@code hash} is the modal's as the click saw it: if the person changed the modal
     * meanwhile, Slack refuses the stale redraw rather than undo what they did.
     */
    public void update(String viewId, String hash, Supplier<View> view) {
        boolean queued = background.submit("views.update " + viewId, () -> {
            try {
                var r = methods.viewsUpdate(v -> v.viewId(viewId).hash(hash).view(view.get()));
                if (!r.isOk()) {
                    log.warn("views.update {} failed: {}", viewId, r.getError());
                }
            } catch (Exception e) {
                log.warn("views.update {} failed: {}", viewId, e.toString());
            }
        });
        if (!queued) {
            log.error("views.update {} dropped: the after-ack queue is full", viewId);
        }
    }

    /**
     * Tells whoever clicked a button, privately, through the click's response_url. The call waits
     * for the ack, so it runs after it.
     */
    public void tellPrivately(ActionContext ctx, String text) {
        String user = ctx.getRequestUserId();
        boolean queued = background.submit("private reply to " + user, () -> {
            try {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
            } catch (Exception e) {
                log.warn("cannot tell {} privately: {}", user, SafeErrors.describe(e));
            }
        });
        if (!queued) {
            log.error("private reply to {} dropped: the after-ack queue is full", user);
        }
    }
}
