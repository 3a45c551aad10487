package io.jesync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.order.OrderFlow;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.store.WatermarkStore;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/** What the order reconciliation must not report: the runtime's own credit notes, and orders not polled yet. */
class OrderReconcilerBlindSpotsTest {
    @TempDir
    Path tempDir;

    @Test
    void the_runtimes_own_credit_note_and_an_order_placed_after_the_last_poll_are_no_findings() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.orders.document-type", "booked-invoice"))) {
            NorceModel.Order cancelled = harness.placeOrder(1);
            harness.runUntilSettled(10);
            harness.clock.advance(Duration.ofMinutes(1));
            harness.norce.setOrderStatus(cancelled.id(), NorceModel.OrderStatus.CANCELLED.id());
            harness.clock.advance(Duration.ofMinutes(1));
            harness.runReversalsUntilSettled(20);
            assertThat(harness.economic.documentsByReference("jetshop:se:" + cancelled.orderNo() + "/credit-1"))
                    .hasSize(1);
            harness.clock.advance(Duration.ofMinutes(1));
            NorceModel.Order notPolledYet = harness.placeOrder(2);

            OrderReconciler reconciler = new OrderReconciler(harness.assembly.shop()::ordersSince,
                    harness.assembly.ledger(), harness.reversals().ledger(), harness.client,
                    shop -> new WatermarkStore(harness.database, harness.clock).getInstant(OrderFlow.WATERMARK, shop));
            LocalDate today = LocalDate.ofInstant(harness.clock.instant(), ZoneId.of("Europe/Stockholm"));
            DayReconciler.Result result = reconciler.reconcile(harness.shop(), today);

            assertThat(result.findings()).as(result.findings().toString())
                    .noneMatch(f -> f.detail().contains("credit"))
                    .noneMatch(f -> f.orderNo().equals(notPolledYet.orderNo()));
        }
    }
}
