package com.cebot.sdrcollab;

import com.cebot.customer.CustomerSuggestions;
import com.cebot.customer.Customers;
import com.cebot.db.Deadline;
import com.cebot.feature.Click;
import com.cebot.feature.Interactions;
import com.cebot.inbox.DraftJson;
import com.cebot.inbox.Inbox;
import com.cebot.inbox.InboxHandler;
import com.cebot.inbox.SubmittedForms;
import com.cebot.logging.SafeErrors;
import com.cebot.outbox.DeliveryHook;
import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.slack.BlockJson;
import com.cebot.slack.ChannelMessages;
import com.cebot.slack.Checked;
import com.cebot.slack.UnhandledInteractions;
import com.cebot.work.WorkItem;
import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SDR routing hears: questions and first replies in #ce, the "Ask the CE team" form, and the
 * buttons on a question's reply. The message listener runs before the ack and stays cheap: a message
 * elsewhere, untagged, or a reply outside a waiting question's thread costs no query; a question or
 * a CE's first reply is one insert in the inbox, and everything else happens after the ack.
 */
final class SdrListeners {

    private static final Logger log = LoggerFactory.getLogger(SdrListeners.class);

    static final String CALLBACK_ID = AskModal.CALLBACK_ID;
    static final String QUESTION_KIND = "sdr.question";
    static final String REPLY_KIND = "sdr.reply";
    static final String ASK_KIND = "sdr.ask";
    static final String ASKED_TOPIC = "sdr.asked";

    /** Incoming message as stored in the inbox before the ack; {@code text} as Slack sent it. */
    record Seen(String channel, String ts, String thread, String user, String text, Instant at) {}

    private final QuestionService questions;
    private final OpenThreads threads;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Interactions interactions;
    private final String ce;
    private final String groupId;
    private final String groupHandle;
    private final int perMinute;
    private final Clock clock;

    /**
     * @param ce        the #ce channel's ID
     * @param perMinute questions one person may ask in a minute
     */
    SdrListeners(
            QuestionService questions,
            OpenThreads threads,
            Inbox inbox,
            Outbox outbox,
            Interactions interactions,
            String ce,
            String groupId,
            String groupHandle,
            int perMinute,
            Clock clock) {
        this.questions = questions;
        this.threads = threads;
        this.inbox = inbox;
        this.outbox = outbox;
        this.interactions = interactions;
        this.ce = ce;
        this.groupId = groupId;
        this.groupHandle = groupHandle;
        this.perMinute = perMinute;
        this.clock = clock;
    }

    void register(CustomerSuggestions accounts) {
        inbox.register(
                QUESTION_KIND,
                logged((h, seen) ->
                        questions.asked(h, seen.channel(), seen.ts(), seen.user(), seen.text(), seen.at())));
        inbox.register(
                REPLY_KIND,
                logged((h, seen) -> questions.replied(h, seen.channel(), seen.thread(), seen.user(), seen.at())));
        var forms = new SubmittedForms<>(
                inbox,
                ASK_KIND,
                AskDraft.class,
                this::asked,
                outbox,
                "I couldn't post your question in #ce after you sent it. Please ask again, or post it in #ce"
                        + " tagging @" + groupHandle + ".");
        outbox.register(ASKED_TOPIC, new AskedHook());
        interactions.shortcut(CALLBACK_ID, this::openAsk);
        interactions.suggestions(AskModal.ACCOUNT_SELECT, accounts::options);
        interactions.submission(CALLBACK_ID, this::check, forms, AskModal.QUESTION);
        for (Press press : Press.values()) {
            interactions.press(
                    press.actionId,
                    "SDR question",
                    (id, click) ->
                            questions.press(id, press, click.user(), "action:" + click.actionTs() + ":" + click.user()),
                    SdrListeners::answer);
        }
    }

    void openAsk(String triggerId, String user) {
        interactions.open(CALLBACK_ID, triggerId, () -> AskModal.build(ce, groupHandle));
    }

