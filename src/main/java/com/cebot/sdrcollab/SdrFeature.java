package com.cebot.sdrcollab;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.cebot.config.ConfigSection;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;
import com.cebot.ooo.Absences;
import com.cebot.slack.WorkspaceLookup;
import com.slack.api.model.view.View;

/**
 * The "Ask the CE team" shortcut until routing lands: tells the SDR how to ask today, so the
 * shortcut the manifest declares answers instead of failing. Settings, in the {@code sdr_collab}
 * section: {@code user_group} (the handle), {@code first_days} and {@code nudge_after_minutes},
 * checked now and used by routing.
 */
public final class SdrFeature implements Feature {

    static final String CALLBACK_ID = "sdr_question";

    private final Absences absences;
    private String groupHandle;
    private int firstDays;

    /** @param absences who is out of office, to route questions past them */
    public SdrFeature(Absences absences) {
        this.absences = absences;
    }

    @Override
    public void configure(ConfigSection root) {
        ConfigSection sdr = root.section("sdr_collab");
        String group = sdr.text("user_group", "ce-sdr-collab");
        groupHandle = group.startsWith("@") ? group.substring(1) : group;
        firstDays = sdr.integer("first_days", 120, 1, 3650);
        sdr.integer("nudge_after_minutes", 60, 1, 10_080);
    }

    @Override
    public void check(WorkspaceLookup lookup) {
        lookup.userGroup("sdr_collab.user_group", groupHandle, "SDR routing waits for it");
    }

    @Override
    public void start(Engine engine) {
        String ce = engine.workspace().ce();
        engine.app().globalShortcut(CALLBACK_ID, (req, ctx) -> {
            engine.modals().open(CALLBACK_ID, req.getPayload().getTriggerId(), () -> howToAsk(ce));
            return ctx.ack();
        });
    }

    View howToAsk(String ceChannelId) {
        return view(v -> v.type("modal").callbackId(CALLBACK_ID)
                .title(viewTitle(t -> t.type("plain_text").text("Ask the CE team")))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(asBlocks(section(s -> s.text(markdownText("Post your question in <#" + ceChannelId
                        + "> and tag @" + groupHandle + ": CEs in their first " + firstDays + " days answer there. Asking"
                        + " from this shortcut, with routing to one CE and reminders, is coming soon."))))));
    }
}
