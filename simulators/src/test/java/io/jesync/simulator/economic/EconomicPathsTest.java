package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EconomicPathsTest {

    @Test
    void special_characters_use_economics_own_codes_and_round_trip() {
        String id = "<>*%:&/\\_ ?.#+";

        String encoded = EconomicPaths.encodeId(id);

        assertThat(encoded).isEqualTo("_0__1__2__3__4__5__6__7__8__9__10__11__12__13_");
        assertThat(EconomicPaths.decodeId(encoded)).isEqualTo(id);
    }

    @Test
    void underscore_is_encoded_so_literal_codes_survive() {
        String id = "A_1_B";

        assertThat(EconomicPaths.encodeId(id)).isEqualTo("A_8_1_8_B");
        assertThat(EconomicPaths.decodeId(EconomicPaths.encodeId(id))).isEqualTo(id);
        assertThat(EconomicPaths.encodeId("Kaffe-Å")).isEqualTo("Kaffe-%C3%85");
    }
}
