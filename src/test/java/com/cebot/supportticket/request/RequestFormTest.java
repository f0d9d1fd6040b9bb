package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.inbox.DraftJson;
import com.cebot.slack.Checked;
import com.cebot.slack.ShortcutMessage;
import com.cebot.slack.SourceMessage;
import com.cebot.supportticket.TicketLinkParser;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.view.View;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class RequestFormTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-23");
    private static final TicketLinkParser LINKS = new TicketLinkParser("acme");

    private static Checked<RequestDraft> check(SubmittedView submitted) {
        return RequestForm.check(submitted.view(), LINKS, TODAY);
    }

    private static Map<String, String> errors(Checked<RequestDraft> checked) {
        assertThat(checked).isInstanceOf(Checked.Invalid.class);
        return ((Checked.Invalid<RequestDraft>) checked).errors();
    }

    private static Set<String> inputBlockIds(View view) {
        return view.getBlocks().stream()
                .filter(InputBlock.class::isInstance)
                .map(b -> b.getBlockId())
                .collect(Collectors.toSet());
    }

    @Test
    void check_everyFieldFilled_givesDraft() {
        SubmittedView submitted = SubmittedView.validRequest("2026-12-01").metadata(SourceMessage.encode("C1", "1.2"));

        Checked<RequestDraft> checked = check(submitted);

        assertThat(checked).isInstanceOf(Checked.Valid.class);
        RequestDraft draft = ((Checked.Valid<RequestDraft>) checked).value();
        assertThat(draft.customer()).isEqualTo(new CustomerChoice.New("Acme Corp"));
        assertThat(draft.links()).extracting(l -> l.ticketKey()).containsExactly("github:acme/app#12", "zendesk:1234");
        assertThat(draft.ask()).isEqualTo("Prioritise the SSO bug");
        assertThat(draft.why()).isEqualTo("Renewal depends on it");
        assertThat(draft.ifNot()).isEqualTo("They may not renew");
        assertThat(draft.timing())
                .contains(new RequestDraft.Timing(LocalDate.parse("2026-12-01"), "Renewal call that week"));
        assertThat(draft.anythingElse()).contains("Champion is Jo");
        assertThat(draft.source()).contains(new SourceMessage("C1", "1.2"));
    }

    @Test
    void check_optionalFieldsEmpty_givesDraftWithoutThem() {
        SubmittedView submitted = SubmittedView.validRequest("2026-12-01")
                .cleared(RequestModal.TIME_REASON)
                .cleared(RequestModal.NEEDED_BY)
                .cleared(RequestModal.ANYTHING_ELSE);

        RequestDraft draft = ((Checked.Valid<RequestDraft>) check(submitted)).value();

        assertThat(draft.timing()).isEmpty();
        assertThat(draft.anythingElse()).isEmpty();
        assertThat(draft.source()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {RequestModal.CUSTOMER, RequestModal.LINK, RequestModal.ASK, RequestModal.WHY, RequestModal.IF_NOT
            })
    void check_requiredFieldMissing_refusedOnThatField(String blockId) {
        Map<String, String> errors =
                errors(check(SubmittedView.validRequest("2026-12-01").cleared(blockId)));

        assertThat(errors).containsOnlyKeys(blockId);
        assertThat(errors.get(blockId)).isNotBlank();
    }

    @Test
    void check_onlyWhitespace_countsAsMissing() {
        Map<String, String> errors =
                errors(check(SubmittedView.validRequest("2026-12-01").text(RequestModal.ASK, " \n\t ")));

        assertThat(errors).containsOnlyKeys(RequestModal.ASK);
    }

    @Test
    void check_dateInThePast_refusedOnNeededBy() {
        Map<String, String> errors = errors(check(SubmittedView.validRequest("2026-11-22")));

        assertThat(errors).containsOnlyKeys(RequestModal.NEEDED_BY);
        assertThat(errors.get(RequestModal.NEEDED_BY)).contains("passed");
    }

    @Test
    void check_dateToday_isAccepted() {
        assertThat(check(SubmittedView.validRequest("2026-11-23"))).isInstanceOf(Checked.Valid.class);
    }

    @Test
    void check_dateWithoutReason_asksWhyThatDate() {
        Map<String, String> errors =
                errors(check(SubmittedView.validRequest("2026-12-01").cleared(RequestModal.TIME_REASON)));

        assertThat(errors).containsOnlyKeys(RequestModal.TIME_REASON);
        assertThat(errors.get(RequestModal.TIME_REASON)).contains("Tue 1 Dec 2026");
    }

    /** "No rush" is an answer: text about timing never makes the optional date required. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"No rush", "None", "n/a", "Before the renewal call next Friday", "ASAP, by 2026-12-01"})
    void check_timingWithoutDate_isAccepted_andNoDateIsGuessedFromTheWords(String timing) {
        SubmittedView submitted = SubmittedView.validRequest("2026-12-01")
                .cleared(RequestModal.NEEDED_BY)
                .text(RequestModal.TIME_REASON, timing);

        RequestDraft draft = ((Checked.Valid<RequestDraft>) check(submitted)).value();

        assertThat(draft.timing()).contains(new RequestDraft.Timing(null, timing));
    }

    @Test
    void check_dateInThePastWithoutReason_isRefusedOnBoth() {
        Map<String, String> errors =
                errors(check(SubmittedView.validRequest("2026-11-01").cleared(RequestModal.TIME_REASON)));

        assertThat(errors).containsOnlyKeys(RequestModal.NEEDED_BY, RequestModal.TIME_REASON);
    }

    /** A draft accepted by the version before waits in the inbox under its old name, and still reads. */
    @Test
    void draftStoredBeforeTimingCouldComeWithoutADate_stillReads() {
        RequestDraft draft = ((Checked.Valid<RequestDraft>) check(SubmittedView.validRequest("2026-12-01"))).value();
        String stored = DraftJson.write(draft).replace("\"timing\"", "\"neededBy\"");

        assertThat(stored).contains("\"neededBy\":{\"date\":\"2026-12-01\",\"why\":\"Renewal call that week\"}");
        assertThat(DraftJson.read(stored, RequestDraft.class)).isEqualTo(draft);
    }

    @ParameterizedTest(name = "{0} with {1} characters")
    @CsvSource({"ask, 1501", "why, 1501", "if_not, 1501", "time_reason, 501", "anything_else, 3001"})
    void check_textTooLong_refusedOnThatField(String blockId, int length) {
        Map<String, String> errors =
                errors(check(SubmittedView.validRequest("2026-12-01").text(blockId, "x".repeat(length))));

        assertThat(errors).containsOnlyKeys(blockId);
        assertThat(errors.get(blockId)).contains(Integer.toString(length - 1));
    }

    @Test
    void check_linksTooLong_refusedOnLink() {
        String many = "ZD 1 ".repeat(401);

        assertThat(errors(check(SubmittedView.validRequest("2026-12-01").text(RequestModal.LINK, many))))
                .containsOnlyKeys(RequestModal.LINK);
    }

    @Test
    void check_unrecognisedLink_refusedOnLinkWithExample() {
        Map<String, String> errors =
                errors(check(SubmittedView.validRequest("2026-12-01").text(RequestModal.LINK, "see the doc")));

        assertThat(errors).containsOnlyKeys(RequestModal.LINK);
        assertThat(errors.get(RequestModal.LINK)).contains("ZD 1234");
    }

    @Test
    void check_newCustomerNameTooLong_refusedOnCustomer() {
        Map<String, String> errors =
                errors(check(SubmittedView.validRequest("2026-12-01").customer("new:" + "A".repeat(71))));

        assertThat(errors).containsOnlyKeys(RequestModal.CUSTOMER);
    }

    @Test
    void check_everythingMissing_errorsAreKeyedByInputBlocksOfTheModal() {
        SubmittedView empty = SubmittedView.validRequest("2026-11-01");
        inputBlockIds(RequestModal.build("C1", ShortcutMessage.NONE)).stream()
                .filter(id -> !id.equals(RequestModal.NEEDED_BY))
                .forEach(empty::cleared);

        Map<String, String> errors = errors(check(empty));

        assertThat(errors)
                .containsOnlyKeys(
                        RequestModal.CUSTOMER,
                        RequestModal.LINK,
                        RequestModal.ASK,
                        RequestModal.WHY,
                        RequestModal.IF_NOT,
                        RequestModal.NEEDED_BY,
                        RequestModal.TIME_REASON);
        assertThat(inputBlockIds(RequestModal.build("C1", ShortcutMessage.NONE)))
                .containsAll(errors.keySet());
    }

    @Test
    void checkDecline_noReason_refusedOnReasonBlockOfTheDeclineModal() {
        SubmittedView submitted =
                new SubmittedView().text(RequestModal.DECLINE_REASON, " ").metadata("7");

        Checked<RequestForm.Decline> checked = RequestForm.checkDecline(submitted.view());

        assertThat(checked).isInstanceOf(Checked.Invalid.class);
        assertThat(((Checked.Invalid<RequestForm.Decline>) checked).errors())
                .containsOnlyKeys(RequestModal.DECLINE_REASON);
        assertThat(inputBlockIds(RequestModal.decline(SampleRequest.open().build())))
                .contains(RequestModal.DECLINE_REASON);
    }

    @Test
    void checkDecline_reasonTooLong_refused() {
        SubmittedView submitted = new SubmittedView()
                .text(RequestModal.DECLINE_REASON, "x".repeat(501))
                .metadata("7");

        assertThat(RequestForm.checkDecline(submitted.view())).isInstanceOf(Checked.Invalid.class);
    }

    @Test
    void checkDecline_reason_givesRequestIdFromMetadata() {
        SubmittedView submitted = new SubmittedView()
                .text(RequestModal.DECLINE_REASON, "Out of scope")
                .metadata("7");

        assertThat(RequestForm.checkDecline(submitted.view()))
                .isEqualTo(new Checked.Valid<>(new RequestForm.Decline(7, "Out of scope")));
    }
}
