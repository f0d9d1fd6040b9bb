package com.cebot.ooo;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Checked;
import com.cebot.slack.FormFields;
import com.cebot.slack.ViewStates;
import com.slack.api.model.view.View;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks a submitted /ooo modal. Slack enforces required fields and lengths in the
 * client; they are checked again because a payload is only what it says. Errors are keyed by the
 * input block ids, so Slack shows each next to its field.
 */
final class OooForm {

    /** One period of time off is at most this long; longer leave is planned in parts. */
    static final int MAX_DAYS = 180;
    /** Time off is planned at most this far ahead. */
    static final int MAX_DAYS_AHEAD = 366;

    private OooForm() {}

    /**
     * @param person  who submitted
     * @param zone    the person's time zone, in which {@code today} is their day
     * @param today   the person's day: a first day before it is refused
     * @param own     the person's periods that have not ended (the one being edited included)
     * @param maxPlanned how many such periods one person may have; a new one beyond it is refused
     */
    static Checked<OooDraft> check(
            View view, String person, String zone, LocalDate today, List<OooPeriod> own, int maxPlanned) {
        ViewStates state = ViewStates.of(view.getState());
        Long editing = OooModal.Metadata.decode(view.getPrivateMetadata()).periodId();
        Map<String, String> errors = new LinkedHashMap<>();

        LocalDate first = date(state, OooModal.FIRST_DAY, "Pick your first day out.", errors);
        LocalDate last = date(state, OooModal.LAST_DAY, "Pick your last day out.", errors);
        if (first != null && first.isBefore(today)) {
            errors.put(
                    OooModal.FIRST_DAY,
                    "That day has passed where you are (today is " + OooDates.day(today)
                            + "). Pick today or a later day.");
        } else if (first != null && first.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            errors.put(OooModal.FIRST_DAY, "Plan time off at most a year ahead.");
        }
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                errors.put(
                        OooModal.LAST_DAY,
                        "Your last day out is before your first. Pick " + OooDates.day(first) + " or later.");
            } else if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
                errors.put(OooModal.LAST_DAY, "Keep one period to " + MAX_DAYS + " days; plan longer leave in parts.");
            } else {
                own.stream()
                        .filter(p -> (editing == null || p.id() != editing) && p.overlaps(first, last))
                        .findFirst()
                        .ifPresent(p -> errors.putIfAbsent(OooModal.FIRST_DAY, overlap(p)));
            }
        }
        if (editing == null && own.size() >= maxPlanned) {
            errors.putIfAbsent(OooModal.FIRST_DAY, tooMany(maxPlanned));
        }

        Optional<List<String>> picked = state.users(OooModal.COVERERS, OooModal.VALUE);
        List<String> coverers = picked.orElse(List.of());
        if (picked.isEmpty()) {
            errors.put(OooModal.COVERERS, "Pick the people covering from the list.");
        } else if (coverers.isEmpty()) {
            errors.put(OooModal.COVERERS, "Pick who covers for you while you are out.");
        } else if (coverers.contains(person)) {
            errors.put(OooModal.COVERERS, "You can't cover your own time off: pick a teammate.");
        } else if (coverers.size() > OooModal.MAX_COVERERS) {
            errors.put(OooModal.COVERERS, "Pick at most " + OooModal.MAX_COVERERS + " people.");
        }

        Optional<String> plan = FormFields.optional(state, OooModal.PLAN, OooModal.VALUE, OooModal.PLAN_MAX, errors);

        List<CustomerChoice> customers = new ArrayList<>();
        for (String value : OooModal.CUSTOMER_FIELD.pickedAll(state)) {
            Optional<CustomerChoice> choice = CustomerChoice.parse(value);
            if (choice.isEmpty() || !CustomerChoice.fits(choice.get())) {
                errors.put(
                        OooModal.CUSTOMERS,
                        "Pick customers from the list, or type a name (at most " + CustomerChoice.MAX_NAME
                                + " characters) and choose \"New customer\".");
            } else {
                customers.add(choice.get());
            }
        }
        if (customers.size() > OooModal.MAX_CUSTOMERS) {
            errors.put(OooModal.CUSTOMERS, "Pick at most " + OooModal.MAX_CUSTOMERS + " customers.");
        }

        List<String> steps = state.selectedAll(OooModal.STEPS, OooModal.VALUE);
        if (steps.stream().anyMatch(s -> OooStep.ofCode(s).isEmpty())) {
            errors.put(OooModal.STEPS, "Tick the steps from the list.");
        }

        return Checked.of(
                errors,
                () -> new OooDraft(
                        editing,
                        zone,
                        first,
                        last,
                        List.copyOf(coverers),
                        plan.orElse(null),
                        List.copyOf(customers),
                        List.copyOf(steps)));
    }

    static String tooMany(int maxPlanned) {
        return "You already have " + maxPlanned + " periods of time off planned, the most one person can have."
                + " Edit or cancel one (type /ooo) to plan another.";
    }

    static String overlap(OooPeriod p) {
        return "You already have time off planned " + OooDates.range(p.firstDay(), p.lastDay())
                + ". Pick other days, or edit that one (type /ooo).";
    }

    private static LocalDate date(ViewStates state, String blockId, String missing, Map<String, String> errors) {
        Optional<String> picked = state.date(blockId, OooModal.VALUE);
        if (picked.isEmpty()) {
            errors.put(blockId, missing);
            return null;
        }
        try {
            return LocalDate.parse(picked.get());
        } catch (DateTimeParseException e) {
            errors.put(blockId, "Pick a date from the calendar.");
            return null;
        }
    }
}
