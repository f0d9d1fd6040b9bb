package com.cebot.ooo;

import com.cebot.config.ConfigSection;
import com.cebot.feature.Engine;
import com.cebot.feature.Feature;

/**
 * {@code /ooo} until the full protocol (modal, reminders, announcements) lands: the handbook's five
 * steps, privately, so the command the manifest declares never times out on someone.
 */
public final class OooFeature implements Feature, Absences {

    static final String COMMAND = "/ooo";

    static final String CHECKLIST = """
            *Before you take time off* (CE OOO protocol):
            1. Log the request in Roots PTO
            2. Log it on the CE team Google calendar
            3. Make a coverage plan with your manager
            4. Tell your customers through the appropriate channel
            5. Set your Slack status with your OOO dates
            _Planning, reminders and the #ce-internal announcement through `/ooo` are coming soon._""";

    @Override
    public void configure(ConfigSection root) {
        // No settings of its own yet.
    }

    @Override
    public void start(Engine engine) {
        engine.app().command(COMMAND, (req, ctx) -> ctx.ack(CHECKLIST));
    }

    // Nobody is known to be away until periods are planned through /ooo.

    @Override
    public java.util.Set<String> awayOn(java.time.LocalDate day) {
        return java.util.Set.of();
    }

    @Override
    public java.util.Set<String> awayOrLeavingWithin(java.time.LocalDate day, int days) {
        return java.util.Set.of();
    }

    @Override
    public void noteWhileAway(org.jdbi.v3.core.Handle handle, String user, String what) {}
}
