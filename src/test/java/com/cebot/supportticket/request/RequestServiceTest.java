package com.cebot.supportticket.request;

import static com.cebot.supportticket.request.RequestStore.CE;
import static com.cebot.supportticket.request.RequestStore.CHANNEL;
import static com.cebot.supportticket.request.RequestStore.DELEGATE;
import static com.cebot.supportticket.request.RequestStore.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.inbox.SubmittedForms;
import com.cebot.supportticket.request.RequestService.MoveResult;
import com.cebot.supportticket.request.RequestStore.Row;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class RequestServiceTest {

    @TempDir
    Path dir;

    private RequestStore store;

    @BeforeEach
    void openStore() {
        store = new RequestStore(dir);
    }

    private static List<Move> moves(String names) {
        return names == null
                ? List.of()
                : Arrays.stream(names.split(" ")).map(Move::valueOf).toList();
    }

    @Test
    void submit_storesTheRequestAndQueuesOneCardMentioningTheHeadOfSupport() {
        long id = store.submit("V1");

        SupportTicketRequest r = store.request(id);
        assertThat(r.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(r.statusBy()).isEqualTo(CE);
        assertThat(store.count("support_request")).isEqualTo(1);
        assertThat(store.outboxRows()).singleElement().satisfies(card -> {
            assertThat(card.key()).isEqualTo(r.cardKey()).isEqualTo("request-card:V1");
            assertThat(card.kind()).isEqualTo("post to " + CHANNEL);
            assertThat(card.arg("text"))
                    .startsWith("<@UHEAD> ")
                    .contains("Acme Corp", "Prioritise the SSO bug", "Open")
                    .as("the CE hears by DM")
                    .doesNotContain("<@UCE>");
            assertThat(card.blocks())
                    .contains("Raised by <@UCE>", "Only <@UHEAD> or <@UDELEGATE> can", "request_acknowledge");
        });
    }

    /** "No rush" is kept as said, and no date is made up for it. */
    @Test
    void submit_timingWithoutADate_isStoredAsSaid_andNoNeededByReminderIsPlanned() {
        long id = store.submit(
                        RequestStore.draft(java.util.Optional.of(new RequestDraft.Timing(null, "No rush"))), "V1", CE)
                .requestId();

        SupportTicketRequest r = store.request(id);
        assertThat(r.neededBy()).isNull();
        assertThat(r.timeReason()).isEqualTo("No rush");
        assertThat(store.outboxRows().get(0).blocks())
                .contains("*Timing*\\nNo rush")
                .doesNotContain("Needed by");
        int reminders = store.jdbi.withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM work WHERE queue = 'job' AND kind = 'request.needed_by'")
                        .mapTo(Integer.class)
                        .one());
        assertThat(reminders).isZero();
    }

    @Test
    void accept_sameViewAgain_isKeptOnce() {
        RequestDraft draft = RequestStore.draft(java.util.Optional.empty());

        var first = store.forms.accept(draft, "V1", CE);
        var again = store.forms.accept(draft, "V1", CE);

        assertThat(first).isInstanceOf(SubmittedForms.Accepted.Stored.class);
        assertThat(again).as("a repeated delivery of the same view").isInstanceOf(SubmittedForms.Accepted.Repeat.class);
        int accepted = store.jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM work WHERE queue = 'inbox'")
                .mapTo(Integer.class)
                .one());
        assertThat(accepted).isEqualTo(1);
    }

    @ParameterizedTest(name = "{1} by {0}")
    @CsvSource(delimiter = '|', textBlock = """
            UHEAD      | ACKNOWLEDGE                | ACKNOWLEDGED
            UHEAD      | APPROVE                    | APPROVED
            UHEAD      | DECLINE                    | DECLINED
            UHEAD      | ACKNOWLEDGE APPROVE        | APPROVED
            UHEAD      | ACKNOWLEDGE DECLINE        | DECLINED
            UHEAD      | ACKNOWLEDGE APPROVE DONE   | DONE
            UDELEGATE  | ACKNOWLEDGE                | ACKNOWLEDGED
            UDELEGATE  | APPROVE DONE               | DONE
            UDELEGATE  | ACKNOWLEDGE DECLINE        | DECLINED
            """)
    void move_validPathByHeadOrDelegate_eachStepQueuesOneUpdateOneNoteOneDm(
            String actor, String path, RequestStatus end) {
        long id = store.submit("V1");

        for (Move move : moves(path)) {
            int before = store.outboxCount();
            MoveResult result = store.click(id, move, actor);

            assertThat(result).isInstanceOf(MoveResult.Moved.class);
            List<Row> added = store.outboxRows().subList(before, store.outboxCount());
            assertThat(added).extracting(Row::kind).containsExactly("update", "note", "post to " + CE);
            assertThat(added)
                    .extracting(Row::key)
                    .allMatch(k ->
                            k.startsWith("request:" + id + ":" + move.target().db() + ":"));
            assertThat(added.get(0).anchorKey()).isEqualTo("request-card:V1");
            assertThat(added.get(0).arg("text"))
                    .as("the card's text follows its blocks")
                    .contains("Status: " + move.target().label() + " by <@" + actor + ">");
            assertThat(added.get(1).arg("text"))
                    .as("the note pings nobody, the presser least")
                    .startsWith("*" + move.target().label() + "*")
                    .doesNotContain("<@");
        }
        SupportTicketRequest r = store.request(id);
        assertThat(r.status()).isEqualTo(end);
        assertThat(r.statusBy()).isEqualTo(actor);
        assertThat(store.count("request_event")).isEqualTo(1 + moves(path).size());
    }

    @ParameterizedTest(name = "{1} after {0}")
    @CsvSource(delimiter = '|', textBlock = """
                                | DONE        | OPEN
            ACKNOWLEDGE         | ACKNOWLEDGE | ACKNOWLEDGED
            ACKNOWLEDGE         | DONE        | ACKNOWLEDGED
            APPROVE             | ACKNOWLEDGE | APPROVED
            APPROVE             | DECLINE     | APPROVED
            DECLINE             | APPROVE     | DECLINED
            DECLINE             | DONE        | DECLINED
            DECLINE             | ACKNOWLEDGE | DECLINED
            APPROVE DONE        | APPROVE     | DONE
            APPROVE DONE        | DONE        | DONE
            """)
    void move_notValidFromTheCurrentStatus_changesNothingAndTellsTheClicker(
            String before, Move move, RequestStatus current) {
        long id = store.submit("V1");
        moves(before).forEach(m -> store.click(id, m, HEAD));
        int rows = store.outboxCount();
        int events = store.count("request_event");

        MoveResult result = store.click(id, move, DELEGATE);

        assertThat(result).isEqualTo(new MoveResult.AlreadyMoved(current));
        assertThat(store.request(id).status()).isEqualTo(current);
        assertThat(store.count("request_event")).isEqualTo(events);
        assertThat(store.outboxRows().subList(rows, store.outboxCount()))
                .singleElement()
                .satisfies(told -> {
                    assertThat(told.kind()).isEqualTo("ephemeral to " + DELEGATE);
                    assertThat(told.arg("channel")).isEqualTo(CHANNEL);
                    assertThat(told.arg("text")).contains("*" + current.label());
                });
    }

    @Test
    void move_bySomeoneElse_isRefusedPrivatelyAndChangesNothing() {
        long id = store.submit("V1");

        MoveResult result = store.click(id, Move.APPROVE, "UOTHER");

        assertThat(result).isInstanceOf(MoveResult.NotAllowed.class);
        assertThat(store.request(id).status()).isEqualTo(RequestStatus.OPEN);
        assertThat(store.count("request_event")).isEqualTo(1);
        assertThat(store.outboxRows())
                .extracting(Row::kind)
                .containsExactly("post to " + CHANNEL, "ephemeral to UOTHER");
        assertThat(store.outboxRows().get(1).arg("text")).contains("only <@UHEAD> or <@UDELEGATE>");
    }

    @Test
    void move_byMemberOfTheHeadOfSupportGroup_isAllowed(@TempDir Path other) {
        RequestStore group = new RequestStore(other, "<!subteam^SHEAD>", g -> Set.of("UMEMBER"));
        group.approvers.refresh();
        long id = group.submit("V1");

        assertThat(group.click(id, Move.ACKNOWLEDGE, "UMEMBER")).isInstanceOf(MoveResult.Moved.class);
        assertThat(group.click(id, Move.APPROVE, "UOTHER")).isInstanceOf(MoveResult.NotAllowed.class);
    }

    @Test
    void decline_withoutReason_asksForOneAndChangesNothing() {
        long id = store.submit("V1");

        MoveResult result = store.service.move(id, Move.DECLINE, HEAD, " ", "action:1700000000.9:UHEAD");

        assertThat(result).isInstanceOf(MoveResult.NeedsReason.class);
        assertThat(store.request(id).status()).isEqualTo(RequestStatus.OPEN);
        assertThat(store.outboxCount()).isEqualTo(1);
    }

    @Test
    void decline_reasonIsStoredAndShownOnTheCardInTheThreadAndToTheCe() {
        long id = store.submit("V1");
        store.landCard(id);

        store.service.move(id, Move.DECLINE, HEAD, "Not <!here> this quarter", "view:V2");

        SupportTicketRequest r = store.request(id);
        assertThat(r.statusReason()).isEqualTo("Not <!here> this quarter");
        List<Row> rows = store.outboxRows();
        assertThat(rows.get(1).blocks()).contains("Declined by <@UHEAD>", "Not &lt;!here&gt; this quarter");
        assertThat(rows.get(1).arg("text")).endsWith("Status: Declined by <@UHEAD>: Not &lt;!here&gt; this quarter.");
        assertThat(rows.get(2).arg("text"))
                .isEqualTo("*Declined*: Not &lt;!here&gt; this quarter\nI've told the CE by DM.");
        assertThat(rows.get(3).arg("text"))
                .contains(
                        "*declined* by <@UHEAD>: Not &lt;!here&gt; this quarter",
                        "https://acme.slack.com/archives/CSUPPORT/p1700000000000100");
    }

    @Test
    void move_unknownRequest_isInvalid() {
        assertThat(store.click(404, Move.APPROVE, HEAD)).isInstanceOf(MoveResult.Invalid.class);
    }
}
