package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

class EconomicSimulatorPagingFilterTest extends EconomicTestClient {

    private List<String> productNumbers(String query) {
        Reply reply = get("/products?pagesize=1000&" + query);
        assertThat(reply.status()).as(query + " -> " + reply.body()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        reply.body().path("collection").forEach(p -> numbers.add(p.path("productNumber").asText()));
        return numbers;
    }

    private List<String> filter(String filter) {
        return productNumbers("filter=" + encode(filter));
    }

    @Test
    void default_page_has20_and_links_without_next_on_the_last_page() {
        JsonNode first = get("/products").body();
        JsonNode pagination = first.path("pagination");

        assertThat(first.path("collection")).hasSize(20);
        assertThat(pagination.path("maxPageSizeAllowed").asInt()).isEqualTo(1000);
        assertThat(pagination.path("skipPages").asInt()).isZero();
        assertThat(pagination.path("pageSize").asInt()).isEqualTo(20);
        assertThat(pagination.path("results").asInt()).isEqualTo(322);
        assertThat(pagination.path("resultsWithoutFilter").asInt()).isEqualTo(322);
        assertThat(pagination.path("firstPage").asText()).endsWith("/products?skippages=0&pagesize=20");
        assertThat(pagination.path("nextPage").asText()).endsWith("/products?skippages=1&pagesize=20");
        assertThat(pagination.path("lastPage").asText()).endsWith("/products?skippages=16&pagesize=20");
        assertThat(first.path("self").asText()).endsWith("/products");

        JsonNode last = get("/products?skippages=16&pagesize=20").body();
        assertThat(last.path("collection")).hasSize(2);
        assertThat(last.path("pagination").has("nextPage")).isFalse();
    }

    @Test
    void past_the_end_is_empty_and_page_size_outside_range_is_e04810() {
        Reply pastEnd = get("/products?skippages=50&pagesize=100");
        Reply tooBig = get("/products?pagesize=1001");
        Reply zero = get("/products?pagesize=0");
        Reply max = get("/products?pagesize=1000");

        assertThat(pastEnd.status()).isEqualTo(200);
        assertThat(pastEnd.body().path("collection")).isEmpty();
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body().path("errors").path("pagesize").path("errors").get(0).path("errorCode").asText())
                .isEqualTo("E04810");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(max.body().path("collection")).hasSize(322);
    }

    @Test
    void comparison_operators() {
        assertThat(filter("productNumber$eq:frakt")).containsExactly("FRAKT");
        assertThat(filter("productNumber$ne:FRAKT")).hasSize(321).doesNotContain("FRAKT");
        assertThat(filter("productNumber$gt:TEX-00300")).containsExactly("TEX-00307", "TEX-00314");
        assertThat(filter("productNumber$gte:TEX-00307")).containsExactly("TEX-00307", "TEX-00314");
        assertThat(filter("productNumber$lt:AVGIFT")).isEmpty();
        assertThat(filter("productNumber$lte:AVGIFT")).containsExactly("AVGIFT");
        BigDecimal price = simulator.product("KAF-00001").orElseThrow().salesPrice();
        assertThat(filter("salesPrice$eq:" + price.toPlainString())).contains("KAF-00001");
        assertThat(filter("salesPrice$gt:10000")).isEmpty();
    }

    @Test
    void like_in_nin_and_null() {
        assertThat(filter("productNumber$like:RAK")).containsExactly("FRAKT");
        assertThat(filter("productNumber$like:fr*")).containsExactly("FRAKT");
        assertThat(filter("productNumber$like:*GIFT")).containsExactly("AVGIFT");
        assertThat(filter("productNumber$in:[FRAKT,AVGIFT,NOPE]")).containsExactly("AVGIFT", "FRAKT");
        assertThat(filter("productNumber$nin:[FRAKT,AVGIFT]")).hasSize(320);
        assertThat(filter("productGroup.productGroupNumber$in:[4]")).containsExactly("AVGIFT", "FRAKT");
        assertThat(filter("recommendedPrice$eq:$null:")).hasSize(322);
        assertThat(filter("barCode$eq:$null:")).containsExactly("AVGIFT", "FRAKT");
        assertThat(filter("barCode$ne:$null:")).hasSize(320);
    }

