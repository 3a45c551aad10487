package io.jesync.reversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.OrderState;
import io.jesync.reversal.ReversalEntry;
import io.jesync.reversal.ReversalState;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.RouteSteps;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The reversal flow's routes ({@link ReversalSyncRoutes}) over the harness: a cancellation after booking runs the
 * named steps in order, and a process that dies right after {@code reverse-document} (credit note drafted, not
 * booked) leaves a reversal the next run books without drafting a second credit note.
 */
class ReversalRouteTest {
    private static final String POLL = "poll-reversals-se";

    @TempDir
    Path tempDir;

    @Test
    void a_cancellation_runs_the_named_steps_and_a_death_after_reverse_document_books_one_credit_note()
            throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of(
                "shop.se.orders.document-type", "booked-invoice", "shop.se.reversal.enabled", "true"));
             RouteSteps routes = new RouteSteps()) {
            NorceModel.Order order = h.placeOrder(4);
            h.runUntilSettled(10);
            assertThat(h.assembly.ledger().find("se", order.orderNo()).orElseThrow().state())
                    .isEqualTo(OrderState.ACKNOWLEDGED);
            h.clock.advance(Duration.ofMinutes(1));
            h.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CANCELLED.id());
            h.clock.advance(Duration.ofMinutes(1));

            routes.bind("runtimeSettings", h.settings).bind("reversalFlow", h.reversals().flow())
                    .routes(new ReversalSyncRoutes()).runOnDemand(POLL);
            AtomicBoolean died = new AtomicBoolean();
            AdviceWith.adviceWith(routes.camel(), "process-reversal", route -> route.weaveById("reverse-document")
                    .after().process(exchange -> exchange.setRouteStop(died.compareAndSet(false, true))));
            routes.record(POLL, "read-changed-orders-se", "list-due-reversals-se", "advance-reversal-watermark-se")
                    .record("detect-reversal", "record-reversal")
                    .record("process-reversal", "claim-reversal", "reverse-document", "book-credit-note").start();

            routes.run(POLL);

            assertThat(routes.ran()).containsSubsequence("read-changed-orders-se", "record-reversal",
                    "list-due-reversals-se", "claim-reversal", "reverse-document", "advance-reversal-watermark-se")
                    .doesNotContain("book-credit-note");
            ReversalEntry drafted = h.reversals().ledger().forOrder("se", order.orderNo()).get(0);
            assertThat(drafted.state()).isEqualTo(ReversalState.CREATED);
            assertThat(drafted.economicDraftNumber()).isNotNull();

            // The dead worker's claim runs out; the next run books the drafted credit note.
            h.clock.advance(Duration.ofMinutes(6));
            routes.run(POLL);

            assertThat(routes.ran()).containsSubsequence("list-due-reversals-se", "claim-reversal",
                    "reverse-document", "book-credit-note", "advance-reversal-watermark-se");
            assertThat(h.reversals().ledger().forOrder("se", order.orderNo())).singleElement()
                    .satisfies(r -> assertThat(r.state()).isEqualTo(ReversalState.DONE));
            assertThat(h.economic.documentsByReference("jetshop:se:" + order.orderNo() + "/credit-1"))
                    .singleElement().satisfies(note -> assertThat(note.collection()).isEqualTo("invoices/booked"));
        }
    }
}
