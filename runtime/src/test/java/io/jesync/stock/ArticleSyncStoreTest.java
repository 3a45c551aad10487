package io.jesync.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.store.Database;
import io.jesync.store.Migrations;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases;

/**
 * What the article store writes when the flow hands it readings and wanted values: the newer source wins, an
 * unchanged value is not written again, and a value counts as waiting for the shop only when it differs from what
 * was last pushed.
 */
class ArticleSyncStoreTest {
    private static final Instant T1 = Instant.parse("2026-12-04T03:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);

    @TempDir
    Path tempDir;
    private Database db;
    private ArticleSyncStore store;

    @BeforeEach
    void open() {
        db = TestDatabases.fresh(TestDatabases.Kind.H2, tempDir);
        new Migrations(db).migrate();
        store = new ArticleSyncStore(db, new MutableClock(T2));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_reading_older_than_the_stored_one_is_not_kept_and_a_newer_one_replaces_it() {
        assertThat(store.ingest(List.of(reading("A1", "5", T2)))).hasSize(1);

        assertThat(store.ingest(List.of(reading("A1", "3", T1)))).isEmpty();
        assertThat(store.readings(List.of("A1")).get("A1").inStock()).isEqualByComparingTo("5");

        assertThat(store.ingest(List.of(reading("A1", "7", T2.plusSeconds(1)), reading("A2", "1", T1))))
                .extracting(ArticleReading::articleNo).containsExactly("A1", "A2");
        assertThat(store.readings(List.of("A1")).get("A1").inStock()).isEqualByComparingTo("7");
    }

    @Test
    void a_wanted_value_waits_for_the_shop_only_while_it_differs_from_what_was_pushed() {
        assertThat(store.want("shop-1", List.of(value("A1", "5", T1), value("A2", "9", T1)))).isEqualTo(2);
        assertThat(store.want("shop-1", List.of(value("A1", "5", T2)))).as("unchanged: not written again").isZero();
        assertThat(store.want("shop-1", List.of(value("A1", "4", T1.minusSeconds(1))))).as("older source").isZero();
        assertThat(store.valuesOf("shop-1", "A1")).singleElement()
                .satisfies(v -> assertThat(v.wanted()).isEqualTo("5"));

        store.pushed("shop-1", store.dirty("shop-1", ShopArticleValue.ONHAND, 10));
        assertThat(store.dirtyCount("shop-1")).isZero();

        assertThat(store.want("shop-1", List.of(value("A1", "6", T2)))).isEqualTo(1);
        assertThat(store.want("shop-1", List.of(value("A1", "5", T2.plusSeconds(1)))))
                .as("back to the pushed value: written, not waiting").isZero();
        assertThat(store.dirtyCount("shop-1")).isZero();
        assertThat(store.valuesOf("shop-1", "A1")).singleElement()
                .satisfies(v -> assertThat(v.wanted()).isEqualTo("5"));
    }

    private static ArticleReading reading(String articleNo, String inStock, Instant updated) {
        return new ArticleReading(articleNo, new BigDecimal(inStock), new BigDecimal(inStock), BigDecimal.ZERO,
                new BigDecimal("10.00"), 1, false, updated);
    }

    private static ShopArticleValue value(String articleNo, String wanted, Instant sourceUpdated) {
        return new ShopArticleValue(ShopArticleValue.ONHAND, articleNo, sourceUpdated, wanted, BigDecimal.ZERO);
    }
}
