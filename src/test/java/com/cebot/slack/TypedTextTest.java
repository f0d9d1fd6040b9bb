package com.cebot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypedTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "\t\n",
                "\u00A0\u2003\u3000",
                "\u200B\u200C\u200D\uFEFF",
                "\u0000\u0007\u001B",
                "\u202E\u2066",
                " \u200B \u00A0 \u200F "
            })
    void textThatShowsNothing_isEmpty(String typed) {
        assertThat(TypedText.clean(typed)).isEmpty();
    }

    @Test
    void nullIsEmpty() {
        assertThat(TypedText.clean(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "' hello '|hello",
                "'\u00A0\u200Bhello\u200B\u00A0'|hello",
                "'a\r\nb\rc'|'a\nb\nc'",
                "'tab\there'|'tab\there'",
                "'bell\u0007 and nul\u0000'|'bell and nul'",
                "'evil\u202Etxt.exe'|'eviltxt.exe'",
                "'\u2067isolated\u2069'|isolated",
                "'שלום \u200Fעולם'|'שלום \u200Fעולם'",
                "'👩\u200D💻 emoji keep their joiner'|'👩\u200D💻 emoji keep their joiner'",
                "'𝒳 \uD840\uDC00 \uDB40\uDC01 \uDBFF\uDFFD'|'𝒳 \uD840\uDC00 \uDB40\uDC01 \uDBFF\uDFFD'",
                "'<!channel> *bold*'|'<!channel> *bold*'",
            })
    void keepsWhatPeopleType_dropsWhatGarblesIt(String typed, String expected) {
        assertThat(TypedText.clean(typed)).isEqualTo(expected);
    }

    @Test
    void unpairedSurrogatesAreDropped() {
        assertThat(TypedText.clean("a\uD800b\uDC00c")).isEqualTo("abc");
        assertThat(TypedText.clean("\uD800")).isEmpty();
    }
}
