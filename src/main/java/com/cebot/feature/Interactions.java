package com.cebot.feature;

import com.cebot.db.Deadline;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.slack.Checked;
import com.cebot.slack.ModalOpener;
import com.cebot.slack.ShortcutMessage;
import com.cebot.slack.UnhandledInteractions;
import com.slack.api.app_backend.interactive_components.response.Option;
import com.slack.api.bolt.App;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.event.Event;
import com.slack.api.model.view.View;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a workflow's listeners are written: one line each, by kind. What every listener of a kind does
 * alike is done here once. A listener parses and checks what Slack sent, stores it within the time
 * an ack allows, and acks; modals open, and private notes go, after the ack. When the store cannot
 * take something in time, the person is told that nothing was kept and can try again.
 */
public final class Interactions {

    private static final Logger log = LoggerFactory.getLogger(Interactions.class);

    private final App app;
    private final ModalOpener modals;
    private final MethodsClient slack;

    /** @param slack reads the message a message shortcut was used on, after the ack */
    public Interactions(App app, ModalOpener modals, MethodsClient slack) {
        this.app = app;
        this.modals = modals;
        this.slack = slack;
    }

    /** Opens a workflow's modal after the ack: from its shortcut, a button on Home, a command. */
    @FunctionalInterface
    public interface Opener {
        void open(String triggerId, String userId);
    }

    /** Reads and checks a submitted modal into its record; may read the store by key, not write it. */
    @FunctionalInterface
    public interface Form<T> {
        Checked<T> check(View view, String userId);
    }

    /**
     * The change a submitted modal asks for, made on the store before the ack. {@code deliveryKey}
     * names the submission, so the same one delivered again changes nothing more.
     */
    @FunctionalInterface
    public interface Change<T, R> {
        R make(T form, String userId, String deliveryKey);
    }

    /** What a press of a button naming record {@code id} does on the store, before the ack. */
    @FunctionalInterface
    public interface Work<R> {
        R on(long id, Click click);
    }

    /** What the presser is told, or shown, of what came of their press; after the ack. */
    @FunctionalInterface
    public interface Answer<R> {
        void to(R result, Click click);
    }

    /** A button naming record {@code id} that changes nothing before the ack (it opens a modal). */
    @FunctionalInterface
    public interface RecordButton {
        void pressed(long id, Click click);
    }

    /** A button, or a choice in a modal, that names no record. */
    @FunctionalInterface
    public interface Action {
        void pressed(Click click);
    }

    public void shortcut(String callbackId, Opener opener) {
        app.globalShortcut(callbackId, (req, ctx) -> {
            opener.open(req.getPayload().getTriggerId(), ctx.getRequestUserId());
            return ctx.ack();
        });
    }

    /**
     * A workflow's modal opened from its global shortcut (empty) and from its message shortcut
     * (filled in from the message, read after the ack); the returned opener opens it empty, as the
     * global shortcut does, for a button on Home.
     */
    public Opener shortcuts(String callbackId, String messageCallbackId, Function<ShortcutMessage, View> modal) {
        Opener empty =
                (triggerId, userId) -> modals.open(callbackId, triggerId, () -> modal.apply(ShortcutMessage.NONE));
        shortcut(callbackId, empty);
        app.messageShortcut(messageCallbackId, (req, ctx) -> {
            var payload = req.getPayload();
            modals.open(callbackId, payload.getTriggerId(), () -> modal.apply(ShortcutMessage.read(payload, slack)));
            return ctx.ack();
        });
        return empty;
    }

    public void command(String command, SlashCommandHandler handler) {
        app.command(command, handler);
    }

    public <E extends Event> void event(Class<E> type, BoltEventHandler<E> handler) {
        app.event(type, handler);
    }

    /** Opens a modal after the ack, inside the trigger's 3 seconds; the view is drawn then too. */
    public void open(String callbackId, String triggerId, Supplier<View> view) {
        modals.open(callbackId, triggerId, view);
    }

    /** A type-ahead select: options for what was typed, answered in the ack. */
    public void suggestions(String actionId, Function<String, List<Option>> options) {
        app.blockSuggestion(
                actionId,
                (req, ctx) ->
                        ctx.ack(r -> r.options(options.apply(req.getPayload().getValue()))));
    }

    /** As {@link #suggestions(String, Function)}, for options that depend on the modal typed in. */
    public void suggestions(String actionId, BiFunction<String, View, List<Option>> options) {
        app.blockSuggestion(
                actionId,
                (req, ctx) -> ctx.ack(r -> r.options(options.apply(
                        req.getPayload().getValue(), req.getPayload().getView()))));
    }

