package com.cebot.supportticket.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.slack.ShortcutMessage;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.view.View;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ContextModalTest {

    private static List<InputBlock> inputs(View view) {
        return view.getBlocks().stream()
                .filter(InputBlock.class::isInstance)
                .map(InputBlock.class::cast)
                .toList();
    }

    @Test
    void build_labelsAreShort_andTheHandbooksWordsAreTheHints() {
        List<InputBlock> inputs = inputs(ContextModal.build("C1", ShortcutMessage.NONE));

        assertThat(inputs)
                .extracting(b -> b.getLabel().getText())
                .containsExactly("Customer", "Links to the issue", "What should support know?");
        assertThat(inputs.get(1).getHint().getText())
                .contains("Slack, GitHub or Zendesk", "one or more links", "ZD 1234");
        assertThat(inputs.get(2).getHint().getText())
                .isEqualTo("Background information or anything we should know that would be helpful.");
    }

    @Test
    void build_submitSaysWhatHappens_andTheIntroSpeaksAsI() {
        View view = ContextModal.build("C1", ShortcutMessage.NONE);

        assertThat(view.getSubmit().getText())
                .isEqualTo("Post to support channel")
                .hasSizeLessThanOrEqualTo(24);
        assertThat(view.getTitle().getText()).hasSizeLessThanOrEqualTo(24);
        assertThat(view.getBlocks().get(0).toString()).contains("I'll post this in <#C1>");
    }
}
