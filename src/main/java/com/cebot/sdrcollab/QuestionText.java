package com.cebot.sdrcollab;

import com.cebot.slack.Mrkdwn;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start of a question as Home shows it, kept with the question: safe mrkdwn on one line. What
 * was typed is escaped; a person mentioned stays a mention ({@code <@U…>}, which Home shows as their
 * name); the group's own tag is left out, as every question carries it; anything else Slack wrote as
 * a control sequence (another group, {@code @channel}, a link) is shown as words.
 */
final class QuestionText {

    /** Characters shown, a mention counted as one. */
    static final int SHOWN = 300;

    private static final Pattern CONTROL = Pattern.compile("<([^<>|]*)(?:\\|([^<>]*))?>");
    private static final Pattern PERSON = Pattern.compile("@([UW][A-Z0-9]+)");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private QuestionText() {}

    /** A question's text as Slack sent it in the message event. */
    static String ofMessage(String slackText, String groupId) {
        if (slackText == null) {
            return null;
        }
        Shown out = new Shown();
        Matcher m = CONTROL.matcher(slackText);
        int last = 0;
        while (m.find() && !out.full()) {
            out.words(Mrkdwn.unescape(slackText.substring(last, m.start())));
            String target = m.group(1);
            Matcher person = PERSON.matcher(target);
            if (person.matches()) {
                out.mention(person.group(1));
            } else if (!target.equals("!subteam^" + groupId)) {
                out.words(Mrkdwn.readable(m.group()));
            }
            last = m.end();
        }
        out.words(Mrkdwn.unescape(slackText.substring(last)));
        return out.text();
    }

    /** A question typed into the "Ask the CE team" form. */
    static String ofTyped(String question) {
        Shown out = new Shown();
        out.words(question);
        return out.text();
    }

    /** What is shown so far, and how much of {@link #SHOWN} it used. */
    private static final class Shown {

        private final StringBuilder text = new StringBuilder();
        private int used;
        private boolean cut;

        boolean full() {
            return cut;
        }

        void words(String plain) {
            String flat = SPACE.matcher(plain).replaceAll(" ");
            if (text.length() == 0) {
                flat = flat.stripLeading();
            }
            if (cut || flat.isEmpty()) {
                return;
            }
            int room = SHOWN - used;
            if (flat.length() > room) {
                text.append(Mrkdwn.escape(Mrkdwn.truncate(flat, Math.max(1, room))));
                cut = true;
                return;
            }
            text.append(Mrkdwn.escape(flat));
            used += flat.length();
        }

        void mention(String user) {
            if (cut) {
                return;
            }
            if (used >= SHOWN) {
                text.append('…');
                cut = true;
                return;
            }
            text.append("<@").append(user).append('>');
            used += 1;
        }

        String text() {
            String out = text.toString().strip();
            return out.isEmpty() ? null : out;
        }
    }
}
