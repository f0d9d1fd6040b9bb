package com.cebot.sdrcollab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EscalationTextTest {

    private static Routing routing(String escalateMention) {
        return new Routing(
                "C0CE",
                "<!subteam^S0SDR>",
                escalateMention,
                Set.of(),
                2,
                3,
                5,
                Duration.ofHours(1),
                ZoneId.of("UTC"),
                "ce-sdr-collab",
                escalateMention.isEmpty() ? "" : "the CE manager");
    }

    @Test
    void aConfiguredTargetIsTaggedBeforeTheAsk() {
        assertThat(routing("<@U0MGR>").escalate("nobody in the group can take this question now"))
                .isEqualTo("<@U0MGR> nobody in the group can take this question now");
    }

    @Test
    void withNobodyConfigured_theAskStillReads_andSaysWhatToSet() {
        assertThat(routing("").escalate("nobody in the group can take this question now"))
                .startsWith("Nobody in the group can take this question now (nobody is tagged")
                .contains("`sdr_collab.escalate_to`")
                .doesNotContain("<@", "<!");
    }
}