    /**
     * A new message in a channel the bot is in, before the ack. Only #ce matters: a top-level
     * message tagging the group is a question; a reply in a waiting question's thread by someone
     * other than the asker may be its first response.
     */
    void message(ChannelMessages.Message m) {
        if (!ce.equals(m.channel())) {
            return;
        }
        String kind;
        if (m.topLevel()) {
            if (!m.groups().contains(groupId)) {
                return;
            }
            kind = QUESTION_KIND;
            threads.add(m.ts(), m.user());
        } else {
            String asker = threads.asker(m.threadTs());
            if (asker == null || asker.equals(m.user()) || !questions.isCe(m.user())) {
                return;
            }
            kind = REPLY_KIND;
        }
        String payload = DraftJson.write(new Seen(
                m.channel(),
                m.ts(),
                m.thread(),
                m.user(),
                kind.equals(QUESTION_KIND) ? m.text() : null,
                clock.instant()));
        Deadline.within(
                Deadline.BEFORE_ACK,
                () -> inbox.accept(kind + ":" + m.channel() + ":" + m.ts(), kind, m.user(), payload));
    }

    private Object asked(Handle h, AskDraft draft, String viewId, String user) {
        String account = draft.account()
                .map(a -> h.attach(Customers.class).resolve(a, clock.instant()).name())
                .orElse(null);
        String group = "<!subteam^" + groupId + ">";
        long id = questions.askedThroughShortcut(
                h,
                viewId,
                user,
                draft,
                AskText.text(user, draft, group),
                BlockJson.of(AskText.blocks(user, draft, account, group)),
                "sdr-ask:" + viewId);
        return "question " + id;
    }

    /** The form, and then the asker's limit of questions a minute. */
    private Checked<AskDraft> check(View view, String user) {
        Checked<AskDraft> checked = AskForm.check(view);
        if (checked instanceof Checked.Valid<AskDraft> && !mayAsk(user)) {
            return Checked.invalid(
                    AskModal.QUESTION,
                    QuestionService.tooMany(perMinute).replace("I didn't pass this question to anyone", "Not sent"));
        }
        return checked;
    }

    /** A store too busy to say lets the question through: the limit guards against floods, not single asks. */
    private boolean mayAsk(String user) {
        try {
            return Deadline.within(Deadline.BEFORE_ACK, () -> questions.mayAsk(user));
        } catch (RuntimeException e) {
            log.warn(
                    "could not count {}'s recent questions; the question goes through: {}",
                    user,
                    SafeErrors.describe(e));
            return true;
        }
    }

    private static void answer(QuestionService.Pressed result, Click click) {
        if (result instanceof QuestionService.Pressed.Missing) {
            click.tellPrivately(UnhandledInteractions.STALE_BUTTON);
        } else if (result instanceof QuestionService.Pressed.Refused r) {
            click.tellPrivately(r.why());
        } else if (result instanceof QuestionService.Pressed.Stale s) {
            click.tellPrivately(s.why());
        }
    }

    /** Keeps where an asked question landed; tells the asker when Slack would not post it. */
    private final class AskedHook implements DeliveryHook {
        @Override
        public void delivered(Handle h, String ref, Delivered post) {
            questions.posted(h, Long.parseLong(ref), post.ts());
        }

        @Override
        public void failed(Handle h, String ref, String error) {
            Question q =
                    h.attach(QuestionRepository.class).byId(Long.parseLong(ref)).orElseThrow();
            outbox.enqueue(
                    h,
                    OutboxMessage.of(
                            q.questionKey() + ":refused",
                            new SlackWrite.Post(
                                    q.asker(),
                                    "Slack would not let me post your question in <#" + q.channel() + "> (" + error
                                            + "). Please post it there yourself, tagging @" + groupHandle + ".",
                                    null)));
        }
    }

    /** Inbox work whose outcome is logged by kind; what people typed never is. */
    private static InboxHandler logged(SeenHandler handler) {
        return new InboxHandler() {
            @Override
            public void process(Handle h, WorkItem item) {
                handler.handle(h, DraftJson.read(item.payload(), Seen.class));
            }

            @Override
            public void failed(Handle h, WorkItem item, String error) {
                log.error("{} {} could not be handled: {}", item.kind(), item.key(), error);
            }
        };
    }

    @FunctionalInterface
    private interface SeenHandler {
        void handle(Handle h, Seen seen);
    }
}
