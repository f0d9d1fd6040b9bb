package com.cebot.feedback;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Checked;
import com.cebot.slack.FormFields;
import com.cebot.slack.HttpsLink;
import com.cebot.slack.Mrkdwn;
import com.cebot.slack.SourceMessage;
import com.cebot.slack.ViewStates;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Reads and checks a submitted "Share product feedback" modal. Slack already enforces required
 * fields and lengths in the client; they are checked again because a payload is only what it says.
 * A gap picked from the list is looked up, since it may have been merged or closed while the form
 * was open. Errors are keyed by the input block ids, so Slack shows each by its field.
 */
final class ShareForm {

    /** Most merges followed to name where a gap's feedback went. */
    private static final int MERGE_HOPS = 20;

    private ShareForm() {}

    /**
     * @param categories the categories a new gap may take, the neutral one first
     * @param gaps       reads a gap on record (one query by key, before the ack)
     */
    static Checked<ShareDraft> check(View view, List<String> categories, LongFunction<Optional<Gap>> gaps) {
        ViewStates state = ViewStates.of(view.getState());
        Map<String, String> errors = new LinkedHashMap<>();

        List<CustomerChoice> customers = customers(state, errors);
        ShareDraft.Target target = target(state, categories, gaps, errors);

        Optional<String> need = FormFields.required(
                state,
                ShareModal.NEED,
                ShareModal.VALUE,
                ShareModal.NEED_MAX,
                "Say what the customer needs, in their words if you have them.",
                "this",
                errors);
        Optional<Severity> severity =
                state.selected(ShareModal.SEVERITY, ShareModal.VALUE).flatMap(Severity::ofDb);
        if (severity.isEmpty()) {
            errors.put(ShareModal.SEVERITY, "Pick how hard this hits the customer.");
        }
        Optional<String> blocks =
                FormFields.optional(state, ShareModal.BLOCKS, ShareModal.VALUE, ShareModal.BLOCKS_MAX, errors);
        Optional<String> workaround =
                FormFields.optional(state, ShareModal.WORKAROUND, ShareModal.VALUE, ShareModal.WORKAROUND_MAX, errors);
        Optional<String> link = state.text(ShareModal.LINK, ShareModal.VALUE);
        if (link.isPresent() && !HttpsLink.valid(link.get(), ShareModal.LINK_MAX)) {
            errors.put(
                    ShareModal.LINK,
                    "Give one https link (up to " + ShareModal.LINK_MAX + " characters), such as"
                            + " https://acme.lightning.force.com/…, or leave it empty.");
        }
        boolean anonymous =
                state.selectedAll(ShareModal.ANONYMOUS, ShareModal.VALUE).contains(ShareModal.ANONYMOUS);

        return Checked.of(
                errors,
                () -> new ShareDraft(
                        customers,
                        target,
                        need.get(),
                        severity.get(),
                        blocks,
                        workaround,
                        link,
                        anonymous,
                        SourceMessage.decode(view.getPrivateMetadata())));
    }

    private static List<CustomerChoice> customers(ViewStates state, Map<String, String> errors) {
        List<String> picked = ShareModal.CUSTOMER_FIELD.pickedAll(state);
        List<CustomerChoice> customers = new ArrayList<>();
        for (String value : new LinkedHashSet<>(picked)) {
            Optional<CustomerChoice> choice = CustomerChoice.parse(value);
            if (choice.isEmpty()) {
                errors.put(ShareModal.CUSTOMERS, "Pick the customers again from the list.");
                return List.of();
            }
            if (!CustomerChoice.fits(choice.get())) {
                errors.put(
                        ShareModal.CUSTOMERS, "Keep each customer name to " + CustomerChoice.MAX_NAME + " characters.");
                return List.of();
            }
            customers.add(choice.get());
        }
        if (customers.isEmpty()) {
            errors.put(
                    ShareModal.CUSTOMERS,
                    "Pick at least one customer, or type a new name and choose" + " \"New customer\".");
        } else if (customers.size() > ShareModal.MAX_CUSTOMERS) {
            errors.put(
                    ShareModal.CUSTOMERS,
                    "Name at most " + ShareModal.MAX_CUSTOMERS + " customers at once;"
                            + " share again for the others.");
        }
        return customers;
    }

    private static ShareDraft.Target target(
            ViewStates state, List<String> categories, LongFunction<Optional<Gap>> gaps, Map<String, String> errors) {
        Optional<GapChoice> choice =
                state.selected(ShareModal.GAP, ShareModal.GAP_SELECT).flatMap(GapChoice::parse);
        if (choice.isEmpty()) {
            errors.put(ShareModal.GAP, "Find the gap, or type what is missing and pick \"New gap\".");
            return null;
        }
        if (choice.get() instanceof GapChoice.Existing existing) {
            Optional<Gap> gap = gaps.apply(existing.id());
            if (gap.isEmpty()) {
                errors.put(ShareModal.GAP, "That gap is not on record. Search again.");
            } else if (gap.get().merged()) {
                String into = whereMerged(gap.get(), gaps).map(Gap::title).orElse("another gap");
                errors.put(
                        ShareModal.GAP, "That gap was merged into \"" + shown(into) + "\" meanwhile: pick that one.");
            } else if (gap.get().status().closed()) {
                errors.put(
                        ShareModal.GAP,
                        "That gap was closed as " + gap.get().status().label() + " meanwhile."
                                + " Pick another, or make a new gap.");
            }
            return new ShareDraft.Target.Existing(existing.id());
        }
        String typed = ((GapChoice.New) choice.get()).typed();
        String title = state.text(ShareModal.TITLE, ShareModal.VALUE)
                .map(t -> t.replaceAll("\\s+", " "))
                .orElse(typed);
        if (title.length() > ShareModal.TITLE_MAX) {
            errors.put(
                    state.text(ShareModal.TITLE, ShareModal.VALUE).isPresent() ? ShareModal.TITLE : ShareModal.GAP,
                    "Keep the title to one line of " + ShareModal.TITLE_MAX + " characters.");
        }
        String category = state.selected(ShareModal.CATEGORY, ShareModal.VALUE).orElse(categories.get(0));
        if (!categories.contains(category)) {
            errors.put(ShareModal.CATEGORY, "That category is no longer offered; pick another.");
        }
        return new ShareDraft.Target.Create(title, category);
    }

    /** Where a merged gap's feedback goes now: the end of its merges (a merge may be merged again). */
    private static Optional<Gap> whereMerged(Gap merged, LongFunction<Optional<Gap>> gaps) {
        Optional<Gap> into = gaps.apply(merged.mergedInto());
        for (int hop = 0; into.isPresent() && into.get().merged() && hop < MERGE_HOPS; hop++) {
            into = gaps.apply(into.get().mergedInto());
        }
        return into;
    }

    /** A title inside an error: errors show as plain text, and stay short. */
    private static String shown(String title) {
        return Mrkdwn.truncate(Mrkdwn.plain(title), 80);
    }
}
