package com.cebot.retention;

import com.cebot.db.Deliveries;
import com.cebot.db.Erasure;
import com.cebot.feature.StoredRecords;
import com.cebot.feature.StoredRecords.Count;
import com.cebot.slack.StoredGroupMembers;
import com.cebot.work.FinishedWork;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Forgets a person: each workflow deletes what they typed and blanks where it names them in its own
 * tables, then the engine removes the work that names them (their forms, the DMs to them, the cards
 * and notes naming them), the payload keys of their clicks and their place in the user group lists
 * kept. All in one transaction, with freed space overwritten; then the whole database is searched
 * for their ID once more, and, unless it was a dry run, the file is rewritten and the write-ahead
 * log emptied so the old bytes are gone from disk too. A dry run does the same work and rolls it
 * back.
 */
public final class Forgetting {

    /**
     * @param changed    rows changed, by what they were
     * @param stillNamed columns that still name the person afterwards (should be none)
     * @param wiped      how the files were rewritten; empty for a dry run
     */
    public record Result(List<Count> changed, List<String> stillNamed, Optional<Erasure.Wiped> wiped) {}

    private final Jdbi jdbi;
    private final List<StoredRecords> workflows;

    public Forgetting(Jdbi jdbi, List<StoredRecords> workflows) {
        this.jdbi = jdbi;
        this.workflows = List.copyOf(workflows);
    }

    public Result forget(String person, boolean dryRun) {
        Result found = jdbi.withHandle(handle -> {
            Erasure.overwriteDeletes(handle);
            return handle.inTransaction(h -> {
                Set<String> theirWords = new HashSet<>();
                workflows.forEach(w -> theirWords.addAll(w.writesWithWordsOf(h, person)));
                List<Count> changed = new ArrayList<>();
                for (StoredRecords workflow : workflows) {
                    changed.addAll(workflow.forget(h, person));
                }
                FinishedWork.Forgotten work = FinishedWork.forget(h, person, theirWords, (hh, keys) -> {
                    Set<String> inUse = new HashSet<>();
                    workflows.forEach(w -> inUse.addAll(w.anchorsInUse(hh, keys)));
                    return inUse;
                });
                changed.add(
                        new Count("Slack writes, jobs and forms naming them or carrying their words", work.removed()));
                changed.add(
                        new Count("posts others' replies still need, kept without their text", work.keptWithoutText()));
                changed.add(new Count("writes that waited on a removed post", work.waitingRemoved()));
                changed.add(new Count(
                        "clicks remembered as handled",
                        h.attach(Deliveries.class).forget(person)));
                changed.add(new Count("user group member lists kept", StoredGroupMembers.forget(h, person)));
                List<String> still = Erasure.stillNaming(h, person);
                if (dryRun) {
                    h.rollback();
                }
                return new Result(changed, still, Optional.empty());
            });
        });
        if (dryRun) {
            return found;
        }
        return new Result(found.changed(), found.stillNamed(), Optional.of(Erasure.wipe(jdbi)));
    }
}
