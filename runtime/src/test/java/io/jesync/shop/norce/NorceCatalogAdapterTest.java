package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.config.ConfigSource;
import io.jesync.settings.RuntimeSettings;
import io.jesync.settings.ShopSettings;
import io.jesync.shop.ShopCatalog;
import io.jesync.shop.ShopCatalogPort;
import io.jesync.shop.ShopCatalogPort.PriceRow;
import io.jesync.shop.ShopCatalogPort.StockRow;
import io.jesync.shop.ShopProduct;
import io.jesync.shop.ShopProduct.Field;
import io.jesync.shop.ShopProductPort;
import io.jesync.shop.ShopStock;
import io.jesync.simulator.Json;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.simulator.norce.NorceStore;

/**
 * The catalogue adapter against the simulated tenant, which applies Connect's documented import semantics (a listed
 * field is written, cleared when absent; an unlisted one ignored; a null or 0 price ignored) and serves the
 * catalogue sets with ids unlike any default. Each test pins one point of docs/norce-adapter.md's catalogue side.
 */
class NorceCatalogAdapterTest {
    private static final String SECOND = io.jesync.simulator.DemoCatalog.demoArticles().get(1).articleNumber();

    private SimClock clock;
    private NorceSimulator sim;
    private ShopSettings shop;
    private ShopProductPort products;
    private ShopCatalogPort stockAndPrices;

