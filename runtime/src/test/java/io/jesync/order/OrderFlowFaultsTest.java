package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.shop.IncomingOrder;
import io.jesync.simulator.FaultRule;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/** The acceptance run of the order flow: many orders, seeded faults, exactly one document per order. */
@Tag("harness")
class OrderFlowFaultsTest {
    private static final int ORDERS = 500;

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_order_becomes_exactly_one_document_under_5xx_429_resets_and_lost_responses(Kind kind)
            throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(kind, tempDir, Map.of())) {
            DemoOrderGenerator generator = new DemoOrderGenerator(harness.norce, DemoOrderGenerator.Settings
                    .defaults().withSeed(2026));
            List<String> good = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                NorceModel.Order order = generator.placeOrderNow();
                harness.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
                good.add(order.orderNo());
            }
            Map<DemoOrderGenerator.BadOrder, String> bad = new java.util.EnumMap<>(DemoOrderGenerator.BadOrder.class);
            for (DemoOrderGenerator.BadOrder badKind : List.of(DemoOrderGenerator.BadOrder.MISSING_EMAIL,
                    DemoOrderGenerator.BadOrder.NEGATIVE_QUANTITY, DemoOrderGenerator.BadOrder.ARTICLE_NUMBER_TOO_LONG)) {
                NorceModel.Order order = generator.placeBadOrder(badKind);
                harness.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
                bad.put(badKind, order.orderNo());
            }
            harness.economic.faults().configure(99L, List.of(FaultRule.none("")
                    .withServerError(0.10).withRateLimited(0.05, 2).withConnectionReset(0.03).withLostResponse(0.05)));

            harness.runUntilSettled(60);

            Map<String, Long> documentsByReference = harness.economic.documents().values().stream()
                    .flatMap(List::stream)
                    .collect(Collectors.groupingBy(EconomicSimulator.DocumentView::referencesOther,
                            Collectors.counting()));
            Set<String> expected = good.stream().map(no -> "jetshop:se:" + no).collect(Collectors.toSet());
            assertThat(documentsByReference.keySet()).as("no order lost, no stranger created").isEqualTo(expected);
            assertThat(documentsByReference.values()).as("no order twice").allMatch(count -> count == 1);

            Map<String, LedgerEntry> ledger = harness.assembly.ledger().list("se", null, 10_000).stream()
                    .collect(Collectors.toMap(LedgerEntry::orderNo, Function.identity()));
            assertThat(good).allSatisfy(no -> assertThat(ledger.get(no).state()).isEqualTo(OrderState.ACKNOWLEDGED));
            assertThat(ledger.get(bad.get(DemoOrderGenerator.BadOrder.MISSING_EMAIL)).row().reason())
                    .contains("Order " + bad.get(DemoOrderGenerator.BadOrder.MISSING_EMAIL), "e-mail");
            assertThat(ledger.get(bad.get(DemoOrderGenerator.BadOrder.NEGATIVE_QUANTITY)).row().reason())
                    .contains("quantity", "-1");
            assertThat(ledger.get(bad.get(DemoOrderGenerator.BadOrder.ARTICLE_NUMBER_TOO_LONG)).row().reason())
                    .contains("25");
            bad.values().forEach(no -> assertThat(ledger.get(no).state()).isEqualTo(OrderState.PARKED));

            Set<String> acknowledged = new HashSet<>();
            harness.norce.writeBacks().forEach(w -> acknowledged.add(w.orderNo()));
            assertThat(acknowledged).containsAll(good);
            assertThat(harness.economic.faults().injectedCounts()).as("the faults really happened")
                    .containsKeys(io.jesync.simulator.Fault.SERVER_ERROR, io.jesync.simulator.Fault.LOST_RESPONSE,
                            io.jesync.simulator.Fault.CONNECTION_RESET, io.jesync.simulator.Fault.RATE_LIMITED);
            harness.schemaCheck.assertNoViolations();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_same_order_delivered_many_times_at_once_creates_one_document(Kind kind) throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(kind, tempDir, Map.of())) {
            NorceModel.Order placed = harness.confirmed(new DemoOrderGenerator(harness.norce,
                    DemoOrderGenerator.Settings.defaults()).placeOrderNow());
            IncomingOrder order = harness.flow().poll("se").items().get(0);
            int deliveries = 16;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(deliveries);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(deliveries);
            try {
                List<java.util.concurrent.Future<OrderTransfer.Outcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < deliveries; i++) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return harness.flow().accept("se", order);
                    }));
                }
                List<OrderTransfer.Outcome> results = new ArrayList<>();
                for (var outcome : outcomes) {
                    results.add(outcome.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                assertThat(results).containsOnlyOnce(OrderTransfer.Outcome.DONE);
            } finally {
                pool.shutdownNow();
            }
            assertThat(harness.economic.documents().values().stream().flatMap(List::stream).toList())
                    .extracting(EconomicSimulator.DocumentView::referencesOther)
                    .containsExactly("jetshop:se:" + placed.orderNo());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_lost_response_is_found_by_reference_and_never_sent_twice(Kind kind) throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(kind, tempDir, Map.of())) {
            NorceModel.Order placed = harness.confirmed(new DemoOrderGenerator(harness.norce,
                    DemoOrderGenerator.Settings.defaults()).placeOrderNow());
            // More lost answers than the client retries inline: the order must go IN_DOUBT and be looked up.
            harness.failDraftCreation(io.jesync.simulator.Fault.LOST_RESPONSE, 5);

            harness.runOnce();
            assertThat(harness.assembly.ledger().find("se", placed.orderNo()).orElseThrow().state())
                    .isEqualTo(OrderState.IN_DOUBT);
            harness.clock.advance(Duration.ofMinutes(5));
            harness.runUntilSettled(10);

            assertThat(harness.economic.draftInvoices()).hasSize(1);
            assertThat(harness.admin().order("se", placed.orderNo()).orElseThrow().toString())
                    .contains("in-doubt", "looked-up", "adopted", "acknowledged");
        }
    }
}
