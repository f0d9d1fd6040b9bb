package com.cebot.ooo;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.multiUsersSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.customer.CustomerField;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The /ooo modal: first and last day out, who covers, the coverage plan, affected customers and the
 * handbook's five steps as checkboxes. Editing opens it pre-filled. The person's time zone (read
 * from Slack when it opened) and the period being edited travel in private_metadata, so the
 * submission is checked without calling Slack.
 */
final class OooModal {

    static final String CALLBACK_ID = "ooo_plan";
    static final String FIRST_DAY = "first_day";
    static final String LAST_DAY = "last_day";
    static final String COVERERS = "coverers";
    static final String PLAN = "plan";
    static final String CUSTOMERS = "customers";
    static final String STEPS = "steps";
    /** The customers select's action id; suggestions are asked for under it. */
    static final String CUSTOMER_SELECT = "ooo_customers";

    static final CustomerField CUSTOMER_FIELD = new CustomerField(CUSTOMERS, CUSTOMER_SELECT);
    static final String VALUE = "value";

    static final int PLAN_MAX = 1000;
    static final int MAX_COVERERS = 5;
    static final int MAX_CUSTOMERS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the modal opens with: empty for new time off, the stored period when editing. */
    record Prefill(
            Long periodId,
            LocalDate firstDay,
            LocalDate lastDay,
            List<String> coverers,
            String plan,
            List<String> customers,
            Set<OooStep> ticked) {

        static final Prefill NEW = new Prefill(null, null, null, List.of(), null, List.of(), Set.of());

        static Prefill of(OooPeriod p, Set<OooStep> ticked) {
            return new Prefill(p.id(), p.firstDay(), p.lastDay(), p.covererIds(), p.plan(), p.customerNames(), ticked);
        }
    }

    /** What the modal carries for its submission: the person's zone and the period being edited. */
    record Metadata(String zone, Long periodId) {

        String encode() {
            var node = JSON.createObjectNode().put("tz", zone);
            if (periodId != null) {
                node.put("period", periodId);
            }
            return node.toString();
        }

        /** Empty fields when the metadata is missing or unreadable (only this bot writes it). */
        static Metadata decode(String text) {
            try {
                JsonNode node = JSON.readTree(text == null || text.isEmpty() ? "{}" : text);
                return new Metadata(
                        node.hasNonNull("tz") ? node.get("tz").asText() : null,
                        node.hasNonNull("period") ? node.get("period").asLong() : null);
            } catch (Exception e) {
                return new Metadata(null, null);
            }
        }
    }

    private OooModal() {}

    /** Slack cuts a modal's submit button at 24 characters: this says what pressing it does. */
    static final String SUBMIT = "Save and tell your cover";

    static View build(Prefill prefill, String zone, String ceInternal) {
        boolean editing = prefill.periodId() != null;
        List<OptionObject> stepOptions =
                java.util.Arrays.stream(OooStep.values()).map(OooModal::option).toList();
        List<OptionObject> ticked = java.util.Arrays.stream(OooStep.values())
                .filter(prefill.ticked()::contains)
                .map(OooModal::option)
                .toList();
        return view(v -> v.type("modal")
                .callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text(editing ? "Edit time off" : "Plan time off")))
                .submit(viewSubmit(s -> s.type("plain_text").text(SUBMIT)))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(new Metadata(zone, prefill.periodId()).encode())
                .blocks(List.of(
                        context(x -> x.elements(List.of(markdownText("When you save, I tell the people covering and"
                                + " DM you a summary with help for each step still open; <#" + ceInternal
                                + "> hears on your first day out. Dates are in your time zone (" + zone + ").")))),
                        input(i -> i.blockId(FIRST_DAY)
                                .label(plainText("First day out"))
                                .element(datePicker(d -> d.actionId(VALUE).initialDate(text(prefill.firstDay()))))),
                        input(i -> i.blockId(LAST_DAY)
                                .label(plainText("Last day out"))
                                .element(datePicker(d -> d.actionId(VALUE).initialDate(text(prefill.lastDay()))))),
                        input(i -> i.blockId(COVERERS)
                                .label(plainText("Who covers for you"))
                                .hint(plainText("Up to " + MAX_COVERERS + " teammates. I tell them when you save and"
                                        + " on your first day out; they can tell you if they can't."))
                                .element(multiUsersSelect(u -> u.actionId(VALUE)
                                        .maxSelectedItems(MAX_COVERERS)
                                        .initialUsers(prefill.coverers().isEmpty() ? null : prefill.coverers())
                                        .placeholder(plainText("Pick teammates"))))),
                        input(i -> i.blockId(PLAN)
                                .optional(true)
                                .label(plainText("Coverage plan"))
                                .hint(plainText(
                                        OooStep.COVERAGE.handbook() + ": what should the people covering" + " know?"))
                                .element(plainTextInput(p -> p.actionId(VALUE)
                                        .multiline(true)
                                        .maxLength(PLAN_MAX)
                                        .initialValue(prefill.plan())))),
                        CUSTOMER_FIELD.multiSelect("Customers to tell", true, MAX_CUSTOMERS, prefill.customers()),
                        input(i -> i.blockId(STEPS)
                                .optional(true)
                                .label(plainText("Steps already done"))
                                .hint(plainText("The handbook's five steps before time off. Tick what is done; I"
                                        + " remind you of the rest and help with each."))
                                .element(checkboxes(c -> c.actionId(VALUE)
                                        .options(stepOptions)
                                        .initialOptions(ticked.isEmpty() ? null : ticked)))))));
    }

    /** The step as a ticked box reads, with the handbook's words under it. */
    private static OptionObject option(OooStep step) {
        return OptionObject.builder()
                .text(plainText(step.done()))
                .description(plainText(step.handbook()))
                .value(step.code())
                .build();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
