package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderTextTruncationTest {

    @Test
    void short_text_is_untouched_including_unicode() {
        assertThat(Texts.truncate("Ærø 🍩 قهوة", 20)).isEqualTo("Ærø 🍩 قهوة");
        assertThat(Texts.truncate(null, 5)).isNull();
    }

    @Test
    void cut_text_ends_in_an_ellipsis_within_the_limit() {
        assertThat(Texts.truncate("Kaffebryggare", 6)).isEqualTo("Kaffe…").hasSize(6);
        assertThat(Texts.truncate("Kaffe bryggare", 7)).isEqualTo("Kaffe…");
    }

    @Test
    void an_emoji_on_the_boundary_is_dropped_whole_never_split() {
        // "ab🍩cd": the doughnut is two UTF-16 units at index 2 and 3.
        String text = "ab\uD83C\uDF69cd";
        String cut = Texts.truncate(text, 4);
        assertThat(cut).isEqualTo("ab…");
        assertThat(Texts.truncate(text, 5)).isEqualTo("ab🍩…");
        for (int max = 1; max <= text.length(); max++) {
            String t = Texts.truncate(text, max);
            assertThat(t.length()).isLessThanOrEqualTo(max);
            assertThat(t.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
            assertThat(Character.isHighSurrogate(t.charAt(t.length() - 1))).isFalse();
        }
    }

    @Test
    void a_300_character_name_is_cut_safely_to_the_recipient_limit() {
        String name = "Ö".repeat(248) + "🍩" + "x".repeat(50);
        String cut = Texts.truncate(name, 250);
        assertThat(cut).isEqualTo("Ö".repeat(248) + "…");
        assertThat(Texts.truncate(name, 255)).isEqualTo("Ö".repeat(248) + "🍩" + "xxxx…").hasSize(255);
    }

    @Test
    void right_to_left_text_keeps_its_characters() {
        assertThat(Texts.truncate("مقهى القهوة العربية", 10)).isEqualTo("مقهى القه…");
    }
}
