package io.jesync.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.FaultRule;
import io.jesync.simulator.economic.EconomicProduct;

/**
 * {@code stock-prices.parallel-imports}: a large push sent as several Norce imports at once ends where one at a time
 * does.
 */
class StockPriceParallelImportsTest {
    @TempDir
    Path tempDir;

    @Test
    void a_first_push_sent_four_imports_at_a_time_with_failing_imports_equals_one_sent_one_at_a_time() {
        String parallel = push("4", tempDir.resolve("parallel"));
        String serial = push("1", tempDir.resolve("serial"));

        assertThat(parallel).isEqualTo(serial);
    }

    /** 1,000 articles whose every value differs from the shop's, 100 rows per import: ten imports of each kind. */
    private static String push(String parallelImports, Path dir) {
        try (StockHarness h = new StockHarness(dir, Map.of("shop.se.prices.lists", "SE-B2C",
                "stock-prices.batch-size", "100", "stock-prices.parallel-imports", parallelImports))) {
            h.catalogue(1_000, 42L);
            for (EconomicProduct p : h.economic.products()) {
                h.economic.setStock(p.productNumber(), p.inStock().add(BigDecimal.valueOf(3)));
                if (p.salesPrice().signum() > 0) {
                    h.economic.setSalesPrice(p.productNumber(), p.salesPrice().add(BigDecimal.ONE));
                }
            }
            h.norce.faults().configure(5L, List.of(
                    FaultRule.none("POST /commerce/connect/4.0/Product").withServerError(0.2)));

            h.tickUntilQuiet(10);

            assertThat(h.differences()).isEmpty();
            assertThat(h.writer.jobsStarted()).as("at least ten imports of stock and ten of prices")
                    .isGreaterThanOrEqualTo(20);
            assertThat(h.norce.faults().injectedCounts()).as("imports failed and were sent again").isNotEmpty();
            return h.shopChecksum();
        }
    }
}
