package com.cebot.sdrcollab;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.customer.CustomerField;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import java.util.Arrays;
import java.util.List;

/** The "Ask the CE team" modal. Pure: what it shows depends only on the arguments. */
final class AskModal {

    static final String CALLBACK_ID = "sdr_question";
    static final String QUESTION = "question";
    static final String ACCOUNT = "account";
    static final String ACCOUNT_SELECT = "sdr_account";
    static final CustomerField ACCOUNT_FIELD = new CustomerField(ACCOUNT, ACCOUNT_SELECT);
    static final String LINK = "link";
    static final String URGENCY = "urgency";
    static final String VALUE = "value";
    static final int QUESTION_MAX = 2500;
    static final int LINK_MAX = 500;

    private AskModal() {}

    static View build(String ceChannelId, String groupHandle) {
        List<OptionObject> urgencies = Arrays.stream(AskDraft.Urgency.values())
                .map(u -> option(plainText(u.words.substring(0, 1).toUpperCase() + u.words.substring(1)), u.name()))
                .toList();
        return view(v -> v.type("modal")
                .callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Ask the CE team")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Post my question")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(asBlocks(
                        context(c -> c.elements(List.of(markdownText("I post your question in <#" + ceChannelId
                                + "> for you, tagging @" + groupHandle + ", and make sure one CE owns it.")))),
                        input(i -> i.blockId(QUESTION)
                                .label(plainText("Your question"))
                                .element(plainTextInput(
                                        p -> p.actionId(VALUE).multiline(true).maxLength(QUESTION_MAX)))),
                        ACCOUNT_FIELD.select(
                                "Account or prospect",
                                "Start typing: accounts already on record are offered; a new name is fine.",
                                true),
                        input(i -> i.blockId(LINK)
                                .label(plainText("Link"))
                                .optional(true)
                                .hint(plainText("An https link to the deal, the thread or the doc, if it helps."))
                                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(LINK_MAX)))),
                        input(i -> i.blockId(URGENCY)
                                .label(plainText("Needed"))
                                .element(radioButtons(r ->
                                        r.actionId(VALUE).options(urgencies).initialOption(urgencies.get(1))))))));
    }
}
