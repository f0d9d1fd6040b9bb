package com.cebot.home;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.cebot.home.HomeContribution.Item;
import com.cebot.home.HomeContribution.Part;
import com.cebot.home.HomeContribution.Start;
import com.cebot.slack.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Home tab and its "show all" modal, as pure functions of what the workflows contribute.
 * Slack refuses a view of more than 100 blocks, so Home shares its blocks among the parts: a part
 * that needs less than its share leaves the rest to the others, and a part that does not fit shows
 * its first items and "and N more" with a button that lists them all.
 */
final class HomeView {

    static final int MAX_BLOCKS = 100;
    static final String SHOW_ALL = "home_show_all";
    /** Section text may hold 3,000 characters; an item keeps well inside, with room for the ellipsis. */
    static final int ITEM_TEXT = 1_500;
    /**
     * Slack refuses a view over 250 kB. Items are counted at their UTF-8 size plus what their
     * blocks and buttons add, against this much less, which leaves room for everything else.
     */
    static final int ITEM_BYTES = 200_000;

    private static final int BLOCK_BYTES = 150;
    private static final int BUTTON_BYTES = 250;
    private static final int HEADER_TEXT = 150;
    private static final int MODAL_TITLE = 24;
    private static final int BUTTONS = 5;

    static final String NEEDS_YOU = "Needs you";
    static final String NOTHING_NEEDS_YOU = "Nothing needs you right now.";

    private HomeView() {}

