package com.cebot.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.Checked;
import com.cebot.slack.SourceMessage;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ShareFormTest {

    private static final List<String> CATEGORIES = List.of(FeedbackFeature.NEUTRAL_CATEGORY, "Integrations");

    private final Map<String, Map<String, ViewState.Value>> values = new HashMap<>();
    private final Map<Long, Gap> gaps = new HashMap<>();
    private String metadata = "";

    private ViewState.Value value(String blockId, String actionId) {
        return values.computeIfAbsent(blockId, b -> new HashMap<>())
                .computeIfAbsent(actionId, a -> new ViewState.Value());
    }

    private ShareFormTest text(String blockId, String text) {
        value(blockId, ShareModal.VALUE).setValue(text);
        return this;
    }

    private ShareFormTest selected(String blockId, String actionId, String option) {
        ViewState.SelectedOption selected = new ViewState.SelectedOption();
        selected.setValue(option);
        value(blockId, actionId).setSelectedOption(selected);
        return this;
    }

    private ShareFormTest customers(String... options) {
        List<ViewState.SelectedOption> picked = new ArrayList<>();
        for (String option : options) {
            ViewState.SelectedOption selected = new ViewState.SelectedOption();
            selected.setValue(option);
            picked.add(selected);
        }
        value(ShareModal.CUSTOMERS, ShareModal.CUSTOMER_SELECT).setSelectedOptions(picked);
        return this;
    }

    private ShareFormTest valid(String gap) {
        return customers("new:Acme", "id:7")
                .selected(ShareModal.GAP, ShareModal.GAP_SELECT, gap)
                .text(ShareModal.NEED, "Map Okta groups to teams")
                .selected(ShareModal.SEVERITY, ShareModal.VALUE, "blocker");
    }

    private static Gap gap(long id, GapStatus status, Long mergedInto, String title) {
        return new Gap(
                id,
                title,
                "Integrations",
                status,
                mergedInto,
                null,
                1,
                "k" + id,
                null,
                null,
                Instant.EPOCH,
                1,
                1,
                0,
                0);
    }

    private Checked<ShareDraft> check() {
        ViewState state = new ViewState();
        state.setValues(values);
        View view = new View();
        view.setState(state);
        view.setPrivateMetadata(metadata);
        return ShareForm.check(view, CATEGORIES, id -> Optional.ofNullable(gaps.get(id)));
    }

    private ShareDraft draft() {
        Checked<ShareDraft> checked = check();
        assertThat(checked).isInstanceOf(Checked.Valid.class);
        return ((Checked.Valid<ShareDraft>) checked).value();
    }

    private Map<String, String> errors() {
        Checked<ShareDraft> checked = check();
        assertThat(checked).isInstanceOf(Checked.Invalid.class);
        return ((Checked.Invalid<ShareDraft>) checked).errors();
    }

    @Nested
    final class Valid {

        @Test
        void aGapOnRecord_takesTheCustomers_andEveryAnswer() {
            gaps.put(3L, gap(3, GapStatus.IN_REVIEW, null, "SSO"));
            metadata = SourceMessage.encode("C1", "1.2");
            valid("gap:3")
                    .text(ShareModal.BLOCKS, "Q4 renewal")
                    .text(ShareModal.WORKAROUND, "By hand")
                    .text(ShareModal.LINK, "https://acme.lightning.force.com/r/1?a=1&b=2");
            value(ShareModal.ANONYMOUS, ShareModal.VALUE).setSelectedOptions(List.of(option(ShareModal.ANONYMOUS)));

            assertThat(draft())
                    .isEqualTo(new ShareDraft(
                            List.of(new CustomerChoice.New("Acme"), new CustomerChoice.Known(7)),
                            new ShareDraft.Target.Existing(3),
                            "Map Okta groups to teams",
                            Severity.BLOCKER,
                            Optional.of("Q4 renewal"),
                            Optional.of("By hand"),
                            Optional.of("https://acme.lightning.force.com/r/1?a=1&b=2"),
                            true,
                            Optional.of(new SourceMessage("C1", "1.2"))));
        }

        @Test
        void aNewGap_takesTheTitleGiven_andTheCategoryPicked() {
            valid("new:okta sso")
                    .selected(ShareModal.CATEGORY, ShareModal.VALUE, "Integrations")
                    .text(ShareModal.TITLE, "  SSO   with Okta groups ");

            assertThat(draft().gap()).isEqualTo(new ShareDraft.Target.Create("SSO with Okta groups", "Integrations"));
            assertThat(draft().anonymous()).isFalse();
        }

        @Test
        void aNewGap_withoutTitleOrCategory_takesWhatWasTyped_andTheNeutralCategory() {
            valid("new:  okta \u200B sso ");

            assertThat(draft().gap())
                    .isEqualTo(new ShareDraft.Target.Create("okta \u200B sso", FeedbackFeature.NEUTRAL_CATEGORY));
        }

        @Test
        void theSameCustomerTwice_isOneCustomer() {
            valid("new:x").customers("id:7", "id:7");

            assertThat(draft().customers()).containsExactly(new CustomerChoice.Known(7));
        }
    }

    @Nested
    final class Refused {

        @Test
        void noCustomer_orAGarbledOne_orALongName_orTooMany() {
            valid("new:x").customers();
            assertThat(errors()).containsKey(ShareModal.CUSTOMERS);
            valid("new:x").customers("id:x");
            assertThat(errors().get(ShareModal.CUSTOMERS)).contains("again");
            valid("new:x").customers("new:" + "a".repeat(CustomerChoice.MAX_NAME + 1));
            assertThat(errors().get(ShareModal.CUSTOMERS)).contains("70 characters");
            valid("new:x")
                    .customers(
                            "id:1", "id:2", "id:3", "id:4", "id:5", "id:6", "id:7", "id:8", "id:9", "id:10", "id:11");
            assertThat(errors().get(ShareModal.CUSTOMERS)).contains("at most 10");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "gap:", "gap:x", "new:", "new:\u200B ", "other:1"})
        void aGapThatIsNeitherPickedNorTyped(String value) {
            valid(value);

            assertThat(errors().get(ShareModal.GAP)).contains("New gap");
        }

        @Test
        void aGapMergedMeanwhile_namesWhereItWent_afterEveryMerge() {
            gaps.put(3L, gap(3, GapStatus.OPEN, 5L, "Old"));
            gaps.put(5L, gap(5, GapStatus.OPEN, 4L, "Older"));
            gaps.put(4L, gap(4, GapStatus.OPEN, null, "SSO <b> & Okta"));
            valid("gap:3");

            assertThat(errors().get(ShareModal.GAP))
                    .isEqualTo("That gap was merged into \"SSO ‹b› & Okta\" meanwhile:" + " pick that one.");
        }

        @Test
        void aGapClosedMeanwhile_orGone() {
            gaps.put(3L, gap(3, GapStatus.WONT_DO, null, "SSO"));
            valid("gap:3");
            assertThat(errors().get(ShareModal.GAP)).contains("closed as Won't do");
            valid("gap:5");
            assertThat(errors().get(ShareModal.GAP)).contains("not on record");
        }

        @Test
        void aTitleLongerThanOneLine_orACategoryNoLongerOffered() {
            valid("new:x")
                    .text(ShareModal.TITLE, "t".repeat(ShareModal.TITLE_MAX + 1))
                    .selected(ShareModal.CATEGORY, ShareModal.VALUE, "Removed");

            assertThat(errors()).containsKeys(ShareModal.TITLE, ShareModal.CATEGORY);
            values.remove(ShareModal.TITLE);
            valid("new:" + "t".repeat(ShareModal.TITLE_MAX + 1));
            assertThat(errors()).containsKey(ShareModal.GAP);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "http://acme.example/x",
                    "acme.example",
                    "https://",
                    "https://a b",
                    "javascript:alert(1)",
                    "ftp://x.example"
                })
        void aLinkThatIsNotOneHttpsLink(String link) {
            valid("new:x").text(ShareModal.LINK, link);

            assertThat(errors().get(ShareModal.LINK)).contains("https");
        }

        @Test
        void textsPastTheirLimits_andNoNeedOrSeverity() {
            valid("new:x")
                    .text(ShareModal.NEED, "n".repeat(ShareModal.NEED_MAX + 1))
                    .text(ShareModal.BLOCKS, "b".repeat(ShareModal.BLOCKS_MAX + 1))
                    .text(ShareModal.WORKAROUND, "w".repeat(ShareModal.WORKAROUND_MAX + 1));
            assertThat(errors()).containsOnlyKeys(ShareModal.NEED, ShareModal.BLOCKS, ShareModal.WORKAROUND);

            values.clear();
            valid("new:x").text(ShareModal.NEED, " \u00A0").selected(ShareModal.SEVERITY, ShareModal.VALUE, "fatal");
            assertThat(errors()).containsOnlyKeys(ShareModal.NEED, ShareModal.SEVERITY);
        }
    }

    private static ViewState.SelectedOption option(String value) {
        ViewState.SelectedOption option = new ViewState.SelectedOption();
        option.setValue(value);
        return option;
    }
}
