package com.cebot.ooo;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Checked;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The /ooo modal's checks, each bad input refused on its own field, without Slack. */
final class OooFormTest {

    private static final String ME = "U0ME";
    private static final String ZONE = "Europe/Berlin";
    private static final LocalDate TODAY = LocalDate.parse("2026-11-02");
    private static final int MAX_PLANNED = 3;

    private final Map<String, Map<String, ViewState.Value>> values = new HashMap<>();
    private String metadata = new OooModal.Metadata(ZONE, null).encode();

    private ViewState.Value value(String blockId, String actionId) {
        ViewState.Value v = new ViewState.Value();
        values.computeIfAbsent(blockId, b -> new HashMap<>()).put(actionId, v);
        return v;
    }

    private OooFormTest filled(String first, String last, String... coverers) {
        value(OooModal.FIRST_DAY, OooModal.VALUE).setSelectedDate(first);
        value(OooModal.LAST_DAY, OooModal.VALUE).setSelectedDate(last);
        value(OooModal.COVERERS, OooModal.VALUE).setSelectedUsers(Arrays.asList(coverers));
        return this;
    }

    private OooFormTest options(String blockId, String actionId, String... optionValues) {
        List<ViewState.SelectedOption> selected = new ArrayList<>();
        for (String v : optionValues) {
            ViewState.SelectedOption o = new ViewState.SelectedOption();
            o.setValue(v);
            selected.add(o);
        }
        value(blockId, actionId).setSelectedOptions(selected);
        return this;
    }

    private Checked<OooDraft> check(List<OooPeriod> own) {
        ViewState state = new ViewState();
        state.setValues(values);
        View view = new View();
        view.setState(state);
        view.setPrivateMetadata(metadata);
        return OooForm.check(view, ME, ZONE, TODAY, own, MAX_PLANNED);
    }

    private Map<String, String> errors(List<OooPeriod> own) {
        Checked<OooDraft> checked = check(own);
        assertThat(checked).isInstanceOf(Checked.Invalid.class);
        return ((Checked.Invalid<OooDraft>) checked).errors();
    }

    private static OooPeriod period(long id, String first, String last) {
        return new OooPeriod(
                id,
                ME,
                ZONE,
                LocalDate.parse(first),
                LocalDate.parse(last),
                "U0COV",
                null,
                "[]",
                1,
                null,
                Instant.EPOCH);
    }

    @Test
    void aFullForm_isAValidDraft_withTheZoneCustomersAndSteps() {
        filled("2026-11-02", "2026-11-06", "U0COV", "U0COV2")
                .options(OooModal.CUSTOMERS, OooModal.CUSTOMER_SELECT, "id:4", "new:Globex")
                .options(OooModal.STEPS, OooModal.VALUE, "pto", "status");
        value(OooModal.PLAN, OooModal.VALUE).setValue("  Cora has the renewals  ");

        OooDraft draft = ((Checked.Valid<OooDraft>) check(List.of())).value();

        assertThat(draft)
                .isEqualTo(new OooDraft(
                        null,
                        ZONE,
                        TODAY,
                        LocalDate.parse("2026-11-06"),
                        List.of("U0COV", "U0COV2"),
                        "Cora has the renewals",
                        List.of(new CustomerChoice.Known(4), new CustomerChoice.New("Globex")),
                        List.of("pto", "status")));
    }