    /**
     * Someone's Home: what needs them first, whatever their role (a decision, a question to answer,
     * someone to cover), or that nothing does; then the buttons that start what they may start;
     * then their own items.
     */
    static View home(String userId, List<Start> starts, List<Part> parts) {
        List<Part> needs =
                parts.stream().filter(p -> p.needsYou() && !p.items().isEmpty()).toList();
        List<Part> own = parts.stream()
                .filter(p -> !p.needsYou() && !p.items().isEmpty())
                .toList();
        List<Start> offered =
                starts.stream().filter(s -> s.offeredTo().test(userId)).toList();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(NEEDS_YOU))));
        if (needs.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(NOTHING_NEEDS_YOU))));
        }
        List<Part> shown = new ArrayList<>(needs);
        shown.addAll(own);
        int fixed = blocks.size() + needs.size() + 2 * own.size() + (offered.isEmpty() ? 0 : 3);
        int[] room = shares(shown, MAX_BLOCKS - fixed);
        int[] bytes = {ITEM_BYTES};
        for (int i = 0; i < needs.size(); i++) {
            Part part = needs.get(i);
            blocks.add(section(s ->
                    s.text(markdownText("*" + Mrkdwn.escape(Mrkdwn.truncate(part.title(), HEADER_TEXT)) + "*"))));
            blocks.addAll(items(part, room[i], bytes, true));
        }
        if (!offered.isEmpty()) {
            List<BlockElement> buttons = new ArrayList<>();
            for (Start s : offered) {
                buttons.add(button(b -> b.actionId(s.actionId()).text(plainText(s.label()))));
            }
            blocks.add(divider());
            blocks.add(header(h -> h.text(plainText("Start something"))));
            blocks.add(actions(a -> a.blockId("home_starts").elements(buttons)));
        }
        for (int i = 0; i < own.size(); i++) {
            Part part = own.get(i);
            blocks.add(divider());
            blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(part.title(), HEADER_TEXT)))));
            blocks.addAll(items(part, room[needs.size() + i], bytes, true));
        }
        return Views.view(v -> v.type("home").callbackId("home").blocks(blocks));
    }

    /** A part's items in a modal; past 100 blocks, the newest and how many more there are. */
    static View all(Part part) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(part.title(), HEADER_TEXT)))));
        blocks.addAll(items(part, MAX_BLOCKS - 1, new int[] {ITEM_BYTES}, false));
        String title = Mrkdwn.truncate(part.title(), MODAL_TITLE);
        return Views.view(v -> v.type("modal")
                .callbackId("home_all")
                .title(Views.viewTitle(t -> t.type("plain_text").text(title)))
                .close(Views.viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(blocks));
    }

    /**
     * The part's items in at most {@code room} blocks and what is left of {@code bytes}, and "and N
     * more" when some did not fit, with a button that lists them all when {@code offerAll}.
     */
    private static List<LayoutBlock> items(Part part, int room, int[] bytes, boolean offerAll) {
        List<LayoutBlock> blocks = new ArrayList<>();
        List<Item> items = part.items();
        int fits = 0;
        int used = 0;
        for (Item item : items) {
            int cost = cost(item);
            boolean last = fits == items.size() - 1;
            int size = bytes(item);
            if (used + cost + (last ? 0 : 1) > room || size > bytes[0]) {
                break;
            }
            used += cost;
            bytes[0] -= size;
            fits++;
        }
        for (int i = 0; i < fits; i++) {
            blocks.addAll(item(part.key() + "_" + i, items.get(i)));
        }
        int more = part.total() - fits;
        if (more > 0 && offerAll) {
            blocks.add(section(s -> s.text(markdownText("…and " + more + " more"))
                    .accessory(button(
                            b -> b.actionId(SHOW_ALL).value(part.key()).text(plainText("Show all " + part.total()))))));
        } else if (more > 0) {
            blocks.add(section(s -> s.text(markdownText("…and " + more + " older ones, too many to show here."))));
        }
        return blocks;
    }

    private static List<LayoutBlock> item(String id, Item item) {
        String text = Mrkdwn.truncate(item.text(), ITEM_TEXT);
        if (item.buttons().isEmpty()) {
            return List.of(section(s -> s.text(markdownText(text))));
        }
        List<BlockElement> buttons =
                item.buttons().subList(0, Math.min(BUTTONS, item.buttons().size()));
        return List.of(
                section(s -> s.text(markdownText(text))),
                actions(a -> a.blockId("home_" + id).elements(buttons)));
    }

    private static int bytes(Item item) {
        return jsonBytes(Mrkdwn.truncate(item.text(), ITEM_TEXT))
                + BLOCK_BYTES * cost(item)
                + BUTTON_BYTES * Math.min(BUTTONS, item.buttons().size());
    }

    /** The SDK's JSON writes {@code < > & = '} as six-byte escapes, and the rest as UTF-8. */
    private static int jsonBytes(String text) {
        int html = 0;
        for (int i = 0; i < text.length(); i++) {
            html += "<>&='".indexOf(text.charAt(i)) >= 0 ? 5 : 0;
        }
        return text.getBytes(StandardCharsets.UTF_8).length + html;
    }

    private static int cost(Item item) {
        return item.buttons().isEmpty() ? 1 : 2;
    }

    /**
     * Blocks for each part: each gets an equal share of what is left, a part that needs less gives
     * the rest back, and what cannot be split evenly goes to the first parts.
     */
    static int[] shares(List<Part> parts, int total) {
        int n = parts.size();
        int[] need = new int[n];
        int[] room = new int[n];
        boolean[] settled = new boolean[n];
        for (int i = 0; i < n; i++) {
            need[i] = parts.get(i).items().stream().mapToInt(HomeView::cost).sum();
        }
        int left = Math.max(0, total);
        int open = n;
        boolean changed = true;
        while (open > 0 && changed) {
            changed = false;
            int share = left / open;
            for (int i = 0; i < n; i++) {
                if (!settled[i] && need[i] <= share) {
                    room[i] = need[i];
                    left -= need[i];
                    settled[i] = true;
                    open--;
                    changed = true;
                }
            }
        }
        if (open > 0) {
            int share = left / open;
            int extra = left % open;
            for (int i = 0; i < n; i++) {
                if (!settled[i]) {
                    room[i] = share + (extra-- > 0 ? 1 : 0);
                }
            }
        }
        return room;
    }
}
