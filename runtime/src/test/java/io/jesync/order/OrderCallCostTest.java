package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.settings.RuntimeSettings;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderState;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * What the order flow costs in e-conomic calls, counted in the simulator's journal, against the fewest the API allows:
 * one document per order plus one create per new customer. Articles come from the client's product view and one
 * {@code $in} batch per poll, customers from bindings and one batched look-up per poll.
 */
class OrderCallCostTest {
    /** Goal of issue 15: at most 5 % above the minimum in the demo's order mix. */
    private static final double MAX_OVER_MINIMUM = 1.05;

    @TempDir
    Path tempDir;

    @Test
    void the_demo_order_mix_costs_at_most_five_percent_above_the_minimum() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            DemoOrderGenerator generator = new DemoOrderGenerator(harness.norce, DemoOrderGenerator.Settings.defaults());
            for (int i = 0; i < 102; i++) {
                harness.confirmed(generator.placeOrderNow());
            }
            harness.economic.clearJournal();

            harness.runUntilSettled(5);

            // The restore check reads the newest documents of each collection once per process life, not per order.
            List<RecordedRequest> calls = apiCalls(harness).stream()
                    .filter(r -> r.query() == null || !r.query().contains("sort=-")).toList();
            long documents = count(calls, "POST", "/invoices/drafts");
            long customers = count(calls, "POST", "/customers");
            assertThat(harness.assembly.ledger().list("se", null, 1000)).hasSize(102)
                    .allMatch(e -> e.state() == OrderState.ACKNOWLEDGED, "every order transferred");
            assertThat(documents).isEqualTo(102);
            assertThat(customers).as("new customers in the mix").isPositive();
            long minimum = documents + customers;
            assertThat(count(calls, "GET", "/products/")).as("single product reads").isLessThanOrEqualTo(
                    count(calls, "POST", "/products"));
            assertThat((double) calls.size()).as("calls %s against a minimum of %d", summary(calls), minimum)
                    .isLessThanOrEqualTo(MAX_OVER_MINIMUM * minimum);
        }
    }

    @Test
    void a_known_buyers_next_order_asks_e_conomic_for_no_customer() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order first = harness.placeOrder(31);
            harness.runUntilSettled(5);
            assertThat(count(apiCalls(harness), "GET", "/customers")).as("the new buyer is looked up once").isEqualTo(1);
            harness.economic.clearJournal();

            NorceModel.Order second = harness.placeOrder(31);
            harness.runUntilSettled(5);

            assertThat(second.orderNo()).isNotEqualTo(first.orderNo());
            assertThat(second.buyer().emailAddress()).isEqualTo(first.buyer().emailAddress());
            assertThat(harness.assembly.ledger().find("se", second.orderNo()).orElseThrow().state())
                    .isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(apiCalls(harness)).as("calls for the returning buyer's order")
                    .noneMatch(r -> r.path().startsWith("/customers"));
        }
    }

    @Test
    void an_article_deleted_after_it_was_seen_parks_the_order_naming_it_and_is_read_again() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of("sync.mode", "erp-master"))) {
            NorceModel.Order order = harness.placeOrder(21);
            String article = order.items().get(0).partNo();
            // Another flow read the product: the order flow trusts the view and sends the document without a look-up.
            harness.client.findProducts(List.of(article));
            assertThat(harness.client.products().contains(article)).isTrue();
            deleteInEconomic(harness, article);

            harness.runUntilSettled(5);

            LedgerEntry entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("article '" + article + "' is no longer in e-conomic");
            assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo())).isEmpty();
            assertThat(harness.client.products().contains(article)).as("dropped from the view").isFalse();
        }
    }

    @Test
    void an_article_deleted_after_it_was_seen_is_created_again_in_combo_on_the_resend() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of("sync.mode", "combo"))) {
            NorceModel.Order order = harness.placeOrder(22);
            String article = order.items().get(0).partNo();
            harness.client.findProducts(List.of(article));
            deleteInEconomic(harness, article);

            harness.runUntilSettled(5);
            assertThat(harness.assembly.ledger().find("se", order.orderNo()).orElseThrow().row().reason())
                    .contains("no longer in e-conomic");
            harness.admin().resend("se", order.orderNo());
            harness.runUntilSettled(5);

            assertThat(harness.assembly.ledger().find("se", order.orderNo()).orElseThrow().state())
                    .isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(harness.economic.product(article)).isPresent();
        }
    }

    private static void deleteInEconomic(OrderFlowHarness harness, String article) throws Exception {
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(harness.economic.baseUrl() + "/products/" + article))
                .header("X-AppSecretToken", RuntimeSettings.DEMO_APP_SECRET_TOKEN.reveal())
                .header("X-AgreementGrantToken", RuntimeSettings.DEMO_AGREEMENT_GRANT_TOKEN.reveal())
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    }

    static List<RecordedRequest> apiCalls(OrderFlowHarness harness) {
        return harness.economic.journal().stream().filter(r -> !r.path().startsWith("/_sim/")).toList();
    }

    private static long count(List<RecordedRequest> calls, String method, String pathPrefix) {
        return calls.stream().filter(r -> r.method().equals(method) && (r.path().equals(pathPrefix)
                || pathPrefix.endsWith("/") && r.path().startsWith(pathPrefix))).count();
    }

    private static Map<String, Long> summary(List<RecordedRequest> calls) {
        return calls.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.method() + " "
                + r.path().replaceAll("/[^/]+$", "/{n}").replaceAll("/\\d+", "/{n}"), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }
}
