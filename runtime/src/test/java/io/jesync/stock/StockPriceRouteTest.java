package io.jesync.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.RouteSteps;

/**
 * The stock and price flow's route ({@link StockPriceRoutes}) over both simulators: one tick paces, reads e-conomic
 * and pushes to the shops in the named steps, in that order, and the shop ends with e-conomic's stock.
 */
class StockPriceRouteTest {
    private static final String TICK = "stock-prices-tick";

    @TempDir
    Path tempDir;

    @Test
    void a_tick_paces_then_reads_economic_then_pushes_to_the_shops() throws Exception {
        try (StockHarness h = new StockHarness(tempDir, Map.of("shop.se.prices.lists", "SE-B2C"));
             RouteSteps routes = new RouteSteps()) {
            h.catalogue(20, 5L);
            routes.bind("runtimeSettings", h.settings).bind("stockPriceFlow", h.flow())
                    .routes(new StockPriceRoutes()).runOnDemand(TICK)
                    .record(TICK, "pace-tick", "read-economic", "push-to-shops").start();

            routes.run(TICK);

            assertThat(routes.ran()).containsExactly("pace-tick", "read-economic", "push-to-shops");
            assertThat(h.flow().stats().fullScans()).isEqualTo(1);
            String article = h.economic.products().get(3).productNumber();
            assertThat(h.shopOnhand(article)).isEqualByComparingTo(h.economic.product(article).orElseThrow()
                    .available().max(java.math.BigDecimal.ZERO));
        }
    }
}
