package com.cebot.supportticket.request;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Checked;
import com.cebot.slack.FormFields;
import com.cebot.slack.SourceMessage;
import com.cebot.slack.ViewStates;
import com.cebot.supportticket.TicketFields;
import com.cebot.supportticket.TicketLink;
import com.cebot.supportticket.TicketLinkParser;
import com.slack.api.model.view.View;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks a submitted request modal, and the decline modal. Slack already enforces required
 * fields and lengths in the client; they are checked again because a payload is only what it says.
 * Errors are keyed by the input block ids of the submitted view, so Slack shows each by its field.
 */
final class RequestForm {

    /** Why the head of support declined a request. */
    record Decline(long requestId, String reason) {}

    private RequestForm() {}

    /** @param today the CE's day in the team's time zone: a needed-by date before it is refused */
    static Checked<RequestDraft> check(View view, TicketLinkParser links, LocalDate today) {
        ViewStates state = ViewStates.of(view.getState());
        Map<String, String> errors = new LinkedHashMap<>();

        Optional<CustomerChoice> customer =
                TicketFields.customer(RequestModal.CUSTOMER_SELECT).required(state, errors);
        Optional<List<TicketLink>> parsed = TicketFields.links(state, RequestModal.VALUE, links, errors);

        String ask = required(state, RequestModal.ASK, "Say what you are asking the head of support for.", errors);
        String why = required(state, RequestModal.WHY, "Say why we are making this ask.", errors);
        String ifNot = required(state, RequestModal.IF_NOT, "Say what happens if we don't take this action.", errors);
        Optional<RequestDraft.Timing> timing = timing(state, today, errors);
        Optional<String> anythingElse = FormFields.optional(
                state, RequestModal.ANYTHING_ELSE, RequestModal.VALUE, RequestModal.ANYTHING_ELSE_MAX, errors);

        return Checked.of(
                errors,
                () -> new RequestDraft(
                        customer.get(),
                        parsed.get(),
                        ask,
                        why,
                        ifNot,
                        timing,
                        anythingElse,
                        SourceMessage.decode(view.getPrivateMetadata())));
    }

    static Checked<Decline> checkDecline(View view) {
        String reason = ViewStates.of(view.getState())
                .text(RequestModal.DECLINE_REASON, RequestModal.VALUE)
                .orElse("");
        if (reason.isEmpty()) {
            return Checked.invalid(RequestModal.DECLINE_REASON, "Tell the CE why, so they can tell the customer.");
        }
        if (reason.length() > RequestModal.DECLINE_REASON_MAX) {
            return Checked.invalid(
                    RequestModal.DECLINE_REASON, FormFields.tooLong("this", RequestModal.DECLINE_REASON_MAX));
        }
        try {
            return new Checked.Valid<>(new Decline(Long.parseLong(view.getPrivateMetadata()), reason));
        } catch (NumberFormatException e) {
            // Only this bot writes the metadata; a view without it cannot say which request it was for.
            return Checked.invalid(
                    RequestModal.DECLINE_REASON,
                    "This form lost track of its request." + " Close it and use Decline on the card again.");
        }
    }

    private static String required(ViewStates state, String blockId, String missing, Map<String, String> errors) {
        return FormFields.required(state, blockId, RequestModal.VALUE, RequestModal.ASK_MAX, missing, "this", errors)
                .orElse(null);
    }

    /**
     * The time consideration. What is said about timing is always taken, with a date or without
     * ("No rush" is an answer, and a date made up to get past the form would show an urgency that
     * is not real). A picked date is the deadline: it must not have passed, and it needs its why.
     */
    private static Optional<RequestDraft.Timing> timing(ViewStates state, LocalDate today, Map<String, String> errors) {
        Optional<String> reason = FormFields.optional(
                state, RequestModal.TIME_REASON, RequestModal.VALUE, RequestModal.TIME_REASON_MAX, errors);
        Optional<String> picked = state.date(RequestModal.NEEDED_BY, RequestModal.VALUE);
        if (picked.isEmpty()) {
            return reason.map(r -> new RequestDraft.Timing(null, r));
        }
        LocalDate date;
        try {
            date = LocalDate.parse(picked.get());
        } catch (DateTimeParseException e) {
            errors.put(RequestModal.NEEDED_BY, "Pick a date from the calendar.");
            return Optional.empty();
        }
        if (date.isBefore(today)) {
            errors.put(RequestModal.NEEDED_BY, "That date has passed. Pick today or a later date, or clear it.");
        }
        if (reason.isEmpty()) {
            errors.putIfAbsent(
                    RequestModal.TIME_REASON,
                    "Say why it's needed by " + RequestCard.day(date) + ", or clear the date.");
            return Optional.empty();
        }
        return Optional.of(new RequestDraft.Timing(date, reason.get()));
    }
}
