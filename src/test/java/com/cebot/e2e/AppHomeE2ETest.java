package com.cebot.e2e;

import static com.cebot.e2e.BotHarness.CE_USER;
import static com.cebot.e2e.BotHarness.HEAD;
import static com.cebot.e2e.BotHarness.SUPPORT;
import static com.cebot.e2e.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slackfake.BlockKitLimits;
import com.cebot.slackfake.Message;
import com.cebot.slackfake.StateValues;
import com.cebot.slackfake.View;
import com.cebot.testing.Await;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Home tab through the real bot and the loopback Slack: drawn when opened, drawn again when a
 * person's items change anywhere, never past Slack's limits, and acted on like the cards.
 */
final class AppHomeE2ETest {

    @RegisterExtension
    final RunningBot bot = new RunningBot();

    private View home(String user, String containing) {
        return Await.value(WAIT, user + "'s Home showing \"" + containing + "\"", () -> {
            Optional<View> view = bot.harness().slack.homeView(user);
            return view.filter(v -> v.json().toString().contains(containing)).orElse(null);
        });
    }

    private View homeWithout(String user, String text) {
        return Await.value(
                WAIT,
                user + "'s Home without \"" + text + "\"",
                () -> bot.harness()
                        .slack
                        .homeView(user)
                        .filter(v -> !v.json().toString().contains(text))
                        .orElse(null));
    }

