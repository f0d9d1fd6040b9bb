package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.FEEDBACK;
import static com.cebot.e2e.BotHarness.WAIT;

import com.cebot.slackfake.Ack;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.SlackFake;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import com.cebot.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The fake workspace for product feedback: two CEs who share, a product team of a user group
 * (@product-team, one member) and one user named by ID, someone outside it; the clock at 10:00 on
 * Monday 23 November 2026 in Los Angeles.
 */
final class FeedbackWorkspace implements AutoCloseable {

    static final String CE1 = "U0CE1";
    static final String CE2 = "U0CE2";
    static final String PM = "U0PM";
    static final String PM2 = "U0PM2";
    static final String OUTSIDER = "U0OUT";
    static final String PRODUCT_GROUP = "S0PRODUCT";
    static final Instant MONDAY_10AM = Instant.parse("2026-11-23T18:00:00Z");

    final MutableClock clock = new MutableClock(MONDAY_10AM);
    final BotHarness harness;
    final SlackFake slack;

    FeedbackWorkspace(Path dir) {
        harness = BotHarness.create(dir, clock);
        slack = harness.slack;
        for (String user : List.of(CE1, CE2, PM, PM2, OUTSIDER)) {
            slack.addUser(user, user.substring(2).toLowerCase(), "America/Los_Angeles");
        }
        slack.addUserGroup(PRODUCT_GROUP, "product-team", List.of(PM));
        harness.writeConfig("""
                channels:
                  customer_support: customer-support
                  ce: "#ce"
                  ce_internal: ce-internal
                  feedback: feedback
                support:
                  head_of_support: %s
                schedule:
                  time_zone: America/Los_Angeles
                home:
                  refresh_seconds: 1
                feedback:
                  product_team: ["@product-team", %s]
                  categories: [Integrations, Search]
                  digest_day: MONDAY
                  digest_hour: 9
                """.formatted(BotHarness.HEAD, PM2));
    }

    FeedbackWorkspace started() {
        harness.start();
        return this;
    }

    /** A share form as filled in: one or more customers ("new:Acme", or a value the typeahead gave). */
    static StateValues form(String gapValue, String need, String severity, String... customers) {
        return StateValues.of()
                .externalSelects(FeedbackIds.CUSTOMERS, FeedbackIds.CUSTOMER_SELECT, customers)
                .externalSelect(FeedbackIds.GAP, FeedbackIds.GAP_SELECT, gapValue, gapValue)
                .text(FeedbackIds.NEED, FeedbackIds.VALUE, need)
                .radio(FeedbackIds.SEVERITY, FeedbackIds.VALUE, severity, severity);
    }

    /** Opens the form with the global shortcut, as {@code user}. */
    View openForm(String user) {
        slack.clearCalls();
        slack.awaitAck(slack.sendGlobalShortcut(FeedbackIds.CALLBACK_ID, user), WAIT);
        slack.awaitCall("views.open", WAIT);
        return slack.lastOpenedView();
    }

    Ack submit(View view, String user, StateValues values) {
        return slack.awaitAck(slack.submitView(view.id(), user, values.toJson()), WAIT);
    }

    /** Opens the form and shares; the ack carries no errors. */
    void share(String user, StateValues values) {
        Ack ack = submit(openForm(user), user, values);
        if (ack.payload() != null && ack.payload().has("errors")) {
            throw new AssertionError("the form was refused: " + ack.payload());
        }
    }

    /** What the typeahead offers for {@code typed}, as option values and texts. */
    JsonNode suggest(View view, String user, String actionId, String blockId, String typed) {
        return slack.awaitAck(slack.sendBlockSuggestion(view.id(), user, actionId, blockId, typed), WAIT)
                .payload()
                .path("options");
    }

    /** The gap's card (a top-level message in #feedback whose text names it), as it stands now. */
    Message card(String title) {
        return Await.value(
                WAIT,
                "the card of " + title,
                () -> cards().stream()
                        .filter(m -> m.text().contains(title))
                        .findFirst()
                        .orElse(null));
    }

    List<Message> cards() {
        return slack.messages(FEEDBACK).stream().filter(m -> !m.isReply()).toList();
    }

    List<Message> thread(Message card) {
        return slack.messages(FEEDBACK).stream()
                .filter(m -> m.isReply() && card.ts().equals(m.threadTs()))
                .toList();
    }

    /** Waits until the card's thread holds {@code count} replies; returns them, oldest first. */
    List<Message> awaitThread(Message card, int count) {
        Await.until(
                WAIT, count + " replies under " + card.ts(), () -> thread(card).size() >= count);
        return thread(card);
    }

    String blocks(Message card) {
        return slack.message(FEEDBACK, card.ts()).orElseThrow().blocks().toString();
    }

    /** Waits until the card, as it stands now, holds every one of {@code texts}; returns its JSON. */
    String awaitCard(Message card, String... texts) {
        return Await.value(WAIT, "the card to show " + List.of(texts), () -> {
            Message now = slack.message(FEEDBACK, card.ts()).orElseThrow();
            String all = now.text() + now.blocks();
            return List.of(texts).stream().allMatch(all::contains) ? all : null;
        });
    }

    static String gapId(Message card) {
        return card.blocks().findValues("value").stream()
                .map(JsonNode::asText)
                .filter(v -> v.matches("\\d+"))
                .findFirst()
                .orElseThrow();
    }

    /** Presses a card button as {@code user}. */
    void press(String user, Message card, String actionId) {
        slack.awaitAck(slack.sendBlockAction(user, FEEDBACK, card.ts(), actionId, "b", gapId(card)), WAIT);
    }

    /** Presses a product team button and returns the modal it opened. */
    View openTeamModal(String user, Message card, String actionId, String callbackId) {
        slack.clearCalls();
        press(user, card, actionId);
        slack.awaitCall("views.open", WAIT);
        View opened = slack.lastOpenedView();
        if (!callbackId.equals(opened.callbackId())) {
            throw new AssertionError(
                    "opened " + opened.callbackId() + " instead of " + callbackId + ": " + opened.json());
        }
        return opened;
    }

    /** Sets the status from the card, as {@code user}; returns the modal's ack. */
    Ack setStatus(String user, Message card, String status, String note) {
        View modal = openTeamModal(user, card, FeedbackIds.SET_STATUS, FeedbackIds.STATUS_CALLBACK_ID);
        StateValues values = StateValues.of()
                .radio(FeedbackIds.STATUS, FeedbackIds.VALUE, status, status)
                .text(FeedbackIds.NOTE, FeedbackIds.VALUE, note);
        return submit(modal, user, values);
    }

    List<Message> dms(String user) {
        return slack.messages(user);
    }

    List<Message> dmsSaying(String user, String text) {
        return dms(user).stream().filter(m -> m.text().contains(text)).toList();
    }

    @Override
    public void close() {
        harness.close();
    }
}
