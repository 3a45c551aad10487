package io.jesync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.order.OrderFlow;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderState;
import io.jesync.store.WatermarkStore;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The order reconciliation's blind spots: it must not report the runtime's own credit notes or orders not polled yet,
 * and must still compare the totals of orders that have left the trigger statuses once acknowledged.
 */
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

            OrderReconciler reconciler = new OrderReconciler(harness.assembly.shop(),
                    harness.assembly.ledger(), harness.reversals().ledger(), harness.client,
                    shop -> new WatermarkStore(harness.database, harness.clock).getInstant(OrderFlow.WATERMARK, shop));
            LocalDate today = LocalDate.ofInstant(harness.clock.instant(), ZoneId.of("Europe/Stockholm"));
            DayReconciler.Result result = reconciler.reconcile(harness.shop(), today);

            assertThat(result.findings()).as(result.findings().toString())
                    .noneMatch(f -> f.detail().contains("credit"))
                    .noneMatch(f -> f.orderNo().equals(notPolledYet.orderNo()));
        }
    }

    @Test
    void an_acknowledged_order_whose_draft_the_accountant_changed_is_found_by_its_total() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = harness.placeOrder(3);
            harness.runUntilSettled(10);
            LedgerEntry row = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(row.state()).isEqualTo(OrderState.ACKNOWLEDGED);
            // Delivered in the shop since, as the status flow or a person does: it is no longer in a trigger status.
            harness.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.DELIVERED.id());
            assertThat(harness.assembly.shop().ordersSince(harness.shop(), Instant.EPOCH).orders())
                    .as("delivered, the order has left the trigger statuses")
                    .noneMatch(o -> o.orderNo().equals(order.orderNo()));
            int draft = row.economicDocumentNumber().intValue();
            BigDecimal quantity = harness.economic.document("invoices/drafts", draft).orElseThrow()
                    .path("lines").get(0).path("quantity").decimalValue();
            harness.economic.changeDraftLineQuantity("invoices/drafts", draft, 0, quantity.add(BigDecimal.ONE));

            OrderReconciler reconciler = new OrderReconciler(harness.assembly.shop(), harness.assembly.ledger(),
                    harness.reversals().ledger(), harness.client, shop -> Optional.of(harness.clock.instant()));
            LocalDate today = LocalDate.ofInstant(harness.clock.instant(), ZoneId.of("Europe/Stockholm"));
            DayReconciler.Result result = reconciler.reconcile(harness.shop(), today);

            assertThat(result.findings()).as(result.findings().toString())
                    .filteredOn(f -> f.kind() == Finding.Kind.TOTAL_DIFFERS)
                    .singleElement().satisfies(f -> {
                        assertThat(f.orderNo()).isEqualTo(order.orderNo());
                        assertThat(f.detail()).contains("(as transferred)", "invoices/drafts/" + draft);
                    });
        }
    }
}
