package io.jesync.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.economic.EconomicProduct;
import io.jesync.store.ParkedItems;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases;

/** Initial syncs in both directions against both simulators, on the demo catalogue with planted problems. */
class InitialSyncTest {
    @TempDir
    Path tempDir;

    private OrderFlowHarness harness(String mode) {
        return new OrderFlowHarness(TestDatabases.Kind.H2, tempDir, Map.of("sync.mode", mode,
                "shop.se.products.reports-dir", tempDir.resolve("reports").toString(),
                "shop.se.products.job-poll-millis", "1", "shop.se.products.import-batch-size", "100"));
    }

    private static ProductFlowAssembly products(OrderFlowHarness h) {
        return ProductFlowAssembly.create(h.settings, h.database, h.client,
                h.shopCatalog(d -> { }).products(), h.clock);
    }

    @Test
    void dry_run_reports_every_category_and_writes_nothing() throws Exception {
        try (OrderFlowHarness h = harness("combo")) {
            DemoCatalog.Article first = DemoCatalog.demoArticles().get(0);
            h.norce.putSku(first.articleNumber(), "Nytt namn", first.vatRate(), first.ean(), 1, first.priceExVat());
            DemoCatalog.Article second = DemoCatalog.demoArticles().get(1);
            h.norce.putSku(second.articleNumber(), second.name(), new BigDecimal("6"), second.ean(), 1,
                    second.priceExVat());
            h.norce.putSku("kaffe-x", "Kaffe X", new BigDecimal("25"), null, 1, BigDecimal.TEN);
            com.fasterxml.jackson.databind.node.ObjectNode upper = io.jesync.json.Json.MAPPER
                    .createObjectNode().put("productNumber", "KAFFE-X").put("name", "Kaffe X");
            upper.putObject("productGroup").put("productGroupNumber", 1);
            h.client.createProduct(upper, "test-kaffe-x");
            h.norce.putSku("NY-1", "Ny produkt", new BigDecimal("25"), null, 1, new BigDecimal("99"));
            h.norce.putSku("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "Lång", new BigDecimal("25"), null, 1, BigDecimal.ONE);
            h.norce.putSku("TAB\tX", "Tab", new BigDecimal("25"), null, 1, BigDecimal.ONE);
            h.norce.putSku("NOVAT-1", "Utan moms", null, null, 1, BigDecimal.ONE);
            h.norce.putSku("DUBBEL-1", "A", new BigDecimal("25"), null, 1, BigDecimal.ONE);
            h.norce.putSku("dubbel-1", "B", new BigDecimal("25"), null, 1, BigDecimal.ONE);
            int economicBefore = h.economic.productCount();

            InitialSync.Result result = products(h).initialSync().run(h.shop(), SyncDirection.SHOP_TO_ECONOMIC,
                    true, Progress.NONE);

            SyncReport report = result.report().orElseThrow();
            assertThat(result.outcome()).isEqualTo(InitialSync.Outcome.DONE_WITH_PROBLEMS);
            assertThat(report.create()).extracting(Product::articleNumber).containsExactly("NY-1");
            // The demo agreement names the payment fee differently from the shop: a real difference, reported too.
            assertThat(report.update()).extracting(u -> u.product().articleNumber())
                    .containsExactlyInAnyOrder(first.articleNumber(), DemoCatalog.PAYMENT_FEE_ARTICLE);
            assertThat(report.update().stream().filter(u -> u.product().articleNumber().equals(first.articleNumber()))
                    .findFirst().orElseThrow()).satisfies(u -> {
                assertThat(u.product().articleNumber()).isEqualTo(first.articleNumber());
                assertThat(u.changes()).extracting(c -> c.field().key(), c -> c.to())
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "Nytt namn"));
            });
            assertThat(report.conflicts()).extracting(ProductProblem::articleNumber, ProductProblem::code)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(second.articleNumber(),
                                    ProductProblem.Code.CONFLICT_VAT_RATE),
                            org.assertj.core.groups.Tuple.tuple("kaffe-x",
                                    ProductProblem.Code.CONFLICT_CASE));
            assertThat(report.invalid()).extracting(ProductProblem::code).containsExactlyInAnyOrder(
                    ProductProblem.Code.ARTICLE_NUMBER_TOO_LONG, ProductProblem.Code.ARTICLE_NUMBER_CHARACTERS,
                    ProductProblem.Code.MISSING_VAT_RATE, ProductProblem.Code.DUPLICATE_ARTICLE_NUMBER,
                    ProductProblem.Code.DUPLICATE_ARTICLE_NUMBER);
            assertThat(report.unchanged()).isEqualTo(319);
            assertThat(h.economic.productCount()).isEqualTo(economicBefore);
            Path json = tempDir.resolve("reports").resolve("initial-sync-" + result.runId() + ".json");
            assertThat(json).exists();
            assertThat(Files.readString(tempDir.resolve("reports").resolve("initial-sync-" + result.runId()
                    + ".txt"))).contains("TO UPDATE (2)", "Nytt namn", "CONFLICTS (2)", "INVALID (5)", "TAB\\u0009X");
        }
    }

    @Test
    void shop_to_economic_applies_keeps_economic_owned_fields_and_a_second_run_is_a_no_op() throws Exception {
        try (OrderFlowHarness h = harness("combo")) {
            DemoCatalog.Article first = DemoCatalog.demoArticles().get(0);
            // e-conomic owns the price in combo: the shop's different price must not reach e-conomic.
            h.norce.putSku(first.articleNumber(), "Nytt namn", first.vatRate(), first.ean(), 5, new BigDecimal("1.00"));
            h.norce.putSku("NY-1", "Ny produkt", new BigDecimal("12"), "7350000000001", 1, new BigDecimal("99.50"));
            BigDecimal economicPrice = h.economic.product(first.articleNumber()).orElseThrow().salesPrice();
            BigDecimal costPrice = h.economic.product(first.articleNumber()).orElseThrow().costPrice();
            ProductFlowAssembly products = products(h);

            InitialSync.Result applied = products.initialSync().run(h.shop(), SyncDirection.SHOP_TO_ECONOMIC, false,
                    Progress.NONE);

            assertThat(applied.outcome()).isEqualTo(InitialSync.Outcome.DONE);
            EconomicProduct updated = h.economic.product(first.articleNumber()).orElseThrow();
            assertThat(updated.name()).isEqualTo("Nytt namn");
            assertThat(updated.barred()).isTrue();
            assertThat(updated.salesPrice()).isEqualByComparingTo(economicPrice);
            assertThat(updated.costPrice()).isEqualByComparingTo(costPrice);
            EconomicProduct created = h.economic.product("NY-1").orElseThrow();
            assertThat(created.productGroupNumber()).isEqualTo(2);
            assertThat(created.salesPrice()).isEqualByComparingTo("99.50");
            assertThat(products.store().lastWriters("se", first.articleNumber())).containsOnlyKeys("active",
                    "barcode", "name", "vat-rate").allSatisfy((field, entry) -> assertThat(entry.writer())
                    .isEqualTo("shop"));
            h.schemaCheck.assertNoViolations();

            long writesBefore = h.economic.journal().stream().filter(r -> !r.endpoint().startsWith("GET ")).count();
            InitialSync.Result again = products.initialSync().run(h.shop(), SyncDirection.SHOP_TO_ECONOMIC, false,
                    Progress.NONE);
            assertThat(again.report().orElseThrow().create()).isEmpty();
            assertThat(again.report().orElseThrow().update()).isEmpty();
            assertThat(h.economic.journal().stream().filter(r -> !r.endpoint().startsWith("GET ")).count())
                    .isEqualTo(writesBefore);
        }
    }

    @Test
    void economic_to_shop_imports_keeps_shop_owned_name_and_attaches_row_errors() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(TestDatabases.Kind.H2, tempDir, Map.of("sync.mode",
                "erp-master", "shop.se.products.owner.name", "shop", "shop.se.products.reports-dir",
                tempDir.resolve("reports").toString(), "shop.se.products.job-poll-millis", "1",
                "shop.se.products.import-batch-size", "100"))) {
            DemoCatalog.Article first = DemoCatalog.demoArticles().get(0);
            DemoCatalog.Article second = DemoCatalog.demoArticles().get(1);
            h.norce.putSku(first.articleNumber(), "Butikens namn", first.vatRate(), first.ean(), 1,
                    new BigDecimal("1.00"));
            h.norce.putSku(second.articleNumber(), second.name(), second.vatRate(), second.ean(), 1,
                    new BigDecimal("2.00"));
            h.norce.rejectInImports(second.articleNumber(), "EanCode is not valid for this market.");
            ProductFlowAssembly products = products(h);

            InitialSync.Result applied = products.initialSync().run(h.shop(), SyncDirection.ECONOMIC_TO_SHOP, false,
                    Progress.NONE);

            assertThat(applied.outcome()).isEqualTo(InitialSync.Outcome.DONE_WITH_PROBLEMS);
            var sku = h.norce.store().sku(first.articleNumber()).orElseThrow();
            assertThat(sku.name()).as("the shop owns the name").isEqualTo("Butikens namn");
            assertThat(sku.standardPrice()).as("e-conomic owns the price").isEqualByComparingTo(first.priceExVat());
            List<ParkedItems.Item> parked = new ParkedItems(h.database).open(ProductStore.PARKED_KIND, "se", 1000);
            assertThat(parked).extracting(ParkedItems.Item::key).contains(second.articleNumber());
            assertThat(parked.stream().filter(p -> p.key().equals(second.articleNumber())).findFirst().orElseThrow()
                    .reason())
                    .contains("EanCode is not valid", "Norce import job");
        }
    }

    @Test
    void admin_service_runs_a_dry_run_in_the_background_and_reports_its_progress() throws Exception {
        try (OrderFlowHarness h = harness("combo")) {
            h.norce.putSku("NY-2", "Ny produkt", new BigDecimal("25"), null, 1, new BigDecimal("10"));
            InitialSyncService service = products(h).service();

            long id = service.start("se", SyncDirection.SHOP_TO_ECONOMIC, true).orElseThrow();

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    service.status(id).orElseThrow().path("state").asText().equals("DONE"));
            var status = service.status(id).orElseThrow();
            assertThat(status.path("dryRun").asBoolean()).isTrue();
            assertThat(status.path("counts").path("create").asInt()).isEqualTo(1);
            assertThat(status.path("report").asText()).endsWith("initial-sync-" + id + ".json");
        }
    }
}
