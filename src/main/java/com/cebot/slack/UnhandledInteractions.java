package com.cebot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.BlockSuggestionRequest;
import com.slack.api.bolt.request.builtin.GlobalShortcutRequest;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the person sees when they use something no listener handles: a button from a message an
 * older version posted, a form left open across an upgrade, a forged action id. Bolt answers those
 * with a 404, which Socket Mode does not ack, so Slack would show its own "app did not respond"
 * error; instead each is acked and the person is told, privately, that nothing happened.
 */
public final class UnhandledInteractions implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(UnhandledInteractions.class);

    /** Also what a button whose record is gone (or whose value was forged) answers. */
    public static final String STALE_BUTTON = "That button is no longer in use, so nothing happened. Use the newest"
            + " message from CE Bot, or start again from its shortcut.";

    /** The record id a button carries, or empty when it carries none (a forged or garbled value). */
    public static OptionalLong recordId(String value) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value));
    }

    static final String STALE_FORM = "This form is from an older version of CE Bot and was not saved. Copy what you"
            + " typed if you need it, close this window and start again from the shortcut.";
    static final String UNKNOWN_SHORTCUT = "CE Bot no longer offers this shortcut. Its shortcuts are Support Ticket"
            + " Context, Support Ticket Request, Ask the CE team and Share product feedback; `/ooo help` explains time off.";

    private final ModalOpener modals;

    public UnhandledInteractions(ModalOpener modals) {
        this.modals = modals;
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware declares the raw type; an override must match it.
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        Response result = chain.next(req);
        if (result == null || result.getStatusCode() != 404) {
            return result;
        }
        String what = req.getRequestType() + " " + InteractionLog.callback(req);
        if (req instanceof BlockActionRequest action) {
            log.warn("{}: no listener; the person is told nothing happened", what);
            ActionContext ctx = action.getContext();
            if (ctx.getResponseUrl() != null) {
                modals.tellPrivately(ctx, STALE_BUTTON);
            }
            return ctx.ack();
        }
        if (req instanceof ViewSubmissionRequest submission) {
            log.warn("{}: no listener; the form was not saved and the person is told", what);
            ViewSubmissionContext ctx = submission.getContext();
            return ctx.ack(r -> r.responseAction("update").view(Notice.modal("cebot_notice", "Not saved", STALE_FORM)));
        }
        if (req instanceof GlobalShortcutRequest shortcut) {
            log.warn("{}: no listener; the person is told", what);
            modals.open(
                    "unknown shortcut",
                    shortcut.getPayload().getTriggerId(),
                    () -> Notice.modal("cebot_notice", "CE Bot", UNKNOWN_SHORTCUT));
            return shortcut.getContext().ack();
        }
        if (req instanceof MessageShortcutRequest shortcut) {
            log.warn("{}: no listener; the person is told", what);
            modals.open(
                    "unknown shortcut",
                    shortcut.getPayload().getTriggerId(),
                    () -> Notice.modal("cebot_notice", "CE Bot", UNKNOWN_SHORTCUT));
            return shortcut.getContext().ack();
        }
        if (req instanceof SlashCommandRequest command) {
            log.warn("{}: no listener; the person is told", what);
            return command.getContext().ack("CE Bot does not handle that command. Try `/ooo help`.");
        }
        if (req instanceof BlockSuggestionRequest suggestion) {
            return suggestion.getContext().ack(r -> r.options(List.of()));
        }
        return result;
    }
}
