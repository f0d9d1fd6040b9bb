package com.cebot.feedback;

import com.cebot.slack.Checked;
import com.cebot.slack.HttpsLink;
import com.cebot.slack.UnhandledInteractions;
import com.cebot.slack.ViewStates;
import com.slack.api.model.view.View;
import java.util.Optional;

/** Reads and checks the product team's modals: status, merge, Salesforce record. */
final class GapForms {

    /** What the product team asked of a gap: its new status, the gap to merge it into, its record's link. */
    record Edit<T>(long gapId, T value, String note) {}

    private GapForms() {}

    static Checked<Edit<GapStatus>> status(View view) {
        ViewStates state = ViewStates.of(view.getState());
        Optional<GapStatus> status =
                state.selected(GapModals.STATUS, GapModals.VALUE).flatMap(GapStatus::ofDb);
        if (status.isEmpty()) {
            return Checked.invalid(GapModals.STATUS, "Pick the gap's status.");
        }
        return withNote(view, state, GapModals.STATUS, status.get());
    }

    static Checked<Edit<Long>> merge(View view) {
        ViewStates state = ViewStates.of(view.getState());
        Optional<GapChoice> target =
                state.selected(GapModals.TARGET, GapModals.MERGE_SELECT).flatMap(GapChoice::parse);
        if (target.isEmpty() || !(target.get() instanceof GapChoice.Existing existing)) {
            return Checked.invalid(GapModals.TARGET, "Pick the gap to merge it into from the list.");
        }
        return withNote(view, state, GapModals.TARGET, existing.id());
    }

    /** The record's link, or the empty string to remove it. */
    static Checked<Edit<String>> record(View view) {
        Optional<String> link = ViewStates.of(view.getState()).text(GapModals.RECORD, GapModals.VALUE);
        if (link.isPresent() && !HttpsLink.valid(link.get(), GapModals.RECORD_MAX)) {
            return Checked.invalid(
                    GapModals.RECORD,
                    "Give the record's https link (up to " + GapModals.RECORD_MAX
                            + " characters), such as https://acme.lightning.force.com/…, or leave it empty.");
        }
        return gapId(view)
                .<Checked<Edit<String>>>map(id -> new Checked.Valid<>(new Edit<>(id, link.orElse(""), null)))
                .orElseGet(() -> lostTrack(GapModals.RECORD));
    }

    private static <T> Checked<Edit<T>> withNote(View view, ViewStates state, String field, T value) {
        Optional<String> note = state.text(GapModals.NOTE, GapModals.VALUE);
        if (note.isPresent() && note.get().length() > GapModals.NOTE_MAX) {
            return Checked.invalid(GapModals.NOTE, "Keep the note to " + GapModals.NOTE_MAX + " characters.");
        }
        return gapId(view)
                .<Checked<Edit<T>>>map(id -> new Checked.Valid<>(new Edit<>(id, value, note.orElse(null))))
                .orElseGet(() -> lostTrack(field));
    }

    private static Optional<Long> gapId(View view) {
        var id = UnhandledInteractions.recordId(view.getPrivateMetadata());
        return id.isPresent() ? Optional.of(id.getAsLong()) : Optional.empty();
    }

    /** Only this bot writes the metadata; a view without it cannot say which gap it was for. */
    private static <T> Checked<T> lostTrack(String field) {
        return Checked.invalid(
                field, "This form lost track of its gap. Close it and use the button on the card again.");
    }
}
