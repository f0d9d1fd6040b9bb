package com.cebot.sdrcollab;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.element.BlockElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bot's reply in a question's thread, addressed to the SDR who asked: who will answer, what has
 * happened, who may press what, and the buttons, Answered first. Pure, and drawn from the stored
 * question each time, so whichever update lands last shows the latest state; its {@code text} says
 * what the blocks say. It names people with mentions only; nothing typed by anyone appears in it.
 */
final class AssignmentReply {

    private AssignmentReply() {}

    /** What push notifications and screen readers read: the state, then what happened. */
    static String text(Question q, Routing routing) {
        List<String> facts = facts(q);
        return state(q, routing) + (facts.isEmpty() ? "" : " " + String.join(". ", facts) + ".");
    }

    private static String state(Question q, Routing routing) {
        String to = "<@" + q.asker() + ">: ";
        if (!q.open()) {
            return to + "answered" + (q.answeredBy() == null ? "" : ", marked by <@" + q.answeredBy() + ">") + ".";
        }
        if (q.assignee() == null) {
            return to + "nobody in " + routing.groupMention() + " can take this question right now (out of office,"
                    + " leaving soon, or at their limit of open questions). Anyone in the group can still take it.";
        }
        return to + "<@" + q.assignee() + "> will answer here" + (q.assignment() > 1 ? " now" : "") + ".";
    }

    private static List<String> facts(Question q) {
        List<String> facts = new ArrayList<>();
        if (q.responded()) {
            facts.add("First response by <@" + q.firstResponseBy() + "> after " + workingTime(q.firstResponseSecs())
                    + " of working time");
        }
        if (q.escalatedAt() != null) {
            facts.add("Escalated"
                    + (q.escalatedBy() == null
                            ? " after a working day without an answer"
                            : " by <@" + q.escalatedBy() + ">"));
        }
        return facts;
    }

    static List<LayoutBlock> blocks(Question q, Routing routing) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(state(q, routing)))));
        List<String> facts = facts(q);
        if (!facts.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(String.join(" · ", facts))))));
        }
        if (q.open()) {
            blocks.add(actions(a -> a.blockId("sdr_question_" + q.id()).elements(buttons(q, routing))));
            String group = "anyone in @" + routing.groupHandle();
            blocks.add(context(c -> c.elements(List.of(markdownText("*Answered* and *Escalate*: whoever has it, "
                    + group + " or the SDR who asked · *I'll take it*: " + group + " · *Pass*: whoever has it or "
                    + group)))));
        }
        return blocks;
    }

    /** Answered is the one primary action; the others say to whom the question goes. */
    private static List<BlockElement> buttons(Question q, Routing routing) {
        String id = Long.toString(q.id());
        List<BlockElement> buttons = new ArrayList<>();
        buttons.add(button(b -> b.actionId(Press.ANSWERED.actionId)
                .value(id)
                .text(plainText("Answered"))
                .style("primary")
                .confirm(confirm(
                        "Mark it answered?",
                        "Nobody will be chased about this question"
                                + " any more, and its buttons go. This can't be undone.",
                        "Answered"))));
        buttons.add(button(b -> b.actionId(Press.CLAIM.actionId).value(id).text(plainText("I'll take it"))));
        buttons.add(button(b -> b.actionId(Press.PASS.actionId).value(id).text(plainText("Pass to the next CE"))));
        if (q.escalatedAt() == null) {
            buttons.add(button(b -> b.actionId(Press.ESCALATE.actionId)
                    .value(id)
                    .text(plainText(routing.escalateLabel()))
                    .confirm(confirm(
                            "Escalate?",
                            (routing.escalateName().isEmpty()
                                            ? "I'll say in this thread that it needs help (nobody is set to be tagged)."
                                            : "I'll tag " + routing.escalateName() + " in this thread to ask for help.")
                                    + " This can't be undone.",
                            "Escalate"))));
        }
        return buttons;
    }

    private static ConfirmationDialogObject confirm(String title, String text, String yes) {
        return ConfirmationDialogObject.builder()
                .title(plainText(title))
                .text(plainText(text))
                .confirm(plainText(yes))
                .deny(plainText("Not yet"))
                .build();
    }

    /** "45 min", "2 h 05 min". */
    static String workingTime(Long seconds) {
        long minutes = Duration.ofSeconds(seconds == null ? 0 : seconds).toMinutes();
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
    }
}
