package io.jesync.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.observe.ApiCallMeter;
import io.jesync.plugin.PluginException;
import io.jesync.reconcile.Reconciliation;
import io.jesync.reconcile.ReconciliationStore;
import io.jesync.simulator.economic.EconomicProduct;
import io.jesync.testsupport.PluginContext;

/** The stock-mapped and price-mapped plugin points on both simulators, and the stock example from routes/examples/. */
class StockPricePluginsTest {
    private static final Map<String, String> STOCK_AND_BASE_PRICE = Map.of(
            "shop.se.prices.lists", "SE-B2C",
            "shop.se.stock.lead-time-days.out-of-stock", "14");

    @TempDir
    Path tempDir;

    @Test
    void a_stock_mapped_plugin_changes_what_the_shop_import_gets() throws Exception {
        try (PluginContext plugins = new PluginContext().write(tempDir.resolve("routes"), "cap.yaml", """
                - route:
                    id: cap-at-five
                    from:
                      uri: direct:plugin-stock-mapped
                      steps:
                        - filter:
                            simple: "${body[stock][onhand]} > 5"
                            steps:
                              - bean:
                                  ref: pluginBody
                                  method: "set(${body}, 'stock.onhand', 5)"
                """);
             StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE, plugins.points())) {
            String plenty = h.economic.products().get(3).productNumber();
            String few = h.economic.products().get(4).productNumber();
            h.economic.setStock(plenty, new BigDecimal("10"), new BigDecimal("2"));
            h.economic.setStock(few, new BigDecimal("4"), BigDecimal.ZERO);

            h.tickUntilQuiet(5);

            assertThat(h.shopOnhand(plenty)).as("available 8, capped").isEqualByComparingTo("5");
            assertThat(h.shopOnhand(few)).isEqualByComparingTo("4");
            assertThat(h.parked("se")).isEmpty();
            assertThat(drift(h, new StockPricePlugins(plugins.points()))).as("the plugin's figure is no drift")
                    .isEmpty();
            assertThat(drift(h, StockPricePlugins.NONE)).as("without the plugin it would be")
                    .anyMatch(detail -> detail.contains(plenty));
        }
    }

    @Test
    void an_answer_below_zero_or_a_change_outside_the_allowed_fields_is_refused_with_the_plugin_s_name()
            throws Exception {
        try (PluginContext plugins = new PluginContext().write(tempDir.resolve("routes"), "bad.yaml", """
                - route:
                    id: bad-rules
                    from:
                      uri: direct:plugin-stock-mapped
                      steps:
                        - choice:
                            when:
                              - simple: "${body[stock][articleNumber]} == 'NEG'"
                                steps:
                                  - bean:
                                      ref: pluginBody
                                      method: "set(${body}, 'stock.onhand', -1)"
                            otherwise:
                              steps:
                                - bean:
                                    ref: pluginBody
                                    method: "set(${body}, 'stock.articleNumber', 'OTHER')"
                """);
             StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE, plugins.points())) {
            StockPricePlugins stock = new StockPricePlugins(plugins.points());
            java.util.function.Function<String, ShopArticleValue> value = article -> new ShopArticleValue(
                    ShopArticleValue.ONHAND, article, h.now(), "4|0|", BigDecimal.ZERO);

            assertThatThrownBy(() -> stock.apply(h.shop(), StockPricePlugins.lists(h.shop().stockPrices()), value.apply("NEG")))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("'bad-rules' (bad.yaml)").hasMessageContaining("onhand and incoming must be");
            assertThatThrownBy(() -> stock.apply(h.shop(), StockPricePlugins.lists(h.shop().stockPrices()), value.apply("A-1")))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("changed stock.articleNumber, which it may not change here");
        }
    }

    /** The articles the drift reconciliation reports for shop se, expecting what {@code expected} makes. */
    private static List<String> drift(StockHarness h, StockPricePlugins expected) {
        Reconciliation reconciliation = new Reconciliation(h.settings, List.of(
                new StockPriceReconciler(h.assembly.reader(), h.assembly.store(), expected)),
                new ReconciliationStore(h.database, h.clock), new ApiCallMeter(h.database, h.clock), h.clock);
        JsonNode run = Reconciliation.view(reconciliation.run("se", "stock-prices", LocalDate.of(2026, 9, 1), "test"));
        List<String> articles = new java.util.ArrayList<>();
        run.path("findings").forEach(f -> articles.add(f.path("detail").asText()));
        return articles;
    }

    @Test
    void a_throwing_stock_plugin_parks_that_article_with_its_name_and_the_other_articles_still_go() throws Exception {
        try (PluginContext plugins = new PluginContext();
             StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE, plugins.points())) {
            String broken = h.economic.products().get(2).productNumber();
            plugins.write(tempDir.resolve("routes"), "broken.yaml", """
                    - route:
                        id: broken-stock-rule
                        from:
                          uri: direct:plugin-stock-mapped
                          steps:
                            - filter:
                                simple: "${body[stock][articleNumber]} == '%s'"
                                steps:
                                  - throwException:
                                      exceptionType: java.lang.IllegalStateException
                                      message: "no stock rule for this article"
                    """.formatted(broken));
            h.economic.setStock(broken, new BigDecimal("9"), BigDecimal.ZERO);
            String other = h.economic.products().get(3).productNumber();
            h.economic.setStock(other, new BigDecimal("9"), BigDecimal.ZERO);

            h.tickUntilQuiet(5);

            assertThat(h.parked("se")).containsOnlyKeys("STOCK " + broken);
            assertThat(h.parked("se").get("STOCK " + broken)).contains("Article " + broken, "'broken-stock-rule'",
                    "broken.yaml", "direct:plugin-stock-mapped", "no stock rule for this article");
            assertThat(h.shopOnhand(broken)).as("the shop keeps what it had").isNotEqualByComparingTo("9");
            assertThat(h.shopOnhand(other)).isEqualByComparingTo("9");
            assertThat(h.shopPrice("SE-B2C", broken)).as("its price is another row and goes")
                    .isEqualByComparingTo(h.economic.product(broken).orElseThrow().salesPrice());
        }
    }

    @Test
    void a_price_mapped_plugin_changes_the_price_the_shop_import_gets_and_a_throwing_one_parks_the_row()
            throws Exception {
        try (PluginContext plugins = new PluginContext();
             StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE, plugins.points())) {
            List<EconomicProduct> products = h.economic.products();
            String rounded = products.get(1).productNumber();
            String broken = products.get(2).productNumber();
            String other = products.get(3).productNumber();
            plugins.write(tempDir.resolve("routes"), "prices.yaml", """
                    - route:
                        id: price-rules
                        from:
                          uri: direct:plugin-price-mapped
                          steps:
                            - choice:
                                when:
                                  - simple: "${body[price][articleNumber]} == '%s' && ${body[price][priceList]} == 'SE-B2C'"
                                    steps:
                                      - bean:
                                          ref: pluginBody
                                          method: "set(${body}, 'price.amount', 99.00)"
                                  - simple: "${body[price][articleNumber]} == '%s'"
                                    steps:
                                      - throwException:
                                          exceptionType: java.lang.IllegalStateException
                                          message: "no rounding rule"
                    """.formatted(rounded, broken));
            h.economic.setSalesPrice(rounded, new BigDecimal("123.45"));
            h.economic.setSalesPrice(broken, new BigDecimal("50.00"));
            h.economic.setSalesPrice(other, new BigDecimal("60.00"));

            h.tickUntilQuiet(5);

            assertThat(h.shopPrice("SE-B2C", rounded)).isEqualByComparingTo("99.00");
            assertThat(h.shopPrice("SE-B2C", other)).isEqualByComparingTo("60.00");
            assertThat(h.shopPrice("SE-B2C", broken)).as("the shop keeps what it had").isNotEqualByComparingTo("50.00");
            assertThat(h.parked("se")).containsOnlyKeys("PRICE SE-B2C/" + broken);
            assertThat(h.parked("se").get("PRICE SE-B2C/" + broken)).contains("Article " + broken,
                    "price list SE-B2C", "'price-rules'", "direct:plugin-price-mapped", "no rounding rule");
        }
    }

    @Test
    void the_stock_reserve_example_shows_the_last_units_as_sold_out_in_shop_se() throws Exception {
        try (PluginContext plugins = new PluginContext().load(Path.of("routes", "examples",
                "stock-reserve-last-units.yaml"));
             StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE, plugins.points())) {
            String last = h.economic.products().get(3).productNumber();
            String plenty = h.economic.products().get(4).productNumber();
            h.economic.setStock(last, new BigDecimal("2"), BigDecimal.ZERO);
            h.economic.setStock(plenty, new BigDecimal("3"), BigDecimal.ZERO);

            h.tickUntilQuiet(5);

            assertThat(h.shopOnhand(last)).isEqualByComparingTo("0");
            assertThat(h.shopOnhand(plenty)).isEqualByComparingTo("3");
        }
    }
}
