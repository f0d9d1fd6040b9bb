package com.cebot.home;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Start;
import com.cebot.slack.BlockJson;
import com.cebot.slackfake.BlockKitLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HomeViewTest {

    private static final List<Start> STARTS = List.of(new Start("Support Ticket Context", "a", (t, u) -> {}),
            new Start("Plan time off", "b", (t, u) -> {}));

    private static List<BlockElement> buttons(int n) {
        return IntStream.range(0, n).mapToObj(i -> (BlockElement) button(b -> b.actionId("act" + i).value("1")
                .text(plainText("Button " + i)))).toList();
    }

    /** A part of {@code items} in all, of which the newest (at most a page) are read, as the workflows read them. */
    private static Part part(String key, int items, String text, int buttons) {
        return new Part(key, "Part " + key, IntStream.range(0, Math.min(items, HomeContribution.MOST_ITEMS))
                .mapToObj(i -> new Item(text + " " + i, buttons(buttons))).toList(), items);
    }

    private static JsonNode json(View view) throws Exception {
        return new ObjectMapper().readTree(BlockJson.of(view.getBlocks()));
    }

    @Test
    void someoneWithNothing_seesTheStartButtonsAndWhatHomeIsFor() throws Exception {
        View view = HomeView.home(STARTS, List.of(part("empty", 0, "", 0)));

        String shown = json(view).toString();
        assertThat(shown).contains("Support Ticket Context").contains("Plan time off").contains("Nothing is waiting on you")
                .doesNotContain("Part empty");
    }

    @Test
    void aLittle_isAllShown() throws Exception {
        View view = HomeView.home(STARTS, List.of(part("x", 3, "item", 0), part("y", 2, "decide", 4)));

        String shown = json(view).toString();
        assertThat(shown).contains("item 0", "item 2", "decide 0", "decide 1", "Button 3").doesNotContain("more");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8})
    void farMoreThanFits_staysInsideSlacksLimits_newestFirst_andSaysHowManyMore(int parts) throws Exception {
        List<Part> many = IntStream.range(0, parts).mapToObj(p -> part("p" + p, 400,
                "🙂&<".repeat(600), p % 2 == 0 ? 5 : 0)).toList();

        View view = HomeView.home(STARTS, many);

        assertThat(view.getBlocks()).hasSizeLessThanOrEqualTo(100);
        assertThat(BlockKitLimits.violations(view)).isEmpty();
        String shown = json(view).toString();
        for (int p = 0; p < parts; p++) {
            assertThat(shown).contains("Part p" + p).contains("\"value\":\"p" + p + "\"");
        }
        assertThat(shown).contains("Show all 400").contains("more");
    }

    @Test
    void blocksAreSharedSoASmallPartIsWhole_andTheBigOnesSplitTheRest() {
        int[] room = HomeView.shares(List.of(part("a", 50, "x", 0), part("b", 3, "x", 5), part("c", 80, "x", 0)), 90);

        assertThat(room).containsExactly(42, 6, 42);
        assertThat(IntStream.of(room).sum()).isLessThanOrEqualTo(90);
    }

    @Test
    void showAll_listsWhatFitsInAModal_andSaysHowManyOlderOnesAreLeft() throws Exception {
        View modal = HomeView.all(part("p", 250, "item", 0));

        assertThat(modal.getType()).isEqualTo("modal");
        assertThat(modal.getBlocks()).hasSizeLessThanOrEqualTo(100);
        assertThat(modal.getTitle().getText().length()).isLessThanOrEqualTo(24);
        assertThat(json(modal).toString()).contains("item 0").contains("older ones").doesNotContain("Show all");
    }

    /** The items are a page: how many more there are comes from the count, in Home and in "Show all". */
    @Test
    void moreThanWereRead_isCountedFromTheTotal() throws Exception {
        Part part = new Part("p", "Part p", List.of(Item.of("newest"), Item.of("next")), 5_000);

        String home = json(HomeView.home(STARTS, List.of(part))).toString();
        String all = json(HomeView.all(part)).toString();

        assertThat(home).contains("newest", "next", "…and 4998 more", "Show all 5000");
        assertThat(all).contains("newest", "next", "…and 4998 older ones");
    }

    @Test
    void aPartReadingMoreThanAPage_isRefused() {
        List<Item> unbounded = IntStream.range(0, HomeContribution.MOST_ITEMS + 1).mapToObj(i -> Item.of("x")).toList();

        assertThatThrownBy(() -> new Part("p", "Part p", unbounded, unbounded.size()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LIMIT");
    }

    @Test
    void aCountReadAMomentBeforeTheItems_isNeverFewerThanThem() {
        assertThat(new Part("p", "Part p", List.of(Item.of("a"), Item.of("b")), 1).total()).isEqualTo(2);
    }
}
