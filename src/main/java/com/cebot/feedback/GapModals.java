package com.cebot.feedback;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.externalSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.slack.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import java.util.Arrays;
import java.util.List;

/**
 * The product team's modals, opened from a gap's card or Home: set the status (with an optional
 * note), merge the gap into another, set its Salesforce record. The gap's id travels in
 * private_metadata. Pure, like the card.
 */
final class GapModals {

    static final String STATUS_CALLBACK = "feedback_status";
    static final String MERGE_CALLBACK = "feedback_merge";
    static final String RECORD_CALLBACK = "feedback_record";
    static final String STATUS = "status";
    static final String NOTE = "note";
    static final String TARGET = "target";
    static final String MERGE_SELECT = "feedback_merge_target";
    static final String RECORD = "record";
    static final String VALUE = "value";
    static final int NOTE_MAX = 500;
    static final int RECORD_MAX = 500;

    private GapModals() {}

    static View status(Gap gap) {
        List<OptionObject> options = Arrays.stream(GapStatus.values())
                .map(s -> option(o -> o.text(plainText(s.label()))
                        .description(plainText(s.meaning()))
                        .value(s.db())))
                .toList();
        OptionObject current = options.get(gap.status().ordinal());
        return modal(
                STATUS_CALLBACK,
                "Set status",
                "Set status",
                gap,
                List.of(
                        about(gap),
                        input(i -> i.blockId(STATUS)
                                .label(plainText("Status"))
                                .element(radioButtons(
                                        r -> r.actionId(VALUE).options(options).initialOption(current)))),
                        note("Everyone who shared feedback on this gap gets it in a DM; it is also noted in the card's"
                                + " thread.")));
    }

    static View merge(Gap gap) {
        return modal(
                MERGE_CALLBACK,
                "Merge gap",
                "Merge",
                gap,
                List.of(
                        about(gap),
                        input(i -> i.blockId(TARGET)
                                .label(plainText("Merge it into"))
                                .hint(plainText("Its submissions move there; this card then says where they went."))
                                .element(externalSelect(s -> s.actionId(MERGE_SELECT)
                                        .minQueryLength(1)
                                        .placeholder(plainText("Search the gaps"))))),
                        note("The people who shared feedback on this gap get it in a DM with where it went.")));
    }

    static View record(Gap gap) {
        return modal(
                RECORD_CALLBACK,
                "Salesforce record",
                "Save",
                gap,
                List.of(
                        about(gap),
                        input(i -> i.blockId(RECORD)
                                .label(plainText("Salesforce record"))
                                .optional(true)
                                .hint(plainText(
                                        "The https link of the gap's record. Leave it empty to remove the link."))
                                .element(plainTextInput(p ->
                                        p.actionId(VALUE).maxLength(RECORD_MAX).initialValue(gap.recordLink()))))));
    }

    private static LayoutBlock about(Gap gap) {
        return section(s -> s.text(markdownText("*" + Mrkdwn.truncate(Mrkdwn.escape(gap.title()), 600) + "*\n"
                + gap.status().label() + " · " + GapCard.customers(gap.customers()))));
    }

    private static LayoutBlock note(String hint) {
        return input(i -> i.blockId(NOTE)
                .label(plainText("Note"))
                .optional(true)
                .hint(plainText(hint))
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).maxLength(NOTE_MAX))));
    }

    private static View modal(String callbackId, String title, String submit, Gap gap, List<LayoutBlock> blocks) {
        return view(v -> v.type("modal")
                .callbackId(callbackId)
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(s -> s.type("plain_text").text(submit)))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(Long.toString(gap.id()))
                .blocks(blocks));
    }
}
