package io.jesync.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderStatus;
import io.jesync.reversal.ReversalEntry;
import io.jesync.reversal.ReversalState;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

class DemoShopkeeperTest {

    @TempDir
    Path tempDir;

    @Test
    void cancels_one_transferred_order_and_takes_back_one_line_of_an_invoiced_one_and_the_reversal_flow_follows() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(TestDatabases.Kind.H2, tempDir,
                Map.of("shop.se.orders.document-type", "booked-invoice"))) {
            for (long seed = 1; seed <= 20; seed++) {
                harness.placeOrder(seed);
            }
            harness.runUntilSettled(5);
            DemoShopkeeper shopkeeper = new DemoShopkeeper(harness.norce, 3L);

            shopkeeper.tick();
            List<Order> cancelled = withStatus(harness, OrderStatus.CANCELLED);
            assertThat(cancelled).hasSize(1);
            harness.norce.orders().stream().filter(o -> o.statusId() == OrderStatus.CONFIRMED.id()
                            && o.erpOrderNo() != null)
                    .forEach(o -> harness.norce.setOrderStatus(o.id(), OrderStatus.INVOICED.id()));
            shopkeeper.tick();
            shopkeeper.tick();
            List<Order> refunded = harness.norce.orders().stream().filter(o -> o.items().stream()
                    .anyMatch(i -> i.statusId() == OrderStatus.CANCELLED.id())).toList();
            assertThat(refunded).as("one line taken back, once").hasSize(1);
            assertThat(withStatus(harness, OrderStatus.CANCELLED)).as("later ticks never cancel another")
                    .hasSize(1);

            harness.clock.advance(java.time.Duration.ofMinutes(1));
            harness.runReversalsUntilSettled(20);
            for (Order order : List.of(cancelled.get(0), refunded.get(0))) {
                assertThat(harness.reversals().ledger().forOrder("se", order.orderNo()))
                        .extracting(ReversalEntry::state).containsExactly(ReversalState.DONE);
                assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo() + "/credit-1"))
                        .as("a credit note for order " + order.orderNo()).hasSize(1);
            }
        }
    }

    private static List<Order> withStatus(OrderFlowHarness harness, OrderStatus status) {
        return harness.norce.orders().stream().filter(o -> o.statusId() == status.id()).toList();
    }
}
