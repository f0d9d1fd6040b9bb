package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.ShortcutMessage;
import com.cebot.slack.SourceMessage;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RequestModalTest {

    @Test
    void build_labelsAreShort_andTheHandbooksQuestionsAreTheHints() {
        View view = RequestModal.build("C1", ShortcutMessage.NONE);

        assertThat(view.getTitle().getText())
                .isEqualTo("Support Ticket Request")
                .hasSizeLessThanOrEqualTo(24);
        assertThat(inputs(view))
                .extracting(b -> b.getLabel().getText())
                .containsExactly(
                        "Customer",
                        "Links to the issue",
                        "What do you need?",
                        "Why?",
                        "What happens if we don't?",
                        "Needed by",
                        "Why that date?",
                        "Anything else?");
        assertThat(inputs(view))
                .extracting(b -> b.getHint().getText())
                .anyMatch(h -> h.startsWith("What's the ask"))
                .anyMatch(h -> h.startsWith("Why are we making this ask"))
                .anyMatch(h -> h.startsWith("What happens if we don't take this desired action"))
                .anyMatch(h -> h.startsWith("Is there a time consideration we need to be aware of"))
                .anyMatch(h -> h.startsWith("If so, what is it and why?"))
                .anyMatch(h -> h.startsWith("Anything else we should know that would be helpful"));
    }

    @Test
    void build_dateAndItsWhy_areBothOptional() {
        assertThat(inputs(RequestModal.build("C1", ShortcutMessage.NONE)))
                .filteredOn(b -> List.of(RequestModal.NEEDED_BY, RequestModal.TIME_REASON)
                        .contains(b.getBlockId()))
                .extracting(InputBlock::isOptional)
                .containsExactly(true, true);
    }

    @Test
    void build_linkHint_saysItTakesSeveralLinks_andATicketNumber() {
        String hint = inputs(RequestModal.build("C1", ShortcutMessage.NONE)).stream()
                .filter(b -> RequestModal.LINK.equals(b.getBlockId()))
                .findFirst()
                .orElseThrow()
                .getHint()
                .getText();

        assertThat(hint)
                .contains("GitHub", "Zendesk", "one or more links", "ZD 1234")
                .doesNotContain("Github");
    }

    @Test
    void build_submitSaysWhereItGoes_andTheIntroSpeaksAsI() {
        View view = RequestModal.build("C1", ShortcutMessage.NONE);

        assertThat(view.getSubmit().getText())
                .isEqualTo("Send to head of support")
                .hasSizeLessThanOrEqualTo(24);
        assertThat(view.getBlocks().get(0).toString()).contains("I'll post this in <#C1>");
    }

    @Test
    void decline_submitSaysWhatHappens() {
        View view = RequestModal.decline(SampleRequest.open().build());

        assertThat(view.getSubmit().getText())
                .isEqualTo("Decline and tell the CE")
                .hasSizeLessThanOrEqualTo(24);
        assertThat(inputs(view)).extracting(b -> b.getLabel().getText()).containsExactly("Why?");
    }

    private static List<InputBlock> inputs(View view) {
        return view.getBlocks().stream()
                .filter(InputBlock.class::isInstance)
                .map(InputBlock.class::cast)
                .toList();
    }

    @Test
    void build_everyTextInputHasAMaxLength() {
        View view = RequestModal.build("C1", ShortcutMessage.NONE);

        assertThat(view.getBlocks())
                .filteredOn(InputBlock.class::isInstance)
                .extracting(b -> ((InputBlock) b).getElement())
                .filteredOn(PlainTextInputElement.class::isInstance)
                .allSatisfy(e ->
                        assertThat(((PlainTextInputElement) e).getMaxLength()).isBetween(1, 3000))
                .hasSize(6);
    }

    @Test
    void build_messageShortcut_prefillsLinkAndAnythingElse() {
        View view = RequestModal.build(
                "C1", new ShortcutMessage("https://acme.slack.com/archives/C1/p1", "> hi\n\n", "C1", "1.2"));

        assertThat(view.getPrivateMetadata()).isEqualTo(SourceMessage.encode("C1", "1.2"));
        assertThat(initialValue(view, RequestModal.LINK)).isEqualTo("https://acme.slack.com/archives/C1/p1");
        assertThat(initialValue(view, RequestModal.ANYTHING_ELSE)).isEqualTo("> hi\n\n");
    }

    private static String initialValue(View view, String blockId) {
        return view.getBlocks().stream()
                .filter(b -> blockId.equals(b.getBlockId()))
                .map(b -> ((PlainTextInputElement) ((InputBlock) b).getElement()).getInitialValue())
                .findFirst()
                .orElseThrow();
    }
}
