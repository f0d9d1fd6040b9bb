package com.cebot.supportticket.request;

import com.cebot.slack.ShortcutMessage;
import com.cebot.supportticket.LinksJson;
import com.cebot.supportticket.MaxInputs;
import com.cebot.supportticket.SlackChecks;
import com.cebot.supportticket.SlackChecks.Known;
import com.cebot.supportticket.TicketLink;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every card, thread note, DM and modal of Support Ticket Request stays within Slack's limits and
 * stays safe for everything the modals accept, in every status: each field at its maximum, of the
 * characters that grow most when escaped, of emoji and of mentions, with the longest links, and
 * seeded random mixes ({@link MaxInputs}).
 */
final class RequestViewsAtLimitsTest {

    private static final Instant RAISED = Instant.parse("2026-11-23T17:00:00Z");
    private static final LocalDate NEEDED_BY = LocalDate.parse("2026-12-30");
    private static final String CE = "U0CE";
    private static final String HEAD = "UHEAD";
    private static final String HEAD_MENTION = "<!subteam^S0123456789AB>";
    private static final String DELEGATES = HEAD_MENTION + " or <@UDELEGATE>";
    private static final String CHANNEL = "CSUPPORT";
    private static final String PERMALINK = MaxInputs.LONGEST_PERMALINK;

    static Stream<Arguments> requests() {
        List<Arguments> cases = new ArrayList<>();
        List<Named<List<TicketLink>>> linkSets = MaxInputs.linkSets(0).subList(0, 3);
        List<Named<String>> names = MaxInputs.customerNames();
        int i = 0;
        for (RequestStatus status : RequestStatus.values()) {
            for (int kind = 0; kind < MaxInputs.textKinds(); kind++) {
                for (Named<List<TicketLink>> links : linkSets) {
                    String name = names.get(i++ % names.size()).getPayload();
                    cases.add(Arguments.of(Named.of(
                            status + ", every field "
                                    + MaxInputs.texts(10, 0).get(kind).getName().replace("10 ", "") + ", "
                                    + links.getName(),
                            request(status, name, links.getPayload(), kind))));
                }
            }
        }
        Random random = new Random(MaxInputs.SEED);
        List<Named<List<TicketLink>>> randomLinks = MaxInputs.linkSets(10);
        for (int n = 0; n < 40; n++) {
            RequestStatus status = RequestStatus.values()[random.nextInt(RequestStatus.values().length)];
            int timing = random.nextInt(3);
            boolean timed = timing > 0; // 1: a needed-by date and why; 2: a note on timing alone
            boolean more = random.nextBoolean();
            SupportTicketRequest r = new SupportTicketRequest(
                    7,
                    3,
                    MaxInputs.randomText(random, 69).strip() + "x",
                    CE,
                    LinksJson.write(
                            randomLinks.get(random.nextInt(randomLinks.size())).getPayload()),
                    MaxInputs.randomText(random, RequestModal.ASK_MAX),
                    MaxInputs.randomText(random, RequestModal.ASK_MAX),
                    MaxInputs.randomText(random, RequestModal.ASK_MAX),
                    timing == 1 ? NEEDED_BY : null,
                    timed ? MaxInputs.randomText(random, RequestModal.TIME_REASON_MAX) : null,
                    more ? MaxInputs.randomText(random, RequestModal.ANYTHING_ELSE_MAX) : null,
                    status,
                    status == RequestStatus.OPEN ? CE : HEAD,
                    RAISED.plusSeconds(3600),
                    status == RequestStatus.DECLINED
                            ? MaxInputs.randomText(random, RequestModal.DECLINE_REASON_MAX)
                            : null,
                    "request-card:V1",
                    CHANNEL,
                    "1700000000.000100",
                    RAISED);
            cases.add(Arguments.of(Named.of("random request " + n + " of seed " + MaxInputs.SEED, r)));
        }
        return cases.stream();
    }

    /** Every text field the same kind of worst text, each at its own maximum; every other kind without a date. */
    private static SupportTicketRequest request(RequestStatus status, String name, List<TicketLink> links, int kind) {
        return new SupportTicketRequest(
                7,
                3,
                name,
                CE,
                LinksJson.write(links),
                MaxInputs.text(RequestModal.ASK_MAX, kind),
                MaxInputs.text(RequestModal.ASK_MAX, kind + 1),
                MaxInputs.text(RequestModal.ASK_MAX, kind),
                kind % 2 == 0 ? NEEDED_BY : null,
                MaxInputs.text(RequestModal.TIME_REASON_MAX, kind),
                MaxInputs.text(RequestModal.ANYTHING_ELSE_MAX, kind),
                status,
                status == RequestStatus.OPEN ? CE : HEAD,
                RAISED.plusSeconds(3600),
                status == RequestStatus.DECLINED ? MaxInputs.text(RequestModal.DECLINE_REASON_MAX, kind) : null,
                "request-card:V1",
                CHANNEL,
                "1700000000.000100",
                RAISED);
    }

    private static Known known(SupportTicketRequest r) {
        return Known.of(r.ticketLinks(), CE, HEAD, "UDELEGATE")
                .mention(HEAD_MENTION)
                .channel(CHANNEL)
                .url(PERMALINK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void card_fitsSlackAndIsSafe(SupportTicketRequest r) {
        SlackChecks.assertCard(
                RequestCard.text(r, HEAD_MENTION),
                RequestCard.blocks(r, DELEGATES),
                known(r),
                r.ticketLinks().size());
        SlackChecks.assertText(RequestCard.note(r), known(r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void notices_fitSlackAndAreSafe(SupportTicketRequest r) {
        Known known = known(r);

        SlackChecks.assertText(RequestNotices.posted(r, CHANNEL, PERMALINK), known);
        SlackChecks.assertText(RequestNotices.refused(r, CHANNEL, "msg_blocks_too_long"), known);
        SlackChecks.assertText(RequestNotices.moved(r, PERMALINK), known);
        SlackChecks.assertText(RequestNotices.moved(r, null), known);
        SlackChecks.assertText(RequestNotices.notAllowed(DELEGATES), known);
        SlackChecks.assertText(RequestNotices.alreadyMoved(r), known);
        SlackChecks.assertText(RequestNotices.nudgeUnacknowledged(r, PERMALINK), known);
        if (r.neededBy() != null) {
            for (int daysBefore : new int[] {-3, 0, 1, 30}) {
                SlackChecks.assertText(
                        RequestNotices.nudgeNeededBy(r, PERMALINK, r.neededBy().minusDays(daysBefore)), known);
            }
        }
        SlackChecks.assertText(RequestNotices.unprocessed(), known);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void declineModal_fitsSlackAndIsSafe(SupportTicketRequest r) {
        SlackChecks.assertView(RequestModal.decline(r), known(r));
    }

    static Stream<Named<String>> shortcutQuotes() {
        return MaxInputs.shortcutQuotes().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortcutQuotes")
    void modal_withTheLongestShortcutPrefill_fitsSlack(String quoted) {
        var prefill = new ShortcutMessage(PERMALINK, quoted, "C0123456789AB", "1700000000.000100");

        SlackChecks.assertView(
                RequestModal.build(CHANNEL, prefill), Known.of(List.of()).channel(CHANNEL));
        SlackChecks.assertView(
                RequestModal.build(CHANNEL, ShortcutMessage.NONE),
                Known.of(List.of()).channel(CHANNEL));
    }
}
