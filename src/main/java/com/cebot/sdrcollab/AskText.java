package com.cebot.sdrcollab;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.cebot.slack.Mrkdwn;
import com.cebot.supportticket.TicketCard;
import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The message the bot posts in #ce for a question asked through the shortcut. Everything the SDR
 * typed is escaped, so the only mentions are the SDR's name and the group tag the bot adds; a very
 * long question is shortened to fit Slack, and the message says so.
 */
final class AskText {

    /** The notification shows the start of the question. */
    private static final int PREVIEW = 200;

    private static final int QUESTION_ROOM = 2900;
    private static final int ACCOUNT_ROOM = 400;

    private AskText() {}

    static String text(String asker, AskDraft draft, String groupMention) {
        return "<@" + asker + "> asks (needed " + draft.urgency().words + ") " + groupMention + ": "
                + Mrkdwn.truncate(Mrkdwn.escape(draft.question()), PREVIEW);
    }

    static List<LayoutBlock> blocks(String asker, AskDraft draft, String account, String groupMention) {
        List<TicketCard.Answer> answers = new ArrayList<>();
        answers.add(new TicketCard.Answer(draft.question(), QUESTION_ROOM));
        if (account != null) {
            answers.add(new TicketCard.Answer(account, ACCOUNT_ROOM));
        }
        return TicketCard.fitted(answers, (shown, shortened) -> {
            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(section(s ->
                    s.text(markdownText("<@" + asker + "> asks the CE team (needed " + draft.urgency().words + "):"))));
            blocks.add(section(s -> s.text(markdownText(shown.get(0).isEmpty() ? "…" : shown.get(0)))));
            List<String> about = new ArrayList<>();
            if (account != null) {
                about.add("*Account:* " + shown.get(1));
            }
            draft.link().ifPresent(link -> about.add("*Link:* " + Mrkdwn.link(link, "")));
            if (!about.isEmpty()) {
                blocks.add(section(s -> s.text(markdownText(String.join("\n", about)))));
            }
            blocks.add(context(c -> c.elements(List.of(markdownText(groupMention
                    + (shortened ? " · The question was too long for Slack and is shortened here." : ""))))));
            return blocks;
        });
    }
}
