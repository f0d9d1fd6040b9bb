package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.ShortcutMessage;
import com.cebot.slack.SourceMessage;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import org.junit.jupiter.api.Test;

final class RequestModalTest {

    @Test
    void build_labelsAreTheHandbooksWords() {
        View view = RequestModal.build("C1", ShortcutMessage.NONE);

        assertThat(view.getTitle().getText()).isEqualTo("Support Ticket Request").hasSizeLessThanOrEqualTo(24);
        assertThat(view.getBlocks()).filteredOn(InputBlock.class::isInstance)
                .extracting(b -> ((InputBlock) b).getLabel().getText()).contains(
                        "Customer Name",
                        "Link to issue (Slack / Github issue / ZD ticket #)",
                        "What's the ask",
                        "Why are we making this ask",
                        "What happens if we don't take this desired action",
                        "Is there a time consideration we need to be aware of, if so what is it and why?",
                        "Anything else we should know that would be helpful?");
    }

    @Test
    void build_everyTextInputHasAMaxLength() {
        View view = RequestModal.build("C1", ShortcutMessage.NONE);

        assertThat(view.getBlocks()).filteredOn(InputBlock.class::isInstance)
                .extracting(b -> ((InputBlock) b).getElement())
                .filteredOn(PlainTextInputElement.class::isInstance)
                .allSatisfy(e -> assertThat(((PlainTextInputElement) e).getMaxLength()).isBetween(1, 3000))
                .hasSize(6);
    }

    @Test
    void build_messageShortcut_prefillsLinkAndAnythingElse() {
        View view = RequestModal.build("C1", new ShortcutMessage("https://acme.slack.com/archives/C1/p1", "> hi\n\n", "C1", "1.2"));

        assertThat(view.getPrivateMetadata()).isEqualTo(SourceMessage.encode("C1", "1.2"));
        assertThat(initialValue(view, RequestModal.LINK)).isEqualTo("https://acme.slack.com/archives/C1/p1");
        assertThat(initialValue(view, RequestModal.ANYTHING_ELSE)).isEqualTo("> hi\n\n");
    }

    private static String initialValue(View view, String blockId) {
        return view.getBlocks().stream().filter(b -> blockId.equals(b.getBlockId()))
                .map(b -> ((PlainTextInputElement) ((InputBlock) b).getElement()).getInitialValue())
                .findFirst().orElseThrow();
    }
}
