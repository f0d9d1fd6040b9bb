package com.cebot.supportticket.context;

import com.cebot.slack.ShortcutMessage;
import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.MaxInputs;
import com.cebot.supportticket.SlackChecks;
import com.cebot.supportticket.SlackChecks.Known;
import com.cebot.supportticket.TicketLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every card, thread note, DM and modal of Support Ticket Context stays within Slack's limits and
 * stays safe for everything the modal accepts: each field at its maximum, of the characters that
 * grow most when escaped, of emoji and of mentions, and seeded random mixes ({@link MaxInputs}).
 */
final class ContextViewsAtLimitsTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:00Z");
    private static final String CE = "U0CE";
    private static final String ENGINEER = "U0AE";
    private static final String CHANNEL = "CSUPPORT";
    private static final String TAKERS = "<!subteam^S0123456789AB>";
    private static final String PERMALINK = MaxInputs.LONGEST_PERMALINK;

    static Stream<Arguments> contexts() {
        List<Named<String>> names = MaxInputs.customerNames();
        List<Named<String>> backgrounds = MaxInputs.texts(ContextModal.BACKGROUND_MAX, 4);
        List<Arguments> cases = new ArrayList<>();
        int i = 0;
        for (Named<List<TicketLink>> links : MaxInputs.linkSets(4)) {
            for (Named<String> background : backgrounds) {
                Named<String> name = names.get(i++ % names.size());
                cases.add(Arguments.of(links, name, background));
            }
        }
        return cases.stream();
    }

    private static SupportContext context(List<TicketLink> links, String name, String background) {
        return new SupportContext(7, 3, 1, name, CE, LinksJson.write(links), background, AT);
    }

    private static Known known(List<TicketLink> links) {
        return Known.of(links, CE, ENGINEER).mention(TAKERS).channel(CHANNEL).url(PERMALINK);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("contexts")
    void card_unclaimedAndClaimed_fitsSlackAndIsSafe(List<TicketLink> links, String name, String background) {
        SupportContext c = context(links, name, background);

        SlackChecks.assertCard(
                ContextCard.text(c, null), ContextCard.blocks(c, null, null, null), known(links), links.size());
        SlackChecks.assertCard(
                ContextCard.text(c, null), ContextCard.blocks(c, null, null, TAKERS), known(links), links.size());
        SlackChecks.assertCard(
                ContextCard.text(c, ENGINEER), ContextCard.blocks(c, ENGINEER, AT, TAKERS), known(links), links.size());
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("contexts")
    void threadNote_fitsSlackAndIsSafe(List<TicketLink> links, String name, String background) {
        SupportContext c = context(links, name, background);

        SlackChecks.assertCard(ContextCard.threadNoteText(c), ContextCard.threadNote(c), known(links), links.size());
        SlackChecks.assertText(ContextCard.claimedNote(), known(links));
        SlackChecks.assertText(ContextCard.releasedNote(), known(links));
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("contexts")
    void notices_fitSlackAndAreSafe(List<TicketLink> links, String name, String background) {
        SupportContext c = context(links, name, background);
        Known known = known(links);

        SlackChecks.assertText(ContextNotices.posted(c, CHANNEL, PERMALINK), known);
        SlackChecks.assertText(ContextNotices.addedToThread(c, PERMALINK, null), known);
        SlackChecks.assertText(ContextNotices.addedToThread(c, PERMALINK, ENGINEER), known);
        SlackChecks.assertText(ContextNotices.refused(c, CHANNEL, "msg_blocks_too_long"), known);
        SlackChecks.assertText(ContextNotices.alreadyTaken(ENGINEER), known);
        SlackChecks.assertText(ContextNotices.alreadyYours(), known);
        SlackChecks.assertText(ContextNotices.unprocessed(), known);
    }

    static Stream<Named<String>> shortcutQuotes() {
        return MaxInputs.shortcutQuotes().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortcutQuotes")
    void modal_withTheLongestShortcutPrefill_fitsSlack(String quoted) {
        var prefill = new ShortcutMessage(PERMALINK, quoted, "C0123456789AB", "1700000000.000100");

        SlackChecks.assertView(
                ContextModal.build(CHANNEL, prefill), Known.of(List.of()).channel(CHANNEL));
        SlackChecks.assertView(
                ContextModal.build(CHANNEL, ShortcutMessage.NONE),
                Known.of(List.of()).channel(CHANNEL));
    }
}