    @BeforeEach
    void start() {
        clock = new SimClock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC));
        sim = NorceSimulator.demo(0, 7L, clock, RuntimeSettings.DEMO_SHOP_CLIENT_ID,
                RuntimeSettings.DEMO_SHOP_CLIENT_SECRET.reveal());
        sim.start();
        Map<String, String> file = new HashMap<>();
        file.put("app.environment", "demo");
        file.put("shops", "se");
        file.put("shop.se.application-ids", "1001,1002");
        file.put("simulator.norce.port", Integer.toString(sim.port()));
        file.put("shop.se.orders.enabled", "false");
        file.put("shop.se.products.job-poll-millis", "1");
        shop = RuntimeSettings.load(new ConfigSource(file, Map.of(), Map.of(), "test")).shops().get(0);
        ShopCatalog catalog = NorceCatalog.create(new NorceConnection(HttpClient.newHttpClient(), clock), clock,
                clock::advance);
        products = catalog.products();
        stockAndPrices = catalog.stockAndPrices();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void skus_come_from_product_skus_with_the_price_of_the_primary_list_found_by_its_code() throws Exception {
        List<ShopProduct> all = new ArrayList<>();
        products.allProducts(shop, all::addAll);

        assertThat(all).hasSize(sim.store().skuCount());
        ShopProduct coffee = all.stream().filter(p -> p.articleNumber().equals("KAF-00001")).findFirst().orElseThrow();
        assertThat(coffee.salesPrice()).isEqualByComparingTo(sim.store().price(NorceStore.PRICE_LIST_SE_B2C,
                "KAF-00001").orElseThrow().priceSale());
        assertThat(coffee.name()).isEqualTo(sim.store().sku("KAF-00001").orElseThrow().name());
        assertThat(queries()).allSatisfy(q -> assertThat(q.path()).isIn(
                "/commerce/query/2.0/Products/ProductSkus", "/commerce/query/2.0/Application/ClientPriceLists"));
        assertThat(queries()).filteredOn(q -> q.path().endsWith("ProductSkus")).allSatisfy(q ->
                assertThat(decoded(q)).contains("PriceListId eq 7301").doesNotContain("$skip"));
    }

    @Test
    void a_never_updated_sku_is_found_by_its_creation_and_article_numbers_go_as_or_chains() throws Exception {
        clock.advance(java.time.Duration.ofHours(1));
        sim.putSku("NY-1", "Ny produkt", new BigDecimal("25"), null, 1, new BigDecimal("10"));
        assertThat(sim.store().sku("NY-1").orElseThrow().updated()).isNull();

        List<ShopProduct> changed = products.changedSince(shop, clock.instant().minusSeconds(60));
        List<ShopProduct> byNumber = products.byArticleNumbers(shop, List.of("NY-1", "KAF-00001", "SAKNAS"));

        assertThat(changed).extracting(ShopProduct::articleNumber).containsExactly("NY-1");
        assertThat(byNumber).extracting(ShopProduct::articleNumber).containsExactlyInAnyOrder("NY-1", "KAF-00001");
        assertThat(queries()).filteredOn(q -> decoded(q).contains("PartNo eq")).singleElement().satisfies(q ->
                assertThat(decoded(q)).doesNotContain(" in ").contains("PartNo eq 'KAF-00001' or PartNo eq"));
    }

    /** The fault this fixes: an update listing StandardPrice and EanCode without sending them cleared both. */
    @Test
    void an_update_without_price_or_barcode_leaves_the_shops_price_and_clears_only_what_it_lists() throws Exception {
        BigDecimal price = sim.store().price(NorceStore.PRICE_LIST_SE_B2C, "KAF-00001").orElseThrow().priceSale();
        ShopProduct update = new ShopProduct("KAF-00001", "Bryggkaffe", null, new BigDecimal("12"), null, false,
                null);

        String reference = products.submit(shop, List.of(update), false, EnumSet.of(Field.SALES_PRICE,
                Field.ACTIVE));
        ShopProductPort.ImportOutcome outcome = products.follow(shop, reference, List.of("KAF-00001")).orElseThrow();

        assertThat(outcome.refused()).isEmpty();
        assertThat(sim.store().sku("KAF-00001").orElseThrow().statusId()).isEqualTo(5);
        assertThat(sim.store().sku("KAF-00001").orElseThrow().eanCode()).as("barcode not owned: untouched")
                .isNotNull();
        assertThat(sim.store().price(NorceStore.PRICE_LIST_SE_B2C, "KAF-00001").orElseThrow().priceSale())
                .isEqualByComparingTo(price);
        JsonNode header = header(lastImport("ImportProducts"));
        assertThat(header.path("SkuFieldsThatAreSet")).extracting(JsonNode::asText).containsExactly("Status");
    }

    @Test
    void items_carrying_different_fields_go_as_separate_jobs_under_one_reference() throws Exception {
        ShopProduct priced = new ShopProduct("KAF-00001", "A", new BigDecimal("55.00"), null, "7350001000014", true,
                null);
        ShopProduct unpriced = new ShopProduct(SECOND, "B", null, null, "7350001000021", true, null);

        String reference = products.submit(shop, List.of(priced, unpriced), false, EnumSet.of(Field.SALES_PRICE,
                Field.BARCODE));

        assertThat(reference).contains("+");
        assertThat(products.follow(shop, reference, List.of("KAF-00001", SECOND)).orElseThrow().refused())
                .isEmpty();
        assertThat(sim.store().price(NorceStore.PRICE_LIST_SE_B2C, "KAF-00001").orElseThrow().priceSale())
                .isEqualByComparingTo("55.00");
        assertThat(sim.store().sku(SECOND).orElseThrow().eanCode()).isEqualTo("7350001000021");
    }

    @Test
    void no_header_carries_a_job_key_and_every_listed_field_is_a_contract_field() throws Exception {
        stockAndPrices.setStock(shop, List.of(new StockRow("KAF-00001", new ShopStock(BigDecimal.TEN, BigDecimal.ONE,
                3)), new StockRow(SECOND, new ShopStock(BigDecimal.ONE, BigDecimal.ZERO, null))));
        stockAndPrices.setPrices(shop, List.of(new PriceRow("SE-B2C", "KAF-00001", new BigDecimal("70"), "SEK")));
        products.follow(shop, products.submit(shop, List.of(new ShopProduct("KAF-00001", "C", null, null, null, true,
                null)), false, EnumSet.allOf(Field.class)), List.of("KAF-00001"));

        List<RecordedRequest> imports = sim.journal().stream().filter(r -> r.path().contains("/Import")).toList();
        assertThat(imports).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(header(r).has("JobKey")).isFalse();
            assertThat(header(r).path("AccountId").isInt()).isTrue();
        });
        // A row without a lead time in a batch that lists it is written without one, never left stale.
        assertThat(sim.store().onhand(SECOND, "MAIN", "MAIN").orElseThrow().leadTimeDayCount()).isNull();
        assertThat(sim.store().onhand("KAF-00001", "MAIN", "MAIN").orElseThrow().leadTimeDayCount()).isEqualTo(3);
    }

    @Test
    void an_unknown_price_list_is_refused_naming_its_code_and_the_other_rows_go_on() throws Exception {
        ShopCatalogPort.Outcome outcome = stockAndPrices.setPrices(shop, List.of(
                new PriceRow("SE-B2C", "KAF-00001", new BigDecimal("71"), "SEK"),
                new PriceRow("SE-VIP", "KAF-00001", new BigDecimal("60"), "SEK")));

        assertThat(outcome.rowProblems()).containsOnlyKeys("SE-VIP/KAF-00001");
        assertThat(outcome.rowProblems().get("SE-VIP/KAF-00001")).contains("'SE-VIP'", "does not exist",
                "shop.se.prices.lists");
        assertThat(sim.store().price("SE-B2C", "KAF-00001").orElseThrow().priceSale()).isEqualByComparingTo("71");
    }

    /** Norce ignores a null or 0 PriceSale, so a price is switched off with IsActive and a 0 is refused. */
    @Test
    void a_missing_price_switches_the_row_off_and_a_zero_price_is_refused() throws Exception {
        BigDecimal b2b = sim.store().price("SE-B2B", "KAF-00001").orElseThrow().priceSale();

        ShopCatalogPort.Outcome outcome = stockAndPrices.setPrices(shop, List.of(
                new PriceRow("SE-B2C", "KAF-00001", null, "SEK"),
                new PriceRow("SE-B2B", "KAF-00001", BigDecimal.ZERO, "SEK")));

        assertThat(sim.store().price("SE-B2C", "KAF-00001").orElseThrow().isActive()).isFalse();
        assertThat(outcome.rowProblems()).containsOnlyKeys("SE-B2B/KAF-00001");
        assertThat(outcome.rowProblems().get("SE-B2B/KAF-00001")).contains("price of 0");
        assertThat(sim.store().price("SE-B2B", "KAF-00001").orElseThrow().priceSale()).isEqualByComparingTo(b2b);
        JsonNode header = header(lastImport("ImportSkuPriceLists"));
        assertThat(header.path("SkuPriceListFieldsThatAreSet")).extracting(JsonNode::asText)
                .containsExactly("IsActive");
    }

    @Test
    void jobs_are_followed_on_api_job_get_when_job_get_is_not_found_and_the_path_is_remembered() throws Exception {
        sim.jobServiceUnderApi(true);

        stockAndPrices.setStock(shop, List.of(new StockRow("KAF-00001", new ShopStock(BigDecimal.TEN,
                BigDecimal.ZERO, null))));
        stockAndPrices.setStock(shop, List.of(new StockRow("KAF-00001", new ShopStock(BigDecimal.ONE,
                BigDecimal.ZERO, null))));

        List<RecordedRequest> jobCalls = sim.journal().stream().filter(r -> r.path().contains("/Job/")).toList();
        assertThat(jobCalls).filteredOn(r -> r.status() == 404).hasSize(1);
        assertThat(jobCalls.get(0).path()).endsWith("/4.0/Job/Get");
        assertThat(jobCalls.subList(1, jobCalls.size())).allSatisfy(r -> assertThat(r.path()).contains("/api/Job/"));
        assertThat(sim.store().onhand("KAF-00001", "MAIN", "MAIN").orElseThrow().onhandValue())
                .isEqualByComparingTo("1");
    }

    @Test
    void a_job_answer_naming_the_count_insert_as_the_docs_sample_does_is_read_too() throws Exception {
        sim.jobInsertCountAsInsert(true);
        NorceConnection connection = new NorceConnection(HttpClient.newHttpClient(), clock);
        NorceJobClient jobs = new NorceJobClient(connection);
        ShopProduct created = new ShopProduct("NY-2", "Ny", new BigDecimal("12"), new BigDecimal("25"), null, true,
                null);
        Set<String> fields = NorceProductMapper.skuFields(created, true, Set.of());
        long jobId = jobs.submit(shop, "Product/ImportProducts", NorceProductMapper.importHeader(true, true, fields,
                shop.products()), Json.array().add(NorceProductMapper.importItem(created, true, true, fields,
                shop.products())), "test");

        NorceJobClient.JobState state = jobs.job(shop, jobId);
        while (!state.finished()) {
            state = jobs.job(shop, jobId);
        }

        assertThat(state.statusId()).isEqualTo(NorceJobClient.SUCCEEDED);
        assertThat(state.inserts()).isEqualTo(1);
        assertThat(sim.job((int) jobId).orElseThrow().has("Insert")).isTrue();
    }

    @Test
    void an_import_norce_no_longer_knows_is_reported_as_unknown() throws Exception {
        stockAndPrices.setStock(shop, List.of(new StockRow("KAF-00001", new ShopStock(BigDecimal.TEN,
                BigDecimal.ZERO, null))));

        assertThat(products.follow(shop, "987654", List.of("KAF-00001"))).isEmpty();
    }

    private List<RecordedRequest> queries() {
        return sim.journal().stream().filter(r -> r.path().startsWith("/commerce/query/")).toList();
    }

    private static String decoded(RecordedRequest request) {
        return request.query() == null ? "" : java.net.URLDecoder.decode(request.query(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private RecordedRequest lastImport(String operation) {
        List<RecordedRequest> imports = sim.journal().stream().filter(r -> r.path().endsWith(operation)).toList();
        return imports.get(imports.size() - 1);
    }

    private static JsonNode header(RecordedRequest request) {
        List<String> values = request.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("X-StormConnect-Header")).findFirst().orElseThrow()
                .getValue();
        try {
            return Json.MAPPER.readTree(values.get(0));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