    private Message raiseRequest() {
        bot.harness().slack.awaitAck(bot.harness().slack.sendGlobalShortcut(RequestIds.CALLBACK_ID, CE_USER), WAIT);
        bot.harness().slack.awaitCall("views.open", WAIT);
        View form = bot.harness().slack.lastOpenedView();
        bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .submitView(
                                        form.id(),
                                        CE_USER,
                                        StateValues.of()
                                                .externalSelect(
                                                        RequestIds.CUSTOMER,
                                                        RequestIds.CUSTOMER_SELECT,
                                                        "new:Acme Corp",
                                                        "Acme Corp")
                                                .text(RequestIds.LINK, RequestIds.VALUE, "ZD 77")
                                                .text(RequestIds.ASK, RequestIds.VALUE, "Expedite the SSO fix")
                                                .text(RequestIds.WHY, RequestIds.VALUE, "Renewal next week")
                                                .text(RequestIds.IF_NOT, RequestIds.VALUE, "They may not renew")
                                                .toJson()),
                        WAIT);
        return Await.value(
                WAIT,
                "the request card",
                () -> bot.harness().slack.messages(SUPPORT).stream()
                        .filter(m -> !m.isReply())
                        .findFirst()
                        .orElse(null));
    }

    @Test
    void someoneWithNothing_seesThatNothingNeedsThem_andTheStartButtonsMeantForThem() {
        bot.harness().slack.sendAppHomeOpened(CE_USER);
        bot.harness().slack.sendAppHomeOpened(BotHarness.AE);

        View ce = home(CE_USER, "Nothing needs you right now.");
        View ae = home(BotHarness.AE, "Nothing needs you right now.");

        assertThat(ce.json().path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("Needs you");
        assertThat(ce.json().toString())
                .contains(
                        "Give support context for an unassigned ticket",
                        "Ask the head of support for an exception",
                        "Plan your time off")
                .doesNotContain("Ask the CE team");
        assertThat(ae.json().toString())
                .as("someone outside the CE team may ask it")
                .contains("Ask the CE team a question");
    }

    @Test
    void aStartButton_opensTheSameModalAsTheShortcut() {
        bot.harness().slack.sendAppHomeOpened(CE_USER);
        View home = home(CE_USER, "home_start_context");
        bot.harness().slack.clearCalls();

        bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .sendViewBlockAction(home.id(), CE_USER, "home_start_context", "home_starts", null),
                        WAIT);

        bot.harness().slack.awaitCall("views.open", WAIT);
        assertThat(bot.harness().slack.lastOpenedView().callbackId()).isEqualTo(ContextIds.CALLBACK_ID);
    }

    @Test
    void aChangeElsewhere_isOnTheHomeWithinARefresh() {
        bot.harness().slack.sendAppHomeOpened(CE_USER);
        home(CE_USER, "Nothing needs you right now.");

        Message card = raiseRequest();
        home(CE_USER, "Expedite the SSO fix");

        String id = card.blocks().findValues("value").stream()
                .map(v -> v.asText())
                .filter(v -> v.matches("\\d+"))
                .findFirst()
                .orElseThrow();
        bot.harness()
                .slack
                .awaitAck(
                        bot.harness().slack.sendBlockAction(HEAD, SUPPORT, card.ts(), "request_acknowledge", "b", id),
                        WAIT);
        home(CE_USER, "Acknowledged by <@" + HEAD + ">");
    }

    @Test
    void theHeadOfSupport_decidesFromHome_withTheCardsButtons() {
        Message card = raiseRequest();
        bot.harness().slack.sendAppHomeOpened(HEAD);
        View home = home(HEAD, "Requests waiting on your decision");
        assertThat(home.json().toString()).contains("Why: Renewal next week", "No date given");
        String id = card.blocks().findValues("value").stream()
                .map(v -> v.asText())
                .filter(v -> v.matches("\\d+"))
                .findFirst()
                .orElseThrow();

        bot.harness()
                .slack
                .awaitAck(
                        bot.harness().slack.sendViewBlockAction(home.id(), HEAD, "request_acknowledge", "home_x", id),
                        WAIT);

        Await.until(
                WAIT,
                "the card acknowledged",
                () -> bot.harness()
                        .slack
                        .message(SUPPORT, card.ts())
                        .orElseThrow()
                        .blocks()
                        .toString()
                        .contains("Acknowledged by <@" + HEAD + ">"));
        View after = home(HEAD, "Acknowledged by <@" + HEAD + ">");
        assertThat(after.json().toString()).contains("request_approve").doesNotContain("request_acknowledge");
    }

    @Test
    void farMoreThanFits_staysInsideSlacksLimits_andShowAllListsThem() {
        bot.harness().bot().jdbi().useHandle(h -> {
            long customer = h.createQuery(
                            "INSERT INTO customer (name, name_key, created_at) VALUES ('Acme', 'acme', :t)"
                                    + " RETURNING id")
                    .bind("t", Instant.now())
                    .mapTo(Long.class)
                    .one();
            for (int i = 0; i < 150; i++) {
                h.createUpdate("""
                        INSERT INTO support_request (submission_key, customer_id, submitted_by, links, ask, why, if_not,
                                                     card_key, created_at)
                        VALUES (:k, :c, :u, '[]', :ask, 'why', 'if not', :card, :t)
                        """)
                        .bind("k", "seed" + i)
                        .bind("c", customer)
                        .bind("u", CE_USER)
                        .bind("ask", "Request number " + i + " " + "&<>🙂".repeat(300))
                        .bind("card", "card" + i)
                        .bind("t", Instant.now().plusMillis(i))
                        .execute();
            }
        });

        bot.harness().slack.sendAppHomeOpened(CE_USER);
        View home = home(CE_USER, "Show all 150");

        assertThat(home.json().path("blocks").size()).isLessThanOrEqualTo(100);
        assertThat(BlockKitLimits.violationsOfJson(home.json().toString())).isEmpty();
        assertThat(home.json().toString()).contains("Request number 149");
        bot.harness().slack.clearCalls();

        bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .sendViewBlockAction(home.id(), CE_USER, "home_show_all", "b", "request_mine"),
                        WAIT);

        bot.harness().slack.awaitCall("views.open", WAIT);
        View all = bot.harness().slack.lastOpenedView();
        assertThat(all.type()).isEqualTo("modal");
        assertThat(all.json().toString()).contains("Request number 149").contains("older ones");
    }

    @Test
    void timeOff_showsOnHome_withEditAndCancel_andCancellingFromHomeClearsIt() {
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        bot.harness()
                .slack
                .awaitAck(bot.harness().slack.sendSlashCommand(OooIds.COMMAND, "", CE_USER, BotHarness.CE), WAIT);
        bot.harness().slack.awaitCall("views.open", WAIT);
        View form = bot.harness().slack.lastOpenedView();
        bot.harness()
                .slack
                .awaitAck(
                        bot.harness()
                                .slack
                                .submitView(
                                        form.id(),
                                        CE_USER,
                                        StateValues.of()
                                                .date(
                                                        OooIds.FIRST_DAY,
                                                        OooIds.VALUE,
                                                        today.plusDays(2).toString())
                                                .date(
                                                        OooIds.LAST_DAY,
                                                        OooIds.VALUE,
                                                        today.plusDays(4).toString())
                                                .users(OooIds.COVERERS, OooIds.VALUE, BotHarness.AE)
                                                .toJson()),
                        WAIT);

        bot.harness().slack.sendAppHomeOpened(CE_USER);
        bot.harness().slack.sendAppHomeOpened(BotHarness.AE);
        View home = home(CE_USER, "Your time off");
        assertThat(home.json().toString())
                .contains("Out this week")
                .contains("ooo_edit")
                .contains("<@" + CE_USER + ">")
                .contains("0 of 5 steps done");
        assertThat(home(BotHarness.AE, "You are covering <@" + CE_USER + ">")
                        .json()
                        .toString())
                .as("the person covering, under Needs you")
                .contains("Time off you cover");
        bot.harness().slack.sendAppHomeOpened(HEAD);
        assertThat(home(HEAD, "Out this week").json().toString())
                .contains("<@" + CE_USER + ">")
                .doesNotContain("ooo_cancel");

        String id = home.json().findValues("value").stream()
                .filter(v -> v.asText().matches("\\d+"))
                .map(v -> v.asText())
                .findFirst()
                .orElseThrow();
        bot.harness()
                .slack
                .awaitAck(bot.harness().slack.sendViewBlockAction(home.id(), CE_USER, "ooo_cancel", "b", id), WAIT);

        homeWithout(CE_USER, "Your time off");
        homeWithout(BotHarness.AE, "You are covering");
    }

    @Test
    void anSdrQuestion_needsWhoHoldsIt_byItsWords_andShowsOnTheHomeOfWhoAsked() {
        bot.harness().slack.sendAppHomeOpened(CE_USER);
        bot.harness().slack.sendAppHomeOpened(BotHarness.AE);
        home(CE_USER, "Nothing needs you right now.");

        bot.harness().slack.sendMessageEvent(BotHarness.CE, BotHarness.AE, "Does Acme get SSO? <!subteam^S0SDR>", null);

        assertThat(home(CE_USER, "SDR questions waiting on you").json().toString())
                .contains("> Does Acme get SSO?", "Asked by <@" + BotHarness.AE + ">")
                .doesNotContain("Question of");
        assertThat(home(BotHarness.AE, "Questions you asked the CE team").json().toString())
                .contains("> Does Acme get SSO?", "with <@" + CE_USER + ">");
    }
}
