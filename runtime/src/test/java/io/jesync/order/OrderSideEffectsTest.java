package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/** A parked order leaves nothing behind in e-conomic: every check that can park runs before the first write. */
class OrderSideEffectsTest {
    @TempDir
    Path tempDir;

    @Test
    void an_order_parked_for_a_missing_article_gets_no_customer_created_first() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of("sync.mode", "erp-master"))) {
            int customersBefore = harness.economic.customers().size();
            NorceModel.Order order = harness.placeBadOrder(DemoOrderGenerator.BadOrder.UNKNOWN_ARTICLE);

            harness.runUntilSettled(5);

            LedgerEntry entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("is not in e-conomic");
            assertThat(steps(harness, order)).doesNotContain("customer");
            assertThat(harness.economic.customers()).hasSize(customersBefore);
        }
    }

    @Test
    void an_order_whose_total_differs_in_economic_is_parked_and_its_draft_deleted_again() throws Exception {
        // Zone 4 charges no VAT in e-conomic, while the mapping thinks it does: e-conomic's gross comes out lower.
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.orders.vat-zone.overrides", "SE:4"))) {
            long seed = 3;
            NorceModel.Order order = harness.placeOrder(seed);
            while (!"SE".equals(order.buyer().countryCode())) {
                harness.norce.vanishOrder(order.id());
                order = harness.placeOrder(++seed);
            }

            harness.runUntilSettled(5);

            LedgerEntry entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("the draft was deleted again, so nothing of this order is left in"
                    + " e-conomic");
            assertThat(entry.economicDocumentNumber()).isNull();
            assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo())).isEmpty();
            assertThat(steps(harness, order)).containsSubsequence("created", "draft-deleted", "parked");
        }
    }

    private static List<String> steps(OrderFlowHarness harness, NorceModel.Order order) {
        return harness.assembly.ledger().events("se", order.orderNo()).stream().map(OrderEvent::step).toList();
    }
}
