package io.jesync.stock;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.FaultRule;
import io.jesync.simulator.economic.EconomicProduct;
import io.jesync.simulator.norce.NorceStore;

import static org.assertj.core.api.Assertions.assertThat;

/** Stock and prices from e-conomic to the shop on both simulators. */
class StockPriceFlowTest {
    private static final Map<String, String> STOCK_AND_BASE_PRICE = Map.of(
            "shop.se.prices.lists", "SE-B2C",
            "shop.se.stock.lead-time-days.out-of-stock", "14");

    @TempDir
    Path tempDir;

    @Test
    void shop_stock_and_prices_equal_economic_after_random_changes_with_shop_faults_and_stale_reads() {
        try (StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE)) {
            h.catalogue(2_000, 42L);
            h.norce.faults().configure(5L, List.of(
                    FaultRule.none("POST /commerce/connect/4.0/Product").withServerError(0.1),
                    FaultRule.none("GET /commerce/connect/4.0/Job").withServerError(0.1)));
            h.economic.staleReads(0.1, 9L);
            h.tickUntilQuiet(10);

            SplittableRandom random = new SplittableRandom(2026L);
            List<EconomicProduct> products = h.economic.products();
            for (int round = 0; round < 30; round++) {
                for (int change = 0; change < 40; change++) {
                    // Changes a second apart: lastUpdated has whole seconds (see the flow doc on ties).
                    h.clock.advance(Duration.ofSeconds(1));
                    EconomicProduct p = products.get(random.nextInt(products.size()));
                    if (random.nextBoolean()) {
                        h.economic.setStock(p.productNumber(), BigDecimal.valueOf(random.nextInt(80)));
                    } else {
                        h.economic.setSalesPrice(p.productNumber(), BigDecimal.valueOf(1000 + random.nextInt(90_000), 2));
                    }
                }
                h.clock.advance(Duration.ofMinutes(1));
                h.flow().tick();
            }
            // The nightly reconciliation is the safety net for changes every poll read stale.
            for (int night = 0; night < 3 && !h.shopChecksum().equals(h.economicChecksum()); night++) {
                h.clock.advance(Duration.ofHours(25));
                h.tickUntilQuiet(10);
            }

            assertThat(h.differences()).isEmpty();
            assertThat(h.shopChecksum()).isEqualTo(h.economicChecksum());
            assertThat(h.flow().stats().staleReadings()).as("out-of-order readings were injected and dropped")
                    .isPositive();
            assertThat(h.norce.faults().injectedCounts()).as("shop 5xx were injected").isNotEmpty();
        }
    }

    @Test
    void an_older_reading_never_overwrites_a_newer_one() {
        try (StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE)) {
            String article = h.economic.products().get(0).productNumber();
            h.economic.setStock(article, new BigDecimal("5"), BigDecimal.ZERO);
            h.tickUntilQuiet(5);
            h.clock.advance(Duration.ofSeconds(5));
            h.economic.setStock(article, new BigDecimal("7"), BigDecimal.ZERO);
            h.clock.advance(Duration.ofMinutes(3));
            h.tickUntilQuiet(5);
            assertThat(h.shopOnhand(article)).isEqualByComparingTo("7");

            // Every read now answers with the product as it was before its last change (5 units, older lastUpdated).
            h.economic.staleReads(1.0, 1L);
            h.flow().productChanged(article);
            h.clock.advance(Duration.ofMinutes(1));
            h.flow().tick();
            h.clock.advance(Duration.ofHours(25));
            h.tickUntilQuiet(5);

            assertThat(h.shopOnhand(article)).isEqualByComparingTo("7");
            assertThat(h.flow().stats().staleReadings()).isPositive();
        }
    }

    @Test
    void orders_not_yet_in_economic_are_subtracted_and_a_safety_buffer_held_back() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(STOCK_AND_BASE_PRICE);
        settings.put("shop.se.stock.safety-buffer", "1");
        try (StockHarness h = new StockHarness(tempDir, settings)) {
            String article = h.economic.products().get(3).productNumber();
            h.economic.setStock(article, new BigDecimal("10"), new BigDecimal("2"));
            h.tickUntilQuiet(5);
            assertThat(h.shopOnhand(article)).as("available 8 less the buffer").isEqualByComparingTo("7");

            h.ledgerOrder("5001", "NEW", article, 3);
            h.ledgerOrder("5002", "IN_DOUBT", article, 1);
            h.ledgerOrder("5003", "ACKNOWLEDGED", article, 4);
            h.clock.advance(Duration.ofMinutes(1));
            h.tickUntilQuiet(5);
            assertThat(h.shopOnhand(article)).as("8 - 3 - 1 pending - 1 buffer").isEqualByComparingTo("3");

            // Order 5001 reaches e-conomic and is booked there: e-conomic's stock drops, the ledger stops counting it.
            h.ledgerState("5001", "ACKNOWLEDGED");
            h.economic.setStock(article, new BigDecimal("7"), new BigDecimal("2"));
            h.clock.advance(Duration.ofMinutes(3));
            h.tickUntilQuiet(5);
            assertThat(h.shopOnhand(article)).as("5 available - 1 pending - 1 buffer").isEqualByComparingTo("3");

            h.ledgerState("5002", "CREATED");
            h.economic.setStock(article, new BigDecimal("0"), BigDecimal.ZERO);
            h.clock.advance(Duration.ofMinutes(3));
            h.tickUntilQuiet(5);
            assertThat(h.shopOnhand(article)).as("never below zero").isEqualByComparingTo("0");
            assertThat(h.norce.store().onhand(article, NorceStore.WAREHOUSE, NorceStore.LOCATION).orElseThrow()
                    .leadTimeDayCount()).as("out-of-stock lead time").isEqualTo(14);
        }
    }

    @Test
    void rows_the_shop_refuses_are_parked_with_the_article_and_the_rest_goes_on() {
        try (StockHarness h = new StockHarness(tempDir, STOCK_AND_BASE_PRICE)) {
            // A product e-conomic has and the shop does not: Norce ignores the row and says so in the job log.
            h.economic.seedGeneratedArticles(330, 42L);
            h.tickUntilQuiet(5);

            String missing = io.jesync.simulator.DemoCatalog.generate(321, 42L).get(320).articleNumber();
            Map<String, String> parked = h.parked("se");
            assertThat(parked).containsKey("STOCK " + missing).containsKey("PRICE SE-B2C/" + missing);
            assertThat(parked.get("STOCK " + missing)).contains("Shop se", "article " + missing, "does not exist");
            assertThat(parked).hasSize(20);
            assertThat(h.parked("se").keySet()).noneMatch(k -> k.endsWith("-00001"));
            assertThat(h.flow().waiting("se")).isZero();
        }
    }

    @Test
    void price_groups_and_currency_prices_reach_their_price_lists() {
        try (StockHarness h = new StockHarness(tempDir, Map.of("shop.se.prices.list.SE-B2C.incl-vat", "true",
                "shop.se.prices.list.SE-B2C.rounding", "1"))) {
            h.tickUntilQuiet(5);
            String article = io.jesync.simulator.DemoCatalog.demoArticles().get(0).articleNumber();
            String other = io.jesync.simulator.DemoCatalog.demoArticles().get(1).articleNumber();
            EconomicProduct product = h.economic.product(article).orElseThrow();
            BigDecimal net = product.salesPrice();
            BigDecimal vat = h.shop().stockPrices().vatRate(product.productGroupNumber());
            assertThat(h.shopPrice("SE-B2C", article)).isEqualByComparingTo(net.multiply(BigDecimal.ONE
                    .add(vat.movePointLeft(2))).setScale(0, java.math.RoundingMode.HALF_UP));
            assertThat(h.shopPrice("SE-B2B", article)).as("15 % reseller discount")
                    .isEqualByComparingTo(net.multiply(new BigDecimal("0.85")).setScale(2, java.math.RoundingMode.HALF_UP));
            assertThat(h.shopPrice("EU-B2C", article)).isEqualByComparingTo(h.economic.currencyPrice(article, "EUR")
                    .orElseThrow());

            h.economic.setSpecialPrice(1, article, new BigDecimal("12.34"), null);
            h.economic.setSpecialPrice(1, other, null, null);
            h.economic.setCurrencyPrice(article, "EUR", new BigDecimal("9.99"));
            h.clock.advance(Duration.ofHours(6));
            h.tickUntilQuiet(5);

            assertThat(h.shopPrice("SE-B2B", article)).isEqualByComparingTo("12.34");
            assertThat(h.shopPrice("SE-B2B", other)).as("removed special price is switched off").isNull();
            assertThat(h.shopPrice("EU-B2C", article)).isEqualByComparingTo("9.99");
        }
    }

    @Test
    void a_low_budget_stretches_the_poll_and_skips_the_reconciliation() {
        try (StockHarness h = new StockHarness(tempDir, Map.of("economic.daily-call-budget", "400",
                "stock-prices.full-scan-interval", "1h", "shop.se.prices.lists", "SE-B2C"))) {
            h.tickUntilQuiet(5);
            h.clock.advance(Duration.ofHours(1));
            BudgetPacer.Decision pacing = h.flow().tick();

            assertThat(pacing.slowed()).isTrue();
            assertThat(pacing.pollInterval()).isGreaterThan(h.settings.stockSync().pollInterval());
            assertThat(h.flow().stats().fullScansSkipped()).isEqualTo(1);
            assertThat(pacing.reason()).contains("full reconciliation skipped");
        }
    }

    @Test
    void a_bound_customer_whose_price_group_changes_gets_the_mapped_price_list_once() throws Exception {
        // Demo settings: SE-B2B is fed by price group 1 ("Återförsäljare"); customer price lists are on in demo.
        try (StockHarness h = new StockHarness(tempDir, Map.of())) {
            long customer = h.client.createCustomer(io.jesync.simulator.economic.EconomicSeed.customerBody(
                    io.jesync.simulator.DemoCatalog.demoCustomers().get(0)), "test-customer").body()
                    .path("customerNumber").asLong();
            long guest = h.client.createCustomer(io.jesync.simulator.economic.EconomicSeed.customerBody(
                    io.jesync.simulator.DemoCatalog.demoCustomers().get(1)), "test-guest").body()
                    .path("customerNumber").asLong();
            h.bindCustomer("code:C-1001", customer);
            h.bindCustomer("email:guest@example.com", guest);
            h.economic.setCustomerPriceGroup((int) guest, 1);
            h.tickUntilQuiet(5);
            assertThat(h.norce.store().customerPriceLists()).as("no price group, no list; a guest has no account")
                    .isEmpty();

            h.economic.setCustomerPriceGroup((int) customer, 1);
            h.clock.advance(Duration.ofHours(6));
            long jobsBefore = h.writer.jobsStarted();
            h.tickUntilQuiet(5);
            assertThat(h.norce.store().customerPriceLists()).containsExactly(Map.entry("C-1001", List.of("SE-B2B")));
            assertThat(h.norce.importJobs("ImportCustomers")).as("one customer import").isEqualTo(1);

            h.clock.advance(Duration.ofHours(6));
            h.tickUntilQuiet(5);
            assertThat(h.norce.importJobs("ImportCustomers")).as("an unchanged membership is not imported again")
                    .isEqualTo(1);

            h.economic.setCustomerPriceGroup((int) customer, null);
            h.clock.advance(Duration.ofHours(6));
            h.tickUntilQuiet(5);
            assertThat(h.norce.store().customerPriceLists()).as("leaving the group takes the list away")
                    .containsExactly(Map.entry("C-1001", List.of()));
            assertThat(h.writer.jobsStarted()).isGreaterThan(jobsBefore);
        }
    }

    @Test
    void a_customer_row_the_shop_refuses_is_parked_with_the_customer() throws Exception {
        // SE-VIP is mapped from price group 1 but does not exist in Norce: Norce ignores the row and logs why.
        try (StockHarness h = new StockHarness(tempDir, Map.of("shop.se.prices.lists", "SE-C,SE-VIP",
                "shop.se.prices.list.SE-C.source", "base", "shop.se.prices.list.SE-VIP.source", "price-group:1"))) {
            long customer = h.client.createCustomer(io.jesync.simulator.economic.EconomicSeed.customerBody(
                    io.jesync.simulator.DemoCatalog.demoCustomers().get(0)), "test-customer").body()
                    .path("customerNumber").asLong();
            h.bindCustomer("code:C-1001", customer);
            h.economic.setCustomerPriceGroup((int) customer, 1);
            h.tickUntilQuiet(5);

            assertThat(h.norce.store().customerPriceLists()).isEmpty();
            assertThat(h.parked("se").get("CUSTOMER_PRICE_LISTS C-1001"))
                    .contains("Shop se", "customer C-1001", "SE-VIP", "does not exist");
        }
    }
}
