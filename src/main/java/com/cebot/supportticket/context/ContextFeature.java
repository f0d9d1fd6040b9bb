package com.cebot.supportticket.context;

import com.cebot.slack.Background;
import com.cebot.slack.Workspace;
import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the "Support Ticket Context" shortcut. */
public final class ContextFeature {

    private static final Logger log = LoggerFactory.getLogger(ContextFeature.class);

    private final Background background;
    private final MethodsClient methods;
    private final String channelName;

    public ContextFeature(Background background, MethodsClient methods, Workspace workspace, String channelName) {
        this.background = background;
        this.methods = methods;
        this.channelName = channelName;
    }

    public void register(App app) {
        app.globalShortcut(ContextModal.CALLBACK_ID, (req, ctx) -> {
            String trigger = req.getPayload().getTriggerId();
            background.submit("views.open " + ContextModal.CALLBACK_ID, () -> open(trigger));
            return ctx.ack();
        });
    }

    private void open(String triggerId) {
        try {
            var r = methods.viewsOpen(v -> v.triggerId(triggerId).view(ContextModal.build(channelName)));
            if (!r.isOk()) {
                log.warn("views.open {} failed: {}", ContextModal.CALLBACK_ID, r.getError());
            }
        } catch (Exception e) {
            log.warn("views.open {} failed: {}", ContextModal.CALLBACK_ID, e.toString());
        }
    }
}
