package io.jesync.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.DemoCatalog;
import io.jesync.json.Json;
import io.jesync.simulator.DemoCatalog;
import io.jesync.json.Json;
import io.jesync.simulator.economic.EconomicProduct;
import io.jesync.store.ParkedItems;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases;

/** The scheduled product flow in both directions against both simulators. */
class ProductFlowTest {
    @TempDir
    Path tempDir;

    private OrderFlowHarness harness(String mode, String... extra) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("sync.mode", mode,
                "shop.se.products.job-poll-millis", "1"));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return new OrderFlowHarness(TestDatabases.Kind.H2, tempDir, settings);
    }

    private static ProductFlowAssembly products(OrderFlowHarness h) {
        return ProductFlowAssembly.create(h.settings, h.database, h.client,
                h.shopCatalog(d -> { }).products(), h.clock);
    }

    @Test
    void combo_shop_changes_reach_economic_merged_bad_ones_park_and_a_rerun_writes_nothing() throws Exception {
        try (OrderFlowHarness h = harness("combo")) {
            ProductFlowAssembly products = products(h);
            products.flow().poll("se");
            h.clock.advance(Duration.ofMinutes(5));
            DemoCatalog.Article article = DemoCatalog.demoArticles().get(3);
            EconomicProduct before = h.economic.product(article.articleNumber()).orElseThrow();
            h.norce.putSku(article.articleNumber(), "Nytt namn", article.vatRate(), article.ean(), 1,
                    new BigDecimal("5.00"));
            h.norce.putSku("UTAN-MOMS", "Utan moms", null, null, 1, BigDecimal.ONE);

            ProductFlow.RunSummary run = products.flow().poll("se");

            EconomicProduct after = h.economic.product(article.articleNumber()).orElseThrow();
            assertThat(after.name()).isEqualTo("Nytt namn");
            assertThat(after.salesPrice()).as("e-conomic owns the price in combo").isEqualByComparingTo(
                    before.salesPrice());
            assertThat(after.description()).as("e-conomic's own field survives the PUT").isEqualTo(
                    before.description());
            assertThat(run.updated()).isEqualTo(1);
            List<ParkedItems.Item> parked = new ParkedItems(h.database).open(ProductStore.PARKED_KIND, "se", 1000);
            assertThat(parked).extracting(ParkedItems.Item::key).containsExactly("UTAN-MOMS");
            assertThat(parked.get(0).reason()).contains("UTAN-MOMS", "VAT rate");
            assertThat(products.store().lastWriters("se", article.articleNumber()).get("name").writer())
                    .isEqualTo("shop");
            h.schemaCheck.assertNoViolations();

            long writes = h.economic.journal().stream().filter(r -> !r.endpoint().startsWith("GET ")).count();
            products.flow().poll("se");
            assertThat(h.economic.journal().stream().filter(r -> !r.endpoint().startsWith("GET ")).count())
                    .as("the overlap re-reads, but nothing changed").isEqualTo(writes);
        }
    }

    @Test
    void erp_master_economic_changes_are_imported_stock_only_changes_cost_no_import() throws Exception {
        try (OrderFlowHarness h = harness("erp-master", "shop.se.products.vat-rate-by-group", "4:25")) {
            ProductFlowAssembly products = products(h);
            products.flow().poll("se");
            h.clock.advance(Duration.ofMinutes(5));
            DemoCatalog.Article article = DemoCatalog.demoArticles().get(4);
            ObjectNode body = Json.MAPPER.createObjectNode().put("productNumber", article.articleNumber())
                    .put("name", "Ändrat i e-conomic").put("salesPrice", new BigDecimal("123.00"));
            body.putObject("productGroup").put("productGroupNumber",
                    h.economic.product(article.articleNumber()).orElseThrow().productGroupNumber());
            h.client.updateProduct(article.articleNumber(), body, "test-change");
            h.economic.setStock(DemoCatalog.demoArticles().get(5).articleNumber(), new BigDecimal("3"));
            int jobsBefore = h.norce.journal().stream().filter(r -> r.endpoint().contains("ImportProducts"))
                    .mapToInt(r -> 1).sum();

            ProductFlow.RunSummary run = products.flow().poll("se");

            var sku = h.norce.store().sku(article.articleNumber()).orElseThrow();
            assertThat(sku.name()).isEqualTo("Ändrat i e-conomic");
            assertThat(sku.standardPrice()).isEqualByComparingTo("123.00");
            assertThat(run.updated()).isEqualTo(1);
            assertThat(run.created()).isZero();
            assertThat(run.unchanged()).as("the overlap and the stock-only change").isEqualTo(run.read() - 1);
            assertThat(h.norce.journal().stream().filter(r -> r.endpoint().contains("ImportProducts")).count())
                    .isEqualTo(jobsBefore + 1);
        }
    }
}
