package io.jesync.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.simulator.DemoCatalog;
import io.jesync.product.ProductFlowAssembly;
import io.jesync.simulator.RecordedRequest;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases;

/** Reads of several known numbers go out as one filtered read per batch, never as a GET per number. */
class BatchedReadsTest {
    @TempDir
    Path tempDir;

    @Test
    void products_are_read_two_hundred_per_call_exactly_and_misses_are_left_out() {
        try (OrderFlowHarness h = new OrderFlowHarness(TestDatabases.Kind.H2, tempDir, Map.of())) {
            List<String> numbers = new ArrayList<>(DemoCatalog.demoArticles().stream()
                    .map(DemoCatalog.Article::articleNumber).limit(300).toList());
            numbers.add("NO-SUCH-ARTICLE");
            String known = numbers.get(0);
            numbers.add(known.toLowerCase(java.util.Locale.ROOT) + "x");
            h.economic.clearJournal();

            Map<String, JsonNode> found = h.client.findProducts(numbers);

            assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(numbers.subList(0, 300));
            List<RecordedRequest> reads = calls(h);
            assertThat(reads).hasSize(2).allMatch(r -> r.method().equals("GET") && r.path().equals("/products"));
            assertThat(reads.get(0).query()).contains("productNumber%24in%3A%5B");
            assertThat(h.client.products().size()).isGreaterThanOrEqualTo(300);
            h.schemaCheck.assertNoViolations();
        }
    }

    @Test
    void customers_are_read_by_e_mail_in_or_chains_grouped_by_the_address_asked() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(TestDatabases.Kind.H2, tempDir, Map.of())) {
            for (long seed = 1; seed <= 6; seed++) {
                h.placeOrder(seed);
            }
            h.runUntilSettled(5);
            List<JsonNode> existing = h.client.listAll("/customers", null);
            List<String> emails = new ArrayList<>(existing.stream().map(c -> c.path("email").asText(""))
                    .filter(e -> !e.isBlank()).limit(10).map(e -> e.toUpperCase(java.util.Locale.ROOT)).toList());
            assertThat(emails).isNotEmpty();
            for (int i = 0; i < 30; i++) {
                emails.add("new-" + i + "@example.com");
            }
            h.economic.clearJournal();

            Map<String, List<JsonNode>> found = h.client.findCustomersByAny("email", emails);

            assertThat(calls(h)).hasSize((emails.size() + EconomicClient.OR_CLAUSES - 1) / EconomicClient.OR_CLAUSES);
            String first = emails.get(0).toLowerCase(java.util.Locale.ROOT);
            assertThat(found.get(first)).isNotEmpty().allMatch(c -> c.path("email").asText().equalsIgnoreCase(first));
            assertThat(found.get("new-0@example.com")).isEmpty();
            assertThat(found).hasSize(emails.size());
        }
    }

    @Test
    void the_product_flow_reads_changed_products_in_batches_not_one_get_each() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(TestDatabases.Kind.H2, tempDir, Map.of("sync.mode", "combo"))) {
            ProductFlowAssembly products = ProductFlowAssembly.create(h.settings, h.database, h.client,
                    h.shopCatalog(d -> { }).products(), h.clock);
            products.flow().poll("se");
            h.clock.advance(Duration.ofMinutes(5));
            List<DemoCatalog.Article> articles = DemoCatalog.demoArticles().subList(0, 250);
            for (DemoCatalog.Article a : articles) {
                h.norce.putSku(a.articleNumber(), "Nytt " + a.articleNumber(), a.vatRate(), a.ean(), 1,
                        new BigDecimal("5.00"));
            }
            h.economic.clearJournal();

            products.flow().poll("se");

            List<RecordedRequest> reads = calls(h).stream().filter(r -> r.method().equals("GET")).toList();
            assertThat(reads).as("two $in reads for 250 changed products").hasSize(2)
                    .allMatch(r -> r.path().equals("/products"));
            assertThat(calls(h).stream().filter(r -> r.method().equals("PUT")).count()).isEqualTo(250);
            assertThat(h.economic.product(articles.get(249).articleNumber()).orElseThrow().name())
                    .isEqualTo("Nytt " + articles.get(249).articleNumber());
        }
    }

    private static List<RecordedRequest> calls(OrderFlowHarness h) {
        return h.economic.journal().stream().filter(r -> !r.path().startsWith("/_sim/")).toList();
    }
}
