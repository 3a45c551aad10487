package io.jesync.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.store.Database;
import io.jesync.store.Migrations;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases;

/**
 * Each round of the stock and price push reads the shop's queue with {@link ArticleSyncStore#QUEUE}. With 20,000
 * articles queued (stock and a price each), both databases must read that query through ix_shop_article_value_queue
 * (V13) in the index's order, with no sort of the whole queue, so a round's cost does not grow with the queue.
 */
class ArticleQueueIndexTest {
    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private static final int ARTICLES = 20_000;

    @TempDir
    Path tempDir;
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_round_of_the_push_reads_its_rows_in_the_queue_index_order_without_sorting_the_queue(TestDatabases.Kind kind)
            throws Exception {
        try (Database db = TestDatabases.fresh(kind, tempDir)) {
            new Migrations(db).migrate();
            ArticleSyncStore store = new ArticleSyncStore(db, new MutableClock(NOW));
            List<ShopArticleValue> values = new ArrayList<>();
            for (int i = 0; i < ARTICLES; i++) {
                String no = String.format("A%06d", i);
                values.add(new ShopArticleValue(ShopArticleValue.ONHAND, no, NOW, "" + i, BigDecimal.ZERO));
                values.add(new ShopArticleValue(ShopArticleValue.priceKind("SE-B2C"), no, NOW, i + ".00", BigDecimal.ZERO));
            }
            store.want("shop-1", values);
            store.attempted("shop-1", store.dirty("shop-1", ShopArticleValue.ONHAND, 10));
            assertThat(store.dirty("shop-1", ShopArticleValue.ONHAND, 2)).as("least-tried first")
                    .extracting(ArticleSyncStore.DirtyValue::articleNo).containsExactly("A000010", "A000011");
            assertThat(store.dirty("shop-1", ShopArticleValue.PRICE_PREFIX, 1)).extracting(ArticleSyncStore.DirtyValue::kind)
                    .containsExactly("PRICE:SE-B2C");
            try (Connection c = db.dataSource().getConnection()) {
                if (kind == TestDatabases.Kind.POSTGRESQL) {
                    try (Statement s = c.createStatement()) {
                        s.execute("ANALYZE shop_article_value");
                    }
                }
                for (String prefix : List.of("ONHAND", "PRICE:")) {
                    try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + ArticleSyncStore.QUEUE + " LIMIT 4000")) {
                        explain.setString(1, "shop-1");
                        explain.setString(2, prefix + "%");
                        StringBuilder plan = new StringBuilder();
                        try (ResultSet rs = explain.executeQuery()) {
                            while (rs.next()) {
                                plan.append(rs.getString(1)).append('\n');
                            }
                        }
                        if (kind == TestDatabases.Kind.H2) {
                            assertThat(plan.toString()).as(prefix).contains("IX_SHOP_ARTICLE_VALUE_QUEUE")
                                    .contains("/* index sorted */");
                        } else {
                            assertThat(plan.toString()).as(prefix).contains("Index Scan using ix_shop_article_value_queue")
                                    .doesNotContain("Sort");
                        }
                    }
                }
            }
        }
    }
}
