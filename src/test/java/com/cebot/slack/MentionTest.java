package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class MentionTest {

    @Test
    void aPersonsMention_namesThem() {
        assertThat(Mention.of("<@U0HEAD>")).contains(new Mention.User("U0HEAD"));
        assertThat(Mention.of("<@W0GRID>")).contains(new Mention.User("W0GRID"));
    }

    @Test
    void aGroupsMention_namesIt_withOrWithoutItsHandle() {
        assertThat(Mention.of("<!subteam^S0SUPPORT>")).contains(new Mention.Group("S0SUPPORT"));
        assertThat(Mention.of("<!subteam^S0SUPPORT|@support>")).contains(new Mention.Group("S0SUPPORT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"U0HEAD", "@support", "<#C0CE>", "<!here>", "<@U0HEAD> and more", "<!subteam^U0HEAD>", ""})
    void anythingElse_namesNobody(String text) {
        assertThat(Mention.of(text)).isEmpty();
    }

    @Test
    void users_areThePeopleATextMentions_notItsGroups() {
        assertThat(Mention.users("<@U0A> <!subteam^S0B> <@U0C>")).containsExactly("U0A", "U0C");
        assertThat(Mention.users("")).isEmpty();
    }
}
