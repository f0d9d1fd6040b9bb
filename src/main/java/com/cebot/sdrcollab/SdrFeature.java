package com.cebot.sdrcollab;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.slack.ModalOpener;
import com.slack.api.bolt.App;
import com.slack.api.model.view.View;

/**
 * The "Ask the CE team" shortcut until routing lands: tells the SDR how to ask today, so the
 * shortcut the manifest declares answers instead of failing.
 */
public final class SdrFeature {

    public static final String CALLBACK_ID = "sdr_question";

    private final ModalOpener modals;
    private final String ceChannelId;
    private final String groupHandle;

    public SdrFeature(ModalOpener modals, String ceChannelId, String groupHandle) {
        this.modals = modals;
        this.ceChannelId = ceChannelId;
        this.groupHandle = groupHandle;
    }

    public void register(App app) {
        app.globalShortcut(CALLBACK_ID, (req, ctx) -> {
            modals.open(CALLBACK_ID, req.getPayload().getTriggerId(), this::howToAsk);
            return ctx.ack();
        });
    }

    View howToAsk() {
        return view(v -> v.type("modal").callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Ask the CE team")))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(asBlocks(section(s -> s.text(markdownText("Post your question in <#" + ceChannelId
                        + "> and tag @" + groupHandle + ": CEs in their first 120 days answer there. Asking"
                        + " from this shortcut, with routing to one CE and reminders, is coming soon."))))));
    }
}
