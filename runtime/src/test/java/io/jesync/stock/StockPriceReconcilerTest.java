package io.jesync.stock;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.reconcile.Reconciliation;
import io.jesync.simulator.economic.EconomicProduct;
import io.jesync.simulator.norce.NorceStore;
import io.jesync.observe.ApiCallMeter;
import io.jesync.reconcile.ReconciliationStore;

import static org.assertj.core.api.Assertions.assertThat;

/** Stock and price drift found by the reconciliation, and its fix, on both simulators. */
class StockPriceReconcilerTest {
    private static final Map<String, String> STOCK_AND_BASE_PRICE = Map.of("shop.se.prices.lists", "SE-B2C");

    @TempDir
    Path tempDir;

    @Test
    void drift_names_the_article_and_its_values_and_the_repush_converges_on_the_next_tick() {
        try (StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE)) {
            Reconciliation reconciliation = converged(h);
            LocalDate day = LocalDate.of(2026, 9, 1);

            JsonNode clean = Reconciliation.view(reconciliation.run("se", "stock-prices", day, "test"));
            assertThat(clean.path("state").asText()).isEqualTo("DONE");
            assertThat(clean.path("findings")).isEmpty();
            assertThat(clean.path("economicDocuments").asInt()).as("products read").isEqualTo(h.economic.productCount());
            assertThat(clean.path("apiCalls").asInt()).as("one call per 1,000 products").isEqualTo(2);

            // e-conomic changes while the flow does not run (and its poll is not due when it next ticks).
            List<EconomicProduct> products = h.economic.products();
            String stocked = products.get(3).productNumber();
            String priced = products.get(700).productNumber();
            BigDecimal pushedPrice = h.shopPrice(NorceStore.PRICE_LIST_SE_B2C, priced);
            h.clock.advance(Duration.ofSeconds(2));
            h.economic.setStock(stocked, new BigDecimal("9876"), BigDecimal.ZERO);
            h.economic.setSalesPrice(priced, new BigDecimal("1234.50"));

            JsonNode run = Reconciliation.view(reconciliation.run("se", "stock-prices", day, "test"));
            assertThat(run.path("findingCount").asInt()).isEqualTo(2);
            JsonNode stock = finding(run, stocked);
            assertThat(stock.path("kind").asText()).isEqualTo("STOCK_DRIFT");
            assertThat(stock.path("values").path("economic").asText()).isEqualTo("9876");
            assertThat(stock.path("values").path("pushed").asText())
                    .isEqualTo(h.shopOnhand(stocked).stripTrailingZeros().toPlainString());
            assertThat(stock.path("values").path("shop").isNull()).as("the shop is not read [GAP]").isTrue();
            assertThat(stock.path("detail").asText()).contains(stocked, "9876", "shop se");
            assertThat(stock.path("fixMethod").asText()).isEqualTo("POST");
            assertThat(stock.path("fixPath").asText()).isEqualTo("/api/stock-prices/se/" + stocked + "/repush");
            JsonNode price = finding(run, priced);
            assertThat(price.path("kind").asText()).isEqualTo("PRICE_DRIFT");
            assertThat(price.path("values").path("economic").asText()).isEqualTo("1234.5");
            assertThat(new BigDecimal(price.path("values").path("pushed").asText())).isEqualByComparingTo(pushedPrice);

            // The fix the finding names (what the endpoint does), then one tick at the same instant: no poll is due,
            // so only the queued re-read brings the new figures.
            assertThat(h.assembly.store().requeue("se", stocked)).isEqualTo(2);
            assertThat(h.assembly.store().requeue("se", priced)).isEqualTo(2);
            h.flow().tick();

            assertThat(h.shopOnhand(stocked)).isEqualByComparingTo("9876");
            assertThat(h.shopPrice(NorceStore.PRICE_LIST_SE_B2C, priced)).isEqualByComparingTo("1234.50");
            assertThat(h.flow().waiting("se")).isZero();
            assertThat(Reconciliation.view(reconciliation.run("se", "stock-prices", day, "test")).path("findings"))
                    .isEmpty();
        }
    }

    @Test
    void the_comparison_reads_the_stored_values_a_chunk_of_articles_at_a_time_and_still_compares_them_all()
            throws SQLException {
        try (StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE)) {
            Reconciliation reconciliation = converged(h);
            long stored = single(h, "SELECT COUNT(*) FROM shop_article_value WHERE shop_id = 'se'");
            long kinds = single(h, "SELECT COUNT(DISTINCT kind) FROM shop_article_value WHERE shop_id = 'se'");
            assertThat(kinds).as("on-hand and one base price list").isEqualTo(2);
            long bound = 500 * kinds;
            assertThat(stored).as("more values than one read may hold").isGreaterThan(bound);

            // H2 counts the rows of each statement it runs; switching the count off and on again starts it afresh.
            execute(h, "SET QUERY_STATISTICS FALSE");
            execute(h, "SET QUERY_STATISTICS TRUE");
            JsonNode run = Reconciliation.view(reconciliation.run("se", "stock-prices", LocalDate.of(2026, 9, 1), "test"));
            long[] rows = new long[2];
            try (Connection c = h.database.dataSource().getConnection();
                 Statement statement = c.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT MAX_ROW_COUNT, CUMULATIVE_ROW_COUNT FROM "
                         + "INFORMATION_SCHEMA.QUERY_STATISTICS WHERE UPPER(SQL_STATEMENT) LIKE 'SELECT %' "
                         + "AND UPPER(SQL_STATEMENT) LIKE '%FROM SHOP_ARTICLE_VALUE%'")) {
                while (rs.next()) {
                    rows[0] = Math.max(rows[0], rs.getLong(1));
                    rows[1] += rs.getLong(2);
                }
            } finally {
                execute(h, "SET QUERY_STATISTICS FALSE");
            }

            assertThat(run.path("state").asText()).isEqualTo("DONE");
            assertThat(run.path("findings")).as("converged before the run").isEmpty();
            assertThat(rows[0]).as("rows of the largest read of the shop's values").isPositive().isLessThanOrEqualTo(bound);
            assertThat(rows[1]).as("every stored value was read once to be compared").isEqualTo(stored);
        }
    }

    /** 1,200 generated articles pushed until nothing waits, and the stock and price reconciliation over them. */
    private static Reconciliation converged(StockHarness h) {
        h.catalogue(1_200, 5L);
        h.tickUntilQuiet(10);
        return new Reconciliation(h.settings, List.of(new StockPriceReconciler(h.assembly.reader(), h.assembly.store())),
                new ReconciliationStore(h.database, h.clock), new ApiCallMeter(h.database, h.clock), h.clock);
    }

    private static long single(StockHarness h, String sql) throws SQLException {
        try (Connection c = h.database.dataSource().getConnection();
             Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(StockHarness h, String sql) throws SQLException {
        try (Connection c = h.database.dataSource().getConnection();
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static JsonNode finding(JsonNode run, String article) {
        for (JsonNode f : run.path("findings")) {
            if (article.equals(f.path("articleNo").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding for " + article + " in " + run.path("findings"));
    }
}
