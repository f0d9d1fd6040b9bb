package com.cebot.slack;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.methods.MethodsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message a message shortcut was used on, read to pre-fill the modal: its permalink for the link
 * field and its text, quoted, for the free-text field. Reading calls Slack, so only after the ack.
 *
 * @param link   the permalink, or null when Slack would not give one (the CE then pastes it)
 * @param quoted the message text as typed, each line quoted with "> ", or null for an empty message
 */
public record ShortcutMessage(String link, String quoted, String channel, String ts) {

    private static final Logger log = LoggerFactory.getLogger(ShortcutMessage.class);

    /** No message: the form opened from its global shortcut, or from Home. */
    public static final ShortcutMessage NONE = new ShortcutMessage(null, null, null, null);

    public static ShortcutMessage read(MessageShortcutPayload p, MethodsClient methods) {
        String channel = p.getChannel().getId();
        String ts = p.getMessage().getTs();
        String link = null;
        try {
            var permalink = methods.chatGetPermalink(r -> r.channel(channel).messageTs(ts));
            link = permalink.isOk() ? permalink.getPermalink() : null;
        } catch (Exception e) {
            log.warn("chat.getPermalink failed: {}", e.toString());
        }
        return new ShortcutMessage(link, quote(p.getMessage().getText()), channel, ts);
    }

    /**
     * Slack sends message text escaped and with mentions and links as control sequences; the modal
     * shows plain text, so it is made readable first.
     */
    public static String quote(String slackText) {
        if (slackText == null || slackText.isBlank()) {
            return null;
        }
        return Mrkdwn.readable(slackText)
                        .lines()
                        .map(line -> "> " + line)
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse("") + "\n\n";
    }
}
