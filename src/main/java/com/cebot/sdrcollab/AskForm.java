package com.cebot.sdrcollab;

import com.cebot.slack.ViewStates;
import com.cebot.customer.CustomerChoice;
import com.slack.api.model.view.View;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads and checks a submitted "Ask the CE team" modal; Slack's own checks are done again here. */
final class AskForm {

    sealed interface Checked {
        record Valid(AskDraft draft) implements Checked {}

        record Invalid(Map<String, String> errors) implements Checked {}
    }

    private AskForm() {}

    static Checked check(View view) {
        ViewStates state = ViewStates.of(view.getState());
        Map<String, String> errors = new LinkedHashMap<>();

        Optional<String> question = state.text(AskModal.QUESTION, AskModal.VALUE);
        if (question.isEmpty()) {
            errors.put(AskModal.QUESTION, "Write your question.");
        } else if (question.get().length() > AskModal.QUESTION_MAX) {
            errors.put(AskModal.QUESTION, "Keep the question to " + AskModal.QUESTION_MAX
                    + " characters; link to a doc for more.");
        }

        Optional<String> picked = state.selected(AskModal.ACCOUNT, AskModal.ACCOUNT_SELECT);
        Optional<CustomerChoice> account = picked.flatMap(CustomerChoice::parse);
        if (picked.isPresent() && account.isEmpty()) {
            errors.put(AskModal.ACCOUNT, "Pick the account again from the list.");
        } else if (account.orElse(null) instanceof CustomerChoice.New n && n.name().length() > CustomerChoice.MAX_NAME) {
            errors.put(AskModal.ACCOUNT, "Keep the account name to " + CustomerChoice.MAX_NAME + " characters.");
        }

        Optional<String> link = state.text(AskModal.LINK, AskModal.VALUE);
        if (link.isPresent() && !isHttps(link.get())) {
            errors.put(AskModal.LINK, "Give one https link, such as https://acme.lightning.force.com/…, or leave it empty.");
        }

        Optional<AskDraft.Urgency> urgency = state.selected(AskModal.URGENCY, AskModal.VALUE).flatMap(AskForm::urgency);
        if (urgency.isEmpty()) {
            errors.put(AskModal.URGENCY, "Say when you need the answer.");
        }

        if (!errors.isEmpty()) {
            return new Checked.Invalid(errors);
        }
        return new Checked.Valid(new AskDraft(question.get(), account, link, urgency.get()));
    }

    private static boolean isHttps(String text) {
        if (text.length() > AskModal.LINK_MAX || text.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<AskDraft.Urgency> urgency(String value) {
        try {
            return Optional.of(AskDraft.Urgency.valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
