package com.cebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.RichTextBlock;
import com.slack.api.model.block.element.RichTextSectionElement;
import com.slack.api.model.event.MessageEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelMessagesTest {

    @Test
    void mentionsComeFromTheTextAndFromRichText() {
        var event = new MessageEvent();
        event.setChannel("C1");
        event.setUser("U1");
        event.setTs("1.000100");
        event.setText("<@U0AWAY1> and <@W0ENTERP|someone> and <!subteam^S0SDR|@ce-sdr-collab>, not <#C0CHAN> or @U0PLAIN");
        var section = RichTextSectionElement.builder().elements(List.of(
                RichTextSectionElement.User.builder().userId("U0RICH1").build(),
                RichTextSectionElement.UserGroup.builder().usergroupId("S0RICH").build())).build();
        event.setBlocks(List.of(RichTextBlock.builder().elements(List.of(section)).build()));

        ChannelMessages.Message m = ChannelMessages.read("Ev1", event);

        assertEquals(Set.of("U0AWAY1", "W0ENTERP", "U0RICH1"), m.users());
        assertEquals(Set.of("S0SDR", "S0RICH"), m.groups());
        assertTrue(m.topLevel());
        assertEquals("1.000100", m.thread());
    }

    @Test
    void aThreadReplyIsNotTopLevelButABroadcastParentIs() {
        var reply = new MessageEvent();
        reply.setTs("2.0");
        reply.setThreadTs("1.0");
        reply.setText("thanks");
        ChannelMessages.Message m = ChannelMessages.read("Ev2", reply);
        assertFalse(m.topLevel());
        assertEquals("1.0", m.thread());
        assertEquals(Set.of(), m.users());

        var parent = new MessageEvent();
        parent.setTs("1.0");
        parent.setThreadTs("1.0");
        assertTrue(ChannelMessages.read("Ev3", parent).topLevel());
    }
}
