package com.cebot.sdrcollab;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Checked;
import com.cebot.slack.FormFields;
import com.cebot.slack.HttpsLink;
import com.cebot.slack.ViewStates;
import com.slack.api.model.view.View;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads and checks a submitted "Ask the CE team" modal; Slack's own checks are done again here. */
final class AskForm {

    private AskForm() {}

    static Checked<AskDraft> check(View view) {
        ViewStates state = ViewStates.of(view.getState());
        Map<String, String> errors = new LinkedHashMap<>();

        Optional<String> question = FormFields.required(
                state,
                AskModal.QUESTION,
                AskModal.VALUE,
                AskModal.QUESTION_MAX,
                "Write your question.",
                "the question",
                errors);

        Optional<String> picked = AskModal.ACCOUNT_FIELD.picked(state);
        Optional<CustomerChoice> account = picked.flatMap(CustomerChoice::parse);
        if (picked.isPresent() && account.isEmpty()) {
            errors.put(AskModal.ACCOUNT, "Pick the account again from the list.");
        } else if (account.isPresent() && !CustomerChoice.fits(account.get())) {
            errors.put(AskModal.ACCOUNT, "Keep the account name to " + CustomerChoice.MAX_NAME + " characters.");
        }

        Optional<String> link = state.text(AskModal.LINK, AskModal.VALUE);
        if (link.isPresent() && !HttpsLink.valid(link.get(), AskModal.LINK_MAX)) {
            errors.put(
                    AskModal.LINK,
                    "Give one https link, such as https://acme.lightning.force.com/…, or leave it empty.");
        }

        Optional<AskDraft.Urgency> urgency =
                state.selected(AskModal.URGENCY, AskModal.VALUE).flatMap(AskForm::urgency);
        if (urgency.isEmpty()) {
            errors.put(AskModal.URGENCY, "Say when you need the answer.");
        }

        return Checked.of(errors, () -> new AskDraft(question.get(), account, link, urgency.get()));
    }

    private static Optional<AskDraft.Urgency> urgency(String value) {
        try {
            return Optional.of(AskDraft.Urgency.valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