    @Test
    void in_accepts_at_most200_values() {
        String two100 = IntStream.rangeClosed(1, 200).mapToObj(Integer::toString).collect(Collectors.joining(","));

        assertThat(get("/products?filter=" + encode("salesPrice$in:[" + two100 + "]")).status()).isEqualTo(200);
        Reply tooMany = get("/products?filter=" + encode("salesPrice$in:[" + two100 + ",201]"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().path("errors").isArray()).isTrue();
    }

    @Test
    void and_or_and_parentheses() {
        assertThat(filter("productNumber$eq:FRAKT$or:productNumber$eq:AVGIFT")).containsExactly("AVGIFT", "FRAKT");
        assertThat(filter("productGroup.productGroupNumber$eq:4$and:productNumber$like:F*")).containsExactly("FRAKT");
        assertThat(filter("productNumber$eq:KAF-00001$or:productGroup.productGroupNumber$eq:4$and:productNumber$eq:FRAKT"))
                .as("$and binds tighter").containsExactly("FRAKT", "KAF-00001");
        assertThat(filter("(productNumber$eq:KAF-00001$or:productGroup.productGroupNumber$eq:4)$and:productNumber$eq:FRAKT"))
                .containsExactly("FRAKT");
    }

    @Test
    void escapes_in_values() {
        post("/products", productBody("A$B"));
        post("/products", productBody("C(1)"));
        post("/products", productBody("STAR*X"));

        assertThat(filter("productNumber$eq:A$$B")).containsExactly("A$B");
        assertThat(filter("productNumber$eq:C$(1$)")).containsExactly("C(1)");
        assertThat(filter("productNumber$like:R$*")).containsExactly("STAR*X");
    }

    @Test
    void non_filterable_field_lists_the_allowed_ones() {
        Reply reply = get("/products?filter=" + encode("inventory.inStock$gt:5"));
        Reply badOperator = get("/products?filter=" + encode("name$contains:x"));
        Reply currencies = get("/currencies?filter=" + encode("code$eq:SEK"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors").get(0).asText()).contains("inventory.inStock");
        List<String> allowed = new ArrayList<>();
        reply.body().path("allowedFilteringFields").forEach(f -> allowed.add(f.asText()));
        assertThat(allowed).contains("lastUpdated", "productNumber", "name").doesNotContain("inventory.inStock");
        assertThat(badOperator.status()).isEqualTo(400);
        assertThat(currencies.status()).isEqualTo(400);
    }

    @Test
    void last_updated_filter_and_sort_find_stock_changes() {
        clock.advance(Duration.ofMinutes(10));
        simulator.setStock("TEX-00006", new BigDecimal("3"));
        clock.advance(Duration.ofMinutes(10));
        simulator.setStock("KAF-00001", new BigDecimal("4"));

        assertThat(productNumbers("filter=" + encode("lastUpdated$gt:2026-09-01T10:05:00Z") + "&sort=lastUpdated"))
                .containsExactly("TEX-00006", "KAF-00001");
        assertThat(productNumbers("filter=" + encode("lastUpdated$gt:2026-09-01T10:05:00Z") + "&sort=-lastUpdated"))
                .containsExactly("KAF-00001", "TEX-00006");
        assertThat(get("/products?sort=inventory.inStock").status()).isEqualTo(400);
    }

    @Test
    void documents_filter_on_references_other_and_customers_on_last_updated() {
        int customer = createCustomer("Anna");
        clock.advance(Duration.ofHours(1));
        int later = createCustomer("Bertil");
        for (String reference : List.of("SHOP-1", "SHOP-2", "shop-3")) {
            post("/invoices/drafts", draftBody(customer, reference));
            post("/orders/drafts", draftBody(customer, reference));
        }
        post("/invoices/booked", json("{\"draftInvoice\": {\"draftInvoiceNumber\": 1}}"));

        JsonNode drafts = get("/invoices/drafts?filter=" + encode("references.other$eq:SHOP-3")).body();
        JsonNode booked = get("/invoices/booked?filter=" + encode("references.other$eq:SHOP-1")).body();
        JsonNode orders = get("/orders/drafts?filter=" + encode("references.other$like:shop")).body();
        JsonNode customers = get("/customers?filter=" + encode("lastUpdated$gte:2026-09-01T11:00:00Z")).body();

        assertThat(drafts.path("collection").findValuesAsText("other")).containsExactly("shop-3");
        assertThat(drafts.path("pagination").path("resultsWithoutFilter").asInt()).isEqualTo(2);
        assertThat(booked.path("collection")).hasSize(1);
        assertThat(orders.path("pagination").path("results").asInt()).isEqualTo(3);
        assertThat(customers.path("collection").findValuesAsText("customerNumber"))
                .containsExactly(Integer.toString(later));
    }

    @Test
    void hundred_thousand_articles_page_quickly() {
        simulator.seedGeneratedArticles(100_000, 7L);

        long started = System.nanoTime();
        Reply lastPage = get("/products?skippages=99&pagesize=1000");
        Reply filtered = get("/products?pagesize=1000&filter=" + encode("lastUpdated$gt:2026-09-01T09:00:00Z"));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(simulator.productCount()).isGreaterThanOrEqualTo(100_000);
        assertThat(lastPage.body().path("collection")).isNotEmpty();
        assertThat(filtered.body().path("pagination").path("results").asInt()).isEqualTo(simulator.productCount());
        assertThat(millis).as("two paged queries over 100k products").isLessThan(5_000);
    }
}
