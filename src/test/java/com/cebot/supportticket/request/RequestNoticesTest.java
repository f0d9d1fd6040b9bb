package com.cebot.supportticket.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class RequestNoticesTest {

    private static final String PERMALINK = "https://acme.slack.com/archives/CSUPPORT/p1700000000000100";

    @Test
    void moved_declined_tellsTheCeWhoAndWhyWithALink() {
        SupportTicketRequest r = SampleRequest.open()
                .status(RequestStatus.DECLINED, "UHEAD", "Not <!here> & now")
                .build();

        String text = RequestNotices.moved(r, PERMALINK);

        assertThat(text)
                .contains(
                        "*Acme Corp*",
                        "*declined* by <@UHEAD>",
                        "Not &lt;!here&gt; &amp; now",
                        "<" + PERMALINK + "|View the request>");
    }

    @Test
    void posted_speaksAsI_andLinksToTheCard() {
        String text = RequestNotices.posted(SampleRequest.open().build(), "CSUPPORT", PERMALINK);

        assertThat(text)
                .startsWith("Thanks! I posted your request for *Acme Corp* in <#CSUPPORT>")
                .contains("<" + PERMALINK + "|view the card>", "I'll DM you")
                .doesNotContain("you will");
    }

    @Test
    void moved_cardNotLandedYet_hasNoLink() {
        SupportTicketRequest r =
                SampleRequest.open().status(RequestStatus.DONE, "UHEAD", null).build();

        assertThat(RequestNotices.moved(r, null))
                .isEqualTo("Your request for *Acme Corp* was *marked done* by <@UHEAD>.");
    }

    @Test
    void notAllowed_namesWhoMayDecide() {
        assertThat(RequestNotices.notAllowed("<!subteam^SHEAD> or <@UDELEGATE>"))
                .startsWith("Sorry, only <!subteam^SHEAD> or <@UDELEGATE> can move");
    }

    @Test
    void alreadyMoved_saysTheCurrentStatusAndWhoMadeIt() {
        SupportTicketRequest r = SampleRequest.open()
                .status(RequestStatus.APPROVED, "UHEAD", null)
                .build();

        assertThat(RequestNotices.alreadyMoved(r)).contains("*Approved by <@UHEAD>*");
    }

    @Test
    void nudgeUnacknowledged_namesTheRequestAndLinksToIt() {
        SupportTicketRequest r = SampleRequest.open().everyText("<!channel>").build();

        String text = RequestNotices.nudgeUnacknowledged(r, PERMALINK);

        assertThat(text)
                .contains("*&lt;!channel&gt;*", "acknowledged", "<" + PERMALINK + "|Open the request>")
                .doesNotContain("<!channel>")
                .as("the CE is not pinged by a reminder to someone else")
                .doesNotContain("<@");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-25 | is needed by Wed 25 Nov 2026 (in 2 days)
            2026-11-24 | is needed by Tue 24 Nov 2026 (tomorrow)
            2026-11-23 | is needed today
            2026-11-20 | was needed by Fri 20 Nov 2026
            """)
    void nudgeNeededBy_saysHowSoon(LocalDate neededBy, String when) {
        SupportTicketRequest r =
                SampleRequest.open().neededBy(neededBy, "Renewal").build();

        String text = RequestNotices.nudgeNeededBy(r, PERMALINK, LocalDate.parse("2026-11-23"));

        assertThat(text)
                .contains("*Acme Corp* " + when + " and is still *open*", PERMALINK)
                .doesNotContain("<@");
    }
}
