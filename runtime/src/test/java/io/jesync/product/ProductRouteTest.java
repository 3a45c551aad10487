package io.jesync.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.DemoCatalog;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.RouteSteps;
import io.jesync.testsupport.TestDatabases;

/**
 * The product flow's route ({@link ProductSyncRoutes}) over both simulators: {@code sync.mode} picks the named step
 * of its direction, then the run is reported.
 */
class ProductRouteTest {
    private static final String POLL = "poll-products-se";

    @TempDir
    Path tempDir;

    @Test
    void combo_writes_the_shops_changes_to_economic_in_the_products_to_economic_step() throws Exception {
        try (OrderFlowHarness h = harness("combo"); RouteSteps routes = routes(h)) {
            routes.run(POLL);
            h.clock.advance(Duration.ofMinutes(5));
            routes.ran();
            DemoCatalog.Article article = DemoCatalog.demoArticles().get(3);
            h.norce.putSku(article.articleNumber(), "Nytt namn", article.vatRate(), article.ean(), 1,
                    new BigDecimal("5.00"));

            ProductFlow.RunSummary run = routes.run(POLL).getMessage().getBody(ProductFlow.RunSummary.class);

            assertThat(routes.ran()).containsExactly("products-to-economic-se", "report-products-se");
            assertThat(run.updated()).isEqualTo(1);
            assertThat(h.economic.product(article.articleNumber()).orElseThrow().name()).isEqualTo("Nytt namn");
        }
    }

    @Test
    void erp_master_runs_the_products_to_shop_step() throws Exception {
        try (OrderFlowHarness h = harness("erp-master"); RouteSteps routes = routes(h)) {
            routes.run(POLL);

            assertThat(routes.ran()).containsExactly("products-to-shop-se", "report-products-se");
        }
    }

    private OrderFlowHarness harness(String mode) {
        return new OrderFlowHarness(TestDatabases.Kind.H2, tempDir, Map.of("sync.mode", mode,
                "shop.se.products.enabled", "true", "shop.se.products.job-poll-millis", "1"));
    }

    private static RouteSteps routes(OrderFlowHarness h) throws Exception {
        ProductFlow flow = ProductFlowAssembly.create(h.settings, h.database, h.client,
                h.shopCatalog(d -> { }).products(), h.clock).flow();
        return new RouteSteps().bind("runtimeSettings", h.settings).bind("productFlow", flow)
                .routes(new ProductSyncRoutes()).runOnDemand(POLL)
                .record(POLL, "products-to-economic-se", "products-to-shop-se", "report-products-se").start();
    }
}
