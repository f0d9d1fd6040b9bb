package com.cebot.feedback;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.externalSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.customer.CustomerField;
import com.cebot.slack.Mrkdwn;
import com.cebot.slack.ShortcutMessage;
import com.cebot.slack.SourceMessage;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Share product feedback" modal. Pure: what it shows depends only on the arguments. The gap
 * select dispatches its choice, so that the category and title of a new gap are asked for only once
 * "New gap" is picked; Slack keeps what was already typed when the modal is redrawn.
 */
final class ShareModal {

    static final String CALLBACK_ID = "feedback_share";
    static final String MESSAGE_CALLBACK_ID = "feedback_share_message";
    static final String CUSTOMERS = "customers";
    static final String CUSTOMER_SELECT = "feedback_customers";
    static final CustomerField CUSTOMER_FIELD = new CustomerField(CUSTOMERS, CUSTOMER_SELECT);
    static final String GAP = "gap";
    static final String GAP_SELECT = "feedback_gap";
    static final String CATEGORY = "category";
    static final String TITLE = "title";
    static final String NEED = "need";
    static final String SEVERITY = "severity";
    static final String BLOCKS = "blocks";
    static final String WORKAROUND = "workaround";
    static final String LINK = "link";
    static final String ANONYMOUS = "anonymous";
    /** Every other input is alone in its block, so its action id can be fixed. */
    static final String VALUE = "value";

    static final int MAX_CUSTOMERS = 10;
    static final int NEED_MAX = 2000;
    static final int BLOCKS_MAX = 500;
    static final int WORKAROUND_MAX = 1000;
    static final int LINK_MAX = 500;
    static final int TITLE_MAX = GapChoice.MAX_TITLE;

    /**
     * What the modal opens with: a message's text and permalink (the message shortcut), a gap
     * already picked (a card's "Add a customer"), and where the message was.
     */
    record Prefill(String need, String link, String sourceChannel, String sourceTs, PickedGap gap) {
        static final Prefill NONE = new Prefill(null, null, null, null, null);

        /** Only where the message was: what a redraw keeps in the modal's metadata. */
        /** The message a shortcut was used on: its text as the need, its link as the link. */
        static Prefill of(ShortcutMessage message) {
            return new Prefill(message.quoted(), message.link(), message.channel(), message.ts(), null);
        }

        static Prefill source(SourceMessage source) {
            return source == null ? NONE : new Prefill(null, null, source.channel(), source.ts(), null);
        }
    }

    /** A gap option as the gap select shows it. */
    record PickedGap(String text, String value) {}

    private ShareModal() {}

    /**
     * @param categories what a new gap may be filed under, the neutral one first
     * @param newGap     "New gap" is picked: ask for its category and title
     */
    static View build(String feedbackChannel, List<String> categories, Prefill prefill, boolean newGap) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(context(c -> c.elements(List.of(markdownText("A *product gap* is a feature request or an"
                + " enhancement customers want, not a bug: for a bug, use the Support Ticket Context or Support"
                + " Ticket Request shortcut. I post each gap once in <#" + feedbackChannel + ">, add each customer"
                + " to its thread, and DM you when its status changes.")))));
        blocks.add(CUSTOMER_FIELD.multiSelect("Customers", false, MAX_CUSTOMERS, List.of()));
        OptionObject picked = prefill.gap() == null
                ? null
                : option(plainText(prefill.gap().text()), prefill.gap().value());
        blocks.add(input(i -> i.blockId(GAP)
                .label(plainText("Product gap"))
                .dispatchAction(true)
                .hint(plainText("Search the gaps first. If none fits, pick \"New gap\" with what you typed."))
                .element(externalSelect(s -> s.actionId(GAP_SELECT)
                        .minQueryLength(1)
                        .initialOption(picked)
                        .placeholder(plainText("SSO with Okta groups"))))));
        if (newGap) {
            List<OptionObject> options =
                    categories.stream().map(c -> option(plainText(c), c)).toList();
            blocks.add(input(i -> i.blockId(CATEGORY)
                    .label(plainText("Category of the new gap"))
                    .element(
                            staticSelect(s -> s.actionId(VALUE).options(options).initialOption(options.get(0))))));
            blocks.add(input(i -> i.blockId(TITLE)
                    .label(plainText("Title of the new gap"))
                    .optional(true)
                    .hint(plainText("One line. Leave it empty to use what you typed above."))
                    .element(plainTextInput(p -> p.actionId(VALUE).maxLength(TITLE_MAX)))));
        }
        blocks.add(input(i -> i.blockId(NEED)
                .label(plainText("What does the customer need?"))
                .element(plainTextInput(p -> p.actionId(VALUE)
                        .multiline(true)
                        .maxLength(NEED_MAX)
                        .initialValue(prefill.need() == null ? null : Mrkdwn.truncate(prefill.need(), NEED_MAX))))));
        List<OptionObject> severities = java.util.Arrays.stream(Severity.values())
                .map(s -> option(plainText(s.label()), s.db()))
                .toList();
        blocks.add(input(i -> i.blockId(SEVERITY)
                .label(plainText("Impact"))
                .element(radioButtons(r -> r.actionId(VALUE).options(severities)))));
        blocks.add(input(i -> i.blockId(BLOCKS)
                .label(plainText("What it blocks"))
                .optional(true)
                .hint(plainText("The deal, renewal or project it holds up, and by when."))
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).maxLength(BLOCKS_MAX)))));
        blocks.add(input(i -> i.blockId(WORKAROUND)
                .label(plainText("Their workaround"))
                .optional(true)
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).maxLength(WORKAROUND_MAX)))));
        blocks.add(input(i -> i.blockId(LINK)
                .label(plainText("Link"))
                .optional(true)
                .hint(plainText("One https link: the Salesforce record, a Slack message or a GitHub issue."))
                .element(plainTextInput(
                        p -> p.actionId(VALUE).maxLength(LINK_MAX).initialValue(prefill.link())))));
        blocks.add(input(i -> i.blockId(ANONYMOUS)
                .label(plainText("Your name"))
                .optional(true)
                .element(checkboxes(c -> c.actionId(VALUE)
                        .options(List.of(option(o -> o.text(plainText("Share without my name"))
                                .description(plainText("Nobody else sees that it was you. I keep it only to tell you"
                                        + " when the status changes."))
                                .value(ANONYMOUS))))))));
        return view(v -> v.type("modal")
                .callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Product feedback")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Share")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(SourceMessage.encode(prefill.sourceChannel(), prefill.sourceTs()))
                .blocks(blocks));
    }
}
