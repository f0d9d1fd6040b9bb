package com.cebot.slack;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;

/** A modal that only tells something, with a Close button: the answer to a click that has no form to show. */
public final class Notice {

    private Notice() {}

    /** @param text mrkdwn, escaped by the caller */
    public static View modal(String callbackId, String title, String text) {
        return view(v -> v.type("modal")
                .callbackId(callbackId)
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(asBlocks(section(s -> s.text(markdownText(text))))));
    }
}
