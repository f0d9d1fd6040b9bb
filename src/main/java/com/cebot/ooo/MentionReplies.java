package com.cebot.ooo;

import com.cebot.db.Deadline;
import com.cebot.logging.SafeErrors;
import com.cebot.outbox.Outbox;
import com.cebot.outbox.OutboxMessage;
import com.cebot.outbox.SlackWrite;
import com.cebot.slack.ChannelMessages;
import com.cebot.slack.Permalinks;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mention of someone who is out, in #ce or #customer-support, gets one thread reply naming their
 * day back and who covers. The outbox key names the thread and the person, so a thread gets at most
 * one such reply per person however often they are mentioned in it. Runs before the ack: one
 * indexed query for the people mentioned, and one short transaction when someone is out.
 */
final class MentionReplies implements ChannelMessages.Listener {

    private static final Logger log = LoggerFactory.getLogger(MentionReplies.class);

    private final Jdbi store;
    private final Outbox outbox;
    private final Permalinks permalinks;
    private final OooTeam team;
    private final Set<String> channels;
    private final Clock clock;

    MentionReplies(Jdbi store, Outbox outbox, Permalinks permalinks, OooTeam team, Set<String> channels, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.permalinks = permalinks;
        this.team = team;
        this.channels = channels;
        this.clock = clock;
    }

    @Override
    public void message(ChannelMessages.Message m) {
        if (!channels.contains(m.channel()) || m.users().isEmpty()) {
            return;
        }
        List<String> mentioned = new ArrayList<>(m.users());
        mentioned.remove(m.user());
        if (mentioned.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        // Whoever is out today in their own zone; a day either side of UTC's date covers every zone.
        LocalDate utc = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        try {
            Deadline.within(Deadline.BEFORE_ACK, () -> {
                List<OooPeriod> away = store
                        .withExtension(
                                OooRepository.class,
                                r -> r.ofPeopleBetween(mentioned, utc.minusDays(1), utc.plusDays(1)))
                        .stream()
                        .filter(p -> p.covers(now.atZone(p.zoneId()).toLocalDate()))
                        .toList();
                if (!away.isEmpty()) {
                    store.useTransaction(h -> away.forEach(p -> reply(h, m, p, now)));
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.error(
                    "mention in {} at {}: could not check who is out: {}", m.channel(), m.ts(), SafeErrors.describe(e));
        }
    }

    private void reply(org.jdbi.v3.core.Handle h, ChannelMessages.Message m, OooPeriod p, Instant now) {
        String key = "ooo-mention:" + m.channel() + ":" + m.thread() + ":" + p.person();
        if (h.attach(OooRepository.class)
                        .note(
                                p.id(),
                                key,
                                "I answered a mention of you in <#" + m.channel() + "> ("
                                        + permalinks.message(m.channel(), m.ts()) + ")",
                                now)
                == 1) {
            // The thread is someone else's message: made an anchor, the reply is looked for in it
            // after an unanswered attempt, like a reply under the bot's own posts.
            String thread = "message:" + m.channel() + ":" + m.thread();
            outbox.knownMessage(h, thread, m.channel(), m.thread());
            outbox.enqueue(
                    h,
                    OutboxMessage.anchored(
                            key, thread, new SlackWrite.ThreadReply(OooNotices.mentionReply(team.shown(h, p)), null)));
        }
    }
}
