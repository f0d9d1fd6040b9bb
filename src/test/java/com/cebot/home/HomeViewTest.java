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

    private static final String READER = "U0READER";
    private static final List<Start> STARTS = List.of(
            new Start("Give support context for an unassigned ticket", "a", (t, u) -> {}),
            new Start("Plan your time off", "b", (t, u) -> {}));

    private static List<BlockElement> buttons(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> (BlockElement)
                        button(b -> b.actionId("act" + i).value("1").text(plainText("Button " + i))))
                .toList();
    }

    /** A part of {@code items} in all, of which the newest (at most a page) are read, as the workflows read them. */
    private static Part part(String key, int items, String text, int buttons) {
        return new Part(
                key,
                "Part " + key,
                IntStream.range(0, Math.min(items, HomeContribution.MOST_ITEMS))
                        .mapToObj(i -> new Item(text + " " + i, buttons(buttons)))
                        .toList(),
                items);
    }

    private static JsonNode json(View view) throws Exception {
        return new ObjectMapper().readTree(BlockJson.of(view.getBlocks()));
    }

    @Test
    void someoneWithNothing_seesThatNothingNeedsThem_first_thenTheStartButtons() throws Exception {
        View view = HomeView.home(READER, STARTS, List.of(part("empty", 0, "", 0)));

        JsonNode blocks = json(view);
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Needs you");
        assertThat(blocks.get(1).path("text").path("text").asText()).isEqualTo("Nothing needs you right now.");
        assertThat(blocks.toString())
                .contains("Give support context for an unassigned ticket", "Plan your time off")
                .doesNotContain("Part empty");
    }

    @Test
    void whatNeedsThePerson_comesFirst_underNeedsYou_beforeTheStartButtonsAndTheirOwnItems() throws Exception {
        Part own = part("own", 2, "mine", 0);
        Part decide = Part.needsYou(
                "decide", "Requests waiting on your decision", List.of(new Item("decide 0", buttons(3))), 1);
        Part cover = Part.needsYou("cover", "Time off you cover", List.of(Item.of("You are covering <@U0LA>")), 1);

        String shown =
                json(HomeView.home(READER, STARTS, List.of(own, decide, cover))).toString();

        assertThat(shown.indexOf("Needs you")).isLessThan(shown.indexOf("*Requests waiting on your decision*"));
        assertThat(shown.indexOf("decide 0")).isLessThan(shown.indexOf("*Time off you cover*"));
        assertThat(shown.indexOf("You are covering")).isLessThan(shown.indexOf("Start something"));
        assertThat(shown.indexOf("Plan your time off")).isLessThan(shown.indexOf("Part own"));
        assertThat(shown).doesNotContain("Nothing needs you right now.");
    }

    @Test
    void aStartButton_isOfferedOnlyToThoseItIsFor() throws Exception {
        List<Start> starts = List.of(
                new Start("Plan your time off", "b", (t, u) -> {}),
                new Start("Ask the CE team a question", "c", (t, u) -> {}, user -> !user.equals("U0CE")));

        String sdr = json(HomeView.home("U0SDR", starts, List.of())).toString();
        String ce = json(HomeView.home("U0CE", starts, List.of())).toString();

        assertThat(sdr).contains("Ask the CE team a question", "Plan your time off");
        assertThat(ce).contains("Plan your time off").doesNotContain("Ask the CE team");
    }

    @Test
    void withNoStartOffered_thereIsNoEmptyRowOfButtons() throws Exception {
        List<Start> none = List.of(new Start("Ask the CE team a question", "c", (t, u) -> {}, user -> false));

        String shown = json(HomeView.home(READER, none, List.of())).toString();

        assertThat(shown).doesNotContain("Start something", "home_starts");
    }

    @Test
    void aLittle_isAllShown() throws Exception {
        View view = HomeView.home(READER, STARTS, List.of(part("x", 3, "item", 0), part("y", 2, "decide", 4)));

        String shown = json(view).toString();
        assertThat(shown)
                .contains("item 0", "item 2", "decide 0", "decide 1", "Button 3")
                .doesNotContain("more");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8})
    void farMoreThanFits_staysInsideSlacksLimits_newestFirst_andSaysHowManyMore(int parts) throws Exception {
        // Every third part is one that needs the reader, drawn first under "Needs you".
        List<Part> many = IntStream.range(0, parts)
                .mapToObj(p -> {
                    Part part = part("p" + p, 400, "🙂&<".repeat(600), p % 2 == 0 ? 5 : 0);
                    return p % 3 == 0 ? Part.needsYou(part.key(), part.title(), part.items(), part.total()) : part;
                })
                .toList();

        View view = HomeView.home(READER, STARTS, many);

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
        assertThat(json(modal).toString())
                .contains("item 0")
                .contains("older ones")
                .doesNotContain("Show all");
    }

    /** The items are a page: how many more there are comes from the count, in Home and in "Show all". */
    @Test
    void moreThanWereRead_isCountedFromTheTotal() throws Exception {
        Part part = new Part("p", "Part p", List.of(Item.of("newest"), Item.of("next")), 5_000);

        String home = json(HomeView.home(READER, STARTS, List.of(part))).toString();
        String all = json(HomeView.all(part)).toString();

        assertThat(home).contains("newest", "next", "…and 4998 more", "Show all 5000");
        assertThat(all).contains("newest", "next", "…and 4998 older ones");
    }

    @Test
    void aPartReadingMoreThanAPage_isRefused() {
        List<Item> unbounded = IntStream.range(0, HomeContribution.MOST_ITEMS + 1)
                .mapToObj(i -> Item.of("x"))
                .toList();

        assertThatThrownBy(() -> new Part("p", "Part p", unbounded, unbounded.size()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LIMIT");
    }

    @Test
    void aCountReadAMomentBeforeTheItems_isNeverFewerThanThem() {
        assertThat(new Part("p", "Part p", List.of(Item.of("a"), Item.of("b")), 1).total())
                .isEqualTo(2);
    }
}
