package com.cebot.sdrcollab;

import java.util.Optional;

/**
 * Who may press what on a question's assignment reply. Claiming is for members of the group; the
 * assignee or any member may pass it on; the SDR who asked may also mark it answered or escalate it
 * (they know when they have their answer, and when they are stuck).
 */
final class Permissions {

    private Permissions() {}

    /** Why {@code actor} may not press it, or empty when they may. */
    static Optional<String> refusal(Press press, String actor, Question q, boolean member, String groupMention) {
        boolean assignee = actor.equals(q.assignee());
        boolean asker = actor.equals(q.asker());
        return switch (press) {
            case CLAIM ->
                member
                        ? Optional.empty()
                        : Optional.of("Only members of " + groupMention + " can take SDR questions; nothing changed.");
            case PASS ->
                member || assignee
                        ? Optional.empty()
                        : Optional.of("Only the CE who owns this question or a member of " + groupMention
                                + " can pass it on; nothing changed.");
            case ANSWERED, ESCALATE ->
                member || assignee || asker
                        ? Optional.empty()
                        : Optional.of("Only the CE who owns this question, a member of " + groupMention
                                + " or the person who asked can "
                                + (press == Press.ANSWERED ? "mark it answered" : "escalate it")
                                + "; nothing changed.");
        };
    }
}
