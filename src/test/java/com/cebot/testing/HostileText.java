package com.cebot.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Named;

/**
 * Text a person (or a client that is not Slack's) can send the bot in any field, command or
 * message: very long, empty, blank in every way, every Unicode plane, direction marks, zero-width
 * and control characters, mrkdwn, mentions and disguised links, then seeded random mixes of all of
 * them. {@link #PINGS} finds any of the typed mentions or links that reached Slack unescaped.
 */
public final class HostileText {

    /** Every random mix comes from this seed, so a failure names the case that reproduces it. */
    public static final long SEED = 20_261_125L;

    /** A typed mention or link that Slack would act on: none may appear in anything the bot sends. */
    public static final Pattern PINGS = Pattern.compile(
            "<!(channel|here|everyone)[^>]*>|<!subteam\\^SEVIL[^>]*>|<@UEVIL[^>]*>|<#CEVIL[^>]*>|<https?://evil\\.example[^>]*>");

    private static final List<String> PIECES = List.of(
            "<!channel>",
            "<!here|here>",
            "<!everyone>",
            "<!subteam^SEVIL|@evil>",
            "<@UEVIL>",
            "<#CEVIL|general>",
            "<https://evil.example|https://acme.zendesk.com>",
            "https://evil.example/acme.zendesk.com/agent/tickets/5",
            "*bold* _it_ ~s~ `c` ```pre```",
            "&amp; &lt;b&gt;",
            "> quote",
            "\u202Eevil\u202C",
            "\u200F\u200E",
            "\u200B\uFEFF",
            "\u0000\u0007\u001B[31m\u007F\u0085",
            "\r\n",
            "\t",
            "\u00A0",
            "👩\u200D💻",
            "𝒳",
            "\uD840\uDC00",
            "\uDB40\uDC01",
            "\uDBFF\uDFFD",
            "\uD800",
            "é",
            "x",
            " ",
            "ZD 12",
            "&",
            "<",
            ">",
            "|");

    private HostileText() {}

    /** The fixed cases, then {@code mixes} seeded random mixes of at most {@code maxMix} characters. */
    public static List<Named<String>> cases(int mixes, int maxMix) {
        List<Named<String>> cases = new ArrayList<>();
        cases.add(Named.of("empty", ""));
        cases.add(Named.of("spaces, tabs and line breaks", "  \t\n \r\n "));
        cases.add(Named.of("no-break and ideographic spaces", "\u00A0\u2003\u3000"));
        cases.add(Named.of("zero-width only", "\u200B\u200C\u200D\uFEFF"));
        cases.add(Named.of("controls only", "\u0000\u0001\u0007\u001B\u007F"));
        cases.add(Named.of("10,000 characters", "x".repeat(10_000)));
        cases.add(Named.of("4,000 emoji", "🙂".repeat(4_000)));
        cases.add(Named.of(
                "every plane",
                "A\u00E9\u4E2D\uD800\uDF00\uD83D\uDE00\uD840\uDC00\uD880\uDC00\uDB40\uDC01"
                        + "\uDB80\uDC00\uDBFF\uDFFD"));
        cases.add(Named.of("right-to-left override", "invoice\u202Efdp.exe and \u2067isolate\u2069 \u200Fמרק"));
        cases.add(Named.of("mentions", "<!channel> <!here> <!everyone> <!subteam^SEVIL|@evil> <@UEVIL> <#CEVIL>"));
        cases.add(Named.of("disguised link", "<https://evil.example|https://acme.zendesk.com/agent/tickets/1>"));
        cases.add(Named.of("other domain", "https://acme.zendesk.com.evil.example/agent/tickets/1"));
        cases.add(Named.of("mrkdwn", "*bold* _it_ ~strike~ `code` ```block``` > quote &amp; &lt;"));
        cases.add(Named.of("lone surrogates", "a\uD800b\uDC00c"));
        Random random = new Random(SEED);
        for (int i = 0; i < mixes; i++) {
            StringBuilder mix = new StringBuilder();
            int length = 1 + random.nextInt(maxMix);
            while (mix.length() < length) {
                mix.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            cases.add(Named.of("mix " + i + " of seed " + SEED, mix.toString()));
        }
        return cases;
    }
}
