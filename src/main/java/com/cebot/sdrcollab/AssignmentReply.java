package com.cebot.sdrcollab;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bot's reply in a question's thread: who owns it, what has happened, and the buttons. Pure,
 * and drawn from the stored question each time, so whichever update lands last shows the latest
 * state. It names people with mentions only; nothing typed by anyone appears in it.
 */
final class AssignmentReply {

    private AssignmentReply() {}

    static String text(Question q, String groupMention) {
        if (!q.open()) {
            return "Answered" + (q.answeredBy() == null ? "" : ", marked by <@" + q.answeredBy() + ">") + ".";
        }
        if (q.assignee() == null) {
            return "Nobody in " + groupMention + " can take this question right now (out of office, leaving soon,"
                    + " or at their limit of open questions). Anyone in the group can still take it.";
        }
        return "<@" + q.assignee() + "> owns this question" + (q.assignment() > 1 ? " now" : "")
                + ". Reply in this thread; press Answered when it is.";
    }

    static List<LayoutBlock> blocks(Question q, String groupMention) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(text(q, groupMention)))));
        List<String> facts = new ArrayList<>();
        if (q.responded()) {
            facts.add("First response by <@" + q.firstResponseBy() + "> after " + workingTime(q.firstResponseSecs())
                    + " of working time");
        }
        if (q.escalatedAt() != null) {
            facts.add("Escalated" + (q.escalatedBy() == null ? " after a working day without an answer"
                    : " by <@" + q.escalatedBy() + ">"));
        }
        if (!facts.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(String.join(" · ", facts))))));
        }
        if (q.open()) {
            List<BlockElement> buttons = new ArrayList<>();
            for (Press p : Press.values()) {
                if (p == Press.ESCALATE && q.escalatedAt() != null) {
                    continue;
                }
                buttons.add(button(b -> b.actionId(p.actionId).value(Long.toString(q.id())).text(plainText(p.label))
                        .style(p == Press.ANSWERED ? "primary" : null)));
            }
            blocks.add(actions(a -> a.blockId("sdr_question_" + q.id()).elements(buttons)));
        }
        return blocks;
    }

    /** "45 min", "2 h 05 min". */
    static String workingTime(Long seconds) {
        long minutes = Duration.ofSeconds(seconds == null ? 0 : seconds).toMinutes();
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
    }
}