    /**
     * A form whose submission goes to the inbox: checked (errors by their fields), then stored in one
     * write within the ack's time. When the store cannot take it, the error shows by {@code busyField}
     * and what the person typed stays in the form.
     */
    public <T> void submission(String callbackId, Form<T> form, SubmittedForms<T> inbox, String busyField) {
        app.viewSubmission(callbackId, (req, ctx) -> {
            View view = req.getPayload().getView();
            Checked<T> checked = form.check(view, ctx.getRequestUserId());
            if (checked instanceof Checked.Invalid<T> invalid) {
                return ctx.ackWithErrors(invalid.errors());
            }
            T value = ((Checked.Valid<T>) checked).value();
            SubmittedForms.Accepted accepted = inbox.accept(value, view.getId(), ctx.getRequestUserId());
            if (accepted instanceof SubmittedForms.Accepted.NotStored) {
                return ctx.ackWithErrors(Map.of(busyField, SubmittedForms.NOT_STORED));
            }
            if (accepted instanceof SubmittedForms.Accepted.Repeat) {
                log.info("{} {} delivered again; already accepted", callbackId, view.getId());
            }
            return ctx.ack();
        });
    }

    /**
     * A modal whose submission changes a record at once (a decline, a product team's change): checked,
     * then the change made within the ack's time under the view's id. {@code refusal} is what shows by
     * {@code field} when the change did not happen; when the store cannot take it, that it was not saved.
     */
    public <T, R> void change(
            String callbackId, Form<T> form, Change<T, R> change, String field, Function<R, Optional<String>> refusal) {
        app.viewSubmission(callbackId, (req, ctx) -> {
            View view = req.getPayload().getView();
            String user = ctx.getRequestUserId();
            Checked<T> checked = form.check(view, user);
            if (checked instanceof Checked.Invalid<T> invalid) {
                return ctx.ackWithErrors(invalid.errors());
            }
            T value = ((Checked.Valid<T>) checked).value();
            R result;
            try {
                result = Deadline.within(Deadline.BEFORE_ACK, () -> change.make(value, user, "view:" + view.getId()));
            } catch (RuntimeException e) {
                log.error("{} {} by {} not recorded: {}", callbackId, view.getId(), user, SafeErrors.describe(e));
                return ctx.ackWithErrors(Map.of(field, SubmittedForms.NOT_STORED));
            }
            log.info("{} {} by {}: {}", callbackId, view.getId(), user, outcome(result));
            return refusal.apply(result)
                    .map(why -> ctx.ackWithErrors(Map.of(field, why)))
                    .orElseGet(ctx::ack);
        });
    }

    /**
     * A button naming a record whose press changes it: the record's id read from the button, the
     * change made within the ack's time ({@link Click#record}), then {@code answer} after the ack.
     *
     * @param what the kind of record, for the log: "context card"
     */
    public <R> void press(String actionId, String what, Work<R> work, Answer<R> answer) {
        button(
                actionId,
                (id, click) ->
                        click.record(what, () -> work.on(id, click)).ifPresent(result -> answer.to(result, click)));
    }

    /**
     * A button naming a record that changes nothing before the ack. A button that names none (a
     * garbled or forged value) is answered privately that it is no longer in use.
     */
    public void button(String actionId, RecordButton button) {
        action(actionId, click -> {
            OptionalLong id = UnhandledInteractions.recordId(click.value());
            if (id.isEmpty()) {
                log.warn(
                        "{} by {} carried no record id; the person is told nothing happened",
                        click.actionId(),
                        click.user());
                click.tellPrivately(UnhandledInteractions.STALE_BUTTON);
                return;
            }
            button.pressed(id.getAsLong(), click);
        });
    }

    public void action(String actionId, Action action) {
        app.blockAction(actionId, (req, ctx) -> {
            action.pressed(new Click(req, ctx, modals));
            return ctx.ack();
        });
    }

    public void action(Pattern actionIds, Action action) {
        app.blockAction(actionIds, (req, ctx) -> {
            action.pressed(new Click(req, ctx, modals));
            return ctx.ack();
        });
    }

    /** The kind of result only: a result may carry what people typed, which stays out of logs. */
    static String outcome(Object result) {
        if (result instanceof Optional<?> found) {
            return found.isPresent() ? "found" : "not found";
        }
        return result.getClass().getSimpleName();
    }
}
