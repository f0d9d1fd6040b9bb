package com.cebot.sdrcollab;

import com.cebot.slack.Mrkdwn;

/**
 * The message the bot posts in #ce for a question asked through the shortcut. Everything the SDR
 * typed is escaped, so the only mentions are the SDR's name and the group tag the bot adds.
 */
final class AskText {

    private AskText() {}

    static String of(String asker, AskDraft draft, String account, String groupMention) {
        StringBuilder text = new StringBuilder("<@").append(asker).append("> asks (needed ")
                .append(draft.urgency().words).append("):\n").append(Mrkdwn.quote(draft.question()));
        if (account != null) {
            text.append("\n*Account:* ").append(Mrkdwn.escape(account));
        }
        draft.link().ifPresent(link -> text.append("\n*Link:* ").append(Mrkdwn.escape(link)));
        return text.append("\n").append(groupMention).toString();
    }
}
