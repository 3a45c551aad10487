package io.jesync.store;

import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases.Kind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("harness")
class StoreWatermarkTest extends MigratedStoreTest {


    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private WatermarkStore watermarks;

    private void open(Kind kind) {
        Database db = openMigrated(kind);
        watermarks = new WatermarkStore(db, clock);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void instant_watermark_only_moves_forward(Kind kind) {
        open(kind);
        assertThat(watermarks.get("orders", "shop-1")).isEmpty();

        assertThat(watermarks.advance("orders", "shop-1", Instant.parse("2026-03-01T10:00:00.5Z"))).isTrue();
        assertThat(watermarks.advance("orders", "shop-1", Instant.parse("2026-03-01T10:00:00Z"))).isFalse();
        assertThat(watermarks.advance("orders", "shop-1", Instant.parse("2026-03-01T10:00:00.5Z"))).isFalse();

        assertThat(watermarks.getInstant("orders", "shop-1")).contains(Instant.parse("2026-03-01T10:00:00.5Z"));
        assertThat(watermarks.advance("orders", "shop-1", Instant.parse("2026-03-01T10:00:01Z"))).isTrue();
        assertThat(watermarks.getInstant("orders", "shop-1")).contains(Instant.parse("2026-03-01T10:00:01Z"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void numeric_watermark_compares_numbers_not_text(Kind kind) {
        open(kind);
        watermarks.advance("products", "shop-1", "9", WatermarkStore.NUMBER_ORDER);

        assertThat(watermarks.advance("products", "shop-1", "10", WatermarkStore.NUMBER_ORDER)).isTrue();
        assertThat(watermarks.advance("products", "shop-1", "9", WatermarkStore.NUMBER_ORDER)).isFalse();
        assertThat(watermarks.get("products", "shop-1")).contains("10");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void watermarks_are_kept_per_flow_and_shop(Kind kind) {
        open(kind);
        watermarks.advance("orders", "shop-1", "5", WatermarkStore.NUMBER_ORDER);
        watermarks.advance("orders", "shop-2", "7", WatermarkStore.NUMBER_ORDER);
        watermarks.advance("stock", "shop-1", "3", WatermarkStore.NUMBER_ORDER);

        assertThat(watermarks.get("orders", "shop-1")).contains("5");
        assertThat(watermarks.get("orders", "shop-2")).contains("7");
        assertThat(watermarks.get("stock", "shop-1")).contains("3");
    }
}
