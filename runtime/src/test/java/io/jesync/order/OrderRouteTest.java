package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.MessageHistory;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.shop.IncomingOrder;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderState;
import io.jesync.store.WatermarkStore;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The order flow's routes as the runtime builds them ({@link OrderSyncRoutes}), over the harness's simulators and
 * store: one order's steps are named route steps in the business order, a parked order leaves the route at the step
 * that parked it while the rest of the batch goes on, and a process that dies right after a named step leaves the
 * ledger where the exactly-once rules need it (woven with AdviceWith).
 */
class OrderRouteTest {
    private static final String POLL = "direct:poll-orders-se";

    @TempDir
    Path tempDir;

    @Test
    void one_order_runs_the_named_steps_in_the_business_order() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of());
             CamelContext camel = routes(harness)) {
            camel.setMessageHistory(true);
            camel.start();
            NorceModel.Order order = harness.placeOrder(1);

            Exchange done = transfer(camel, harness);

            assertThat(history(done)).containsExactly("claim-order", "polled-order-steps", "find-existing-document",
                    "map-order", "check-articles", "resolve-customer", "create-articles", "record-send-intent", "send-document",
                    "check-totals", "book-invoice", "acknowledge-order");
            assertThat(done.getMessage().getBody(OrderTransfer.Work.class).outcome())
                    .isEqualTo(OrderTransfer.Outcome.DONE);
            assertThat(entry(harness, order).state()).isEqualTo(OrderState.ACKNOWLEDGED);
        }
    }

    @Test
    void an_order_parked_by_a_step_leaves_the_route_there() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of("sync.mode", "erp-master"));
             CamelContext camel = routes(harness)) {
            camel.setMessageHistory(true);
            camel.start();
            NorceModel.Order order = harness.placeBadOrder(DemoOrderGenerator.BadOrder.UNKNOWN_ARTICLE);

            Exchange done = transfer(camel, harness);

            assertThat(history(done)).containsExactly("claim-order", "polled-order-steps", "find-existing-document",
                    "map-order", "check-articles");
            assertThat(entry(harness, order).state()).isEqualTo(OrderState.PARKED);
            assertThat(entry(harness, order).row().reason()).contains("is not in e-conomic");
        }
    }

    @Test
    void a_parked_order_does_not_stop_the_batch_and_the_watermark_moves_after_it() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of("sync.mode", "erp-master"));
             CamelContext camel = routes(harness)) {
            camel.start();
            NorceModel.Order bad = harness.placeBadOrder(DemoOrderGenerator.BadOrder.UNKNOWN_ARTICLE);
            NorceModel.Order first = harness.placeOrder(2);
            NorceModel.Order second = harness.placeOrder(3);
            NotifyBuilder pollCompleted = new NotifyBuilder(camel).fromRoute("poll-orders-se").whenCompleted(1).create();

            camel.createProducerTemplate().sendBody(POLL, null);

            assertThat(pollCompleted.matches()).isTrue();
            assertThat(entry(harness, bad).state()).isEqualTo(OrderState.PARKED);
            assertThat(entry(harness, first).state()).isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(entry(harness, second).state()).isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(new WatermarkStore(harness.database, harness.clock).getInstant(OrderFlow.WATERMARK, "se")).isPresent();
        }
    }

    @Test
    void orders_of_one_buyer_with_one_missing_article_transferred_side_by_side_create_each_once() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of("shop.se.orders.concurrency", "4"));
             CamelContext camel = routes(harness)) {
            camel.start();
            List<NorceModel.Order> orders = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                orders.add(harness.placeBadOrder(DemoOrderGenerator.BadOrder.UNKNOWN_ARTICLE));
            }
            harness.economic.clearJournal();
            Set<String> workers = ConcurrentHashMap.newKeySet();
            AdviceWith.adviceWith(camel, "transfer-order", route -> route.weaveById("claim-order").before()
                    .process(exchange -> workers.add(Thread.currentThread().getName())));
            NotifyBuilder pollCompleted = new NotifyBuilder(camel).fromRoute("poll-orders-se").whenCompleted(1).create();

            camel.createProducerTemplate().sendBody(POLL, null);

            assertThat(pollCompleted.matches()).isTrue();
            assertThat(orders).allSatisfy(o -> assertThat(entry(harness, o).state()).isEqualTo(OrderState.ACKNOWLEDGED));
            assertThat(workers).hasSizeGreaterThan(1);
            List<RecordedRequest> calls = harness.economic.journal();
            assertThat(calls).filteredOn(r -> r.method().equals("POST") && r.path().equals("/products")).hasSize(1);
            assertThat(calls).filteredOn(r -> r.method().equals("POST") && r.path().equals("/customers"))
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(calls).filteredOn(r -> r.method().equals("POST") && r.path().equals("/invoices/drafts")).hasSize(8);
            assertThat(harness.economic.products()).filteredOn(p -> p.productNumber().equals("NOPE-99999")).hasSize(1);
        }
    }

    @Test
    void died_right_after_send_document_the_order_is_created_and_the_next_run_finishes_it_without_a_second_send()
            throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of());
             CamelContext camel = routes(harness)) {
            dieOnceAfter(camel, "order-steps", "send-document");
            camel.start();
            NorceModel.Order order = harness.placeOrder(4);

            camel.createProducerTemplate().sendBody(POLL, null);

            LedgerEntry afterCrash = entry(harness, order);
            assertThat(afterCrash.state()).isEqualTo(OrderState.CREATED);
            assertThat(afterCrash.economicDocumentNumber()).isNotNull();
            assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo())).hasSize(1);

            // The dead worker's claim runs out; the next scheduled run resumes the order from the ledger.
            harness.clock.advance(Duration.ofMinutes(6));
            camel.createProducerTemplate().sendBody(POLL, null);

            LedgerEntry finished = entry(harness, order);
            assertThat(finished.state()).isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(finished.economicDocumentNumber()).isEqualTo(afterCrash.economicDocumentNumber());
            assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo())).hasSize(1);
        }
    }

    @Test
    void died_right_after_record_send_intent_the_next_run_looks_it_up_and_sends_it_once() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of());
             CamelContext camel = routes(harness)) {
            dieOnceAfter(camel, "order-steps", "record-send-intent");
            camel.start();
            NorceModel.Order order = harness.placeOrder(5);

            camel.createProducerTemplate().sendBody(POLL, null);

            LedgerEntry afterCrash = entry(harness, order);
            assertThat(afterCrash.state()).isEqualTo(OrderState.SENDING);
            assertThat(afterCrash.idempotencyKey()).isNotNull();
            assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo())).isEmpty();

            harness.clock.advance(Duration.ofMinutes(6));
            camel.createProducerTemplate().sendBody(POLL, null);

            assertThat(entry(harness, order).state()).isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo())).hasSize(1);
            assertThat(harness.assembly.ledger().events("se", order.orderNo()).stream().map(e -> e.step()))
                    .containsSubsequence("mapped", "looked-up", "mapped", "created", "acknowledged");
        }
    }

    /** The runtime's order routes on the harness's flow, the Quartz schedule replaced by a direct endpoint. */
    private static CamelContext routes(OrderFlowHarness harness) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("runtimeSettings", harness.settings);
        camel.getRegistry().bind("orderFlow", harness.flow());
        camel.addRoutes(new OrderSyncRoutes());
        AdviceWith.adviceWith(camel, "poll-orders-se", route -> route.replaceFromWith(POLL));
        return camel;
    }

    /** The process dies after {@code stepId} the first time: nothing after it runs, the ledger keeps what it has. */
    private static void dieOnceAfter(CamelContext camel, String routeId, String stepId) throws Exception {
        AtomicBoolean died = new AtomicBoolean();
        AdviceWith.adviceWith(camel, routeId, route -> route.weaveById(stepId).after().process(exchange -> {
            if (died.compareAndSet(false, true)) {
                exchange.setRouteStop(true);
            }
        }));
    }

    private static Exchange transfer(CamelContext camel, OrderFlowHarness harness) throws Exception {
        List<IncomingOrder> polled = harness.flow().poll("se").items();
        assertThat(polled).hasSize(1);
        ProducerTemplate template = camel.createProducerTemplate();
        return template.send("direct:transfer-order", exchange -> {
            exchange.getMessage().setHeader("shopId", "se");
            exchange.getMessage().setBody(polled.get(0));
        });
    }

    private static List<String> history(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<MessageHistory> history = exchange.getProperty(Exchange.MESSAGE_HISTORY, List.class);
        return history.stream().map(h -> h.getNode().getId()).toList();
    }

    private static LedgerEntry entry(OrderFlowHarness harness, NorceModel.Order order) {
        return harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
    }
}