    @Test
    void missingDatesAndCoverers_areRefusedOnEachField() {
        assertThat(errors(List.of())).containsOnlyKeys(OooModal.FIRST_DAY, OooModal.LAST_DAY, OooModal.COVERERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-01", "2025-01-01"})
    void aFirstDayBeforeTodayInThePersonsZone_isRefused(String first) {
        filled(first, "2026-11-06", "U0COV");
        assertThat(errors(List.of()).get(OooModal.FIRST_DAY)).contains("has passed", "Mon 2 Nov 2026");
    }

    @Test
    void aFirstDayMoreThanAYearAhead_isRefused() {
        filled("2027-11-04", "2027-11-05", "U0COV");
        assertThat(errors(List.of())).containsKey(OooModal.FIRST_DAY);
    }

    @Test
    void aLastDayBeforeTheFirst_isRefusedOnTheLastDay() {
        filled("2026-11-06", "2026-11-05", "U0COV");
        assertThat(errors(List.of())).containsOnlyKeys(OooModal.LAST_DAY);
    }

    @Test
    void aPeriodLongerThanTheLimit_isRefused_butTheLimitItselfIsNot() {
        filled("2026-11-02", TODAY.plusDays(OooForm.MAX_DAYS).toString(), "U0COV");
        assertThat(errors(List.of())).containsOnlyKeys(OooModal.LAST_DAY);

        filled("2026-11-02", TODAY.plusDays(OooForm.MAX_DAYS - 1).toString(), "U0COV");
        assertThat(check(List.of())).isInstanceOf(Checked.Valid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-03", "2026-11-06", "2026-11-10"})
    void anOverlapWithOwnTimeOff_isRefused(String first) {
        filled(first, "2026-11-12", "U0COV");
        assertThat(errors(List.of(period(7, "2026-11-06", "2026-11-10"))).get(OooModal.FIRST_DAY))
                .contains("Fri 6 Nov – Tue 10 Nov 2026");
    }

    @Test
    void editing_doesNotOverlapWithItself_butStillWithTheOthers() {
        metadata = new OooModal.Metadata(ZONE, 7L).encode();
        filled("2026-11-09", "2026-11-12", "U0COV");

        assertThat(check(List.of(period(7, "2026-11-06", "2026-11-10")))).isInstanceOf(Checked.Valid.class);
        assertThat(((Checked.Valid<OooDraft>) check(List.of(period(7, "2026-11-06", "2026-11-10"))))
                        .value()
                        .periodId())
                .isEqualTo(7L);
        assertThat(errors(List.of(period(7, "2026-11-06", "2026-11-10"), period(8, "2026-11-12", "2026-11-13"))))
                .containsKey(OooModal.FIRST_DAY);
    }

    @Test
    void coveringYourself_orTooManyCoverers_isRefused() {
        filled("2026-11-09", "2026-11-12", "U0COV", ME);
        assertThat(errors(List.of()).get(OooModal.COVERERS)).contains("your own");

        filled("2026-11-09", "2026-11-12", "U1", "U2", "U3", "U4", "U5", "U6");
        assertThat(errors(List.of()).get(OooModal.COVERERS)).contains("at most 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!channel>", "u0lower", "U0COV>", "C0CHANNEL", "", "U0COV|x"})
    void aCovererThatIsNotAUserId_isRefusedOnItsField_andNothingElse(String forged) {
        filled("2026-11-09", "2026-11-12", "U0COV", forged);

        assertThat(errors(List.of())).containsOnlyKeys(OooModal.COVERERS);
        assertThat(errors(List.of()).get(OooModal.COVERERS)).contains("from the list");
    }

    @Test
    void aSingleUsersSelect_isReadToo_andCheckedTheSameWay() {
        filled("2026-11-09", "2026-11-12");
        value(OooModal.COVERERS, OooModal.VALUE).setSelectedUser("<@U0EVIL>");
        assertThat(errors(List.of()).get(OooModal.COVERERS)).contains("from the list");

        value(OooModal.COVERERS, OooModal.VALUE).setSelectedUser("W0GRID");
        assertThat(((Checked.Valid<OooDraft>) check(List.of())).value().coverers())
                .containsExactly("W0GRID");
    }

    @Test
    void aNewPeriodBeyondTheMostPlannedAtOnce_isRefused_butAnEditOfOneIsNot() {
        List<OooPeriod> planned = List.of(
                period(1, "2026-12-01", "2026-12-02"),
                period(2, "2027-01-04", "2027-01-05"),
                period(3, "2027-02-01", "2027-02-02"));
        filled("2026-11-09", "2026-11-12", "U0COV");

        assertThat(errors(planned)).containsOnlyKeys(OooModal.FIRST_DAY);
        assertThat(errors(planned).get(OooModal.FIRST_DAY)).contains("already have 3 periods", "Edit or cancel one");

        metadata = new OooModal.Metadata(ZONE, 2L).encode();
        assertThat(check(planned)).isInstanceOf(Checked.Valid.class);
    }

    @Test
    void tooLongAPlan_isRefused() {
        filled("2026-11-09", "2026-11-12", "U0COV");
        value(OooModal.PLAN, OooModal.VALUE).setValue("x".repeat(OooModal.PLAN_MAX + 1));
        assertThat(errors(List.of())).containsOnlyKeys(OooModal.PLAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "new:", "id:x"})
    void anUnreadableCustomer_isRefused(String option) {
        filled("2026-11-09", "2026-11-12", "U0COV").options(OooModal.CUSTOMERS, OooModal.CUSTOMER_SELECT, option);
        assertThat(errors(List.of())).containsOnlyKeys(OooModal.CUSTOMERS);
    }

    @Test
    void tooManyCustomers_orAnUnknownStep_isRefused() {
        filled("2026-11-09", "2026-11-12", "U0COV")
                .options(
                        OooModal.CUSTOMERS,
                        OooModal.CUSTOMER_SELECT,
                        "id:1",
                        "id:2",
                        "id:3",
                        "id:4",
                        "id:5",
                        "id:6",
                        "id:7",
                        "id:8",
                        "id:9",
                        "id:10",
                        "id:11")
                .options(OooModal.STEPS, OooModal.VALUE, "pto", "nap");
        assertThat(errors(List.of())).containsOnlyKeys(OooModal.CUSTOMERS, OooModal.STEPS);
    }

    @Test
    void aDateThatIsNotADate_isRefused() {
        filled("2026-13-40", "2026-11-12", "U0COV");
        assertThat(errors(List.of()).get(OooModal.FIRST_DAY)).contains("calendar");
    }
}
