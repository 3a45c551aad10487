package io.jesync.reversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.OrderEvent;
import io.jesync.reversal.ReversalEntry;
import io.jesync.reversal.ReversalState;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * A store restored from a backup older than a credit note, started after e-conomic's idempotency window: the
 * cancellation is read and planned again, and its credit note is found by its reference instead of made twice.
 */
class ReversalRestoreTest {
    @TempDir
    Path tempDir;

    @Test
    void a_credit_note_made_after_the_backup_is_found_not_made_again_after_a_restore() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.orders.document-type", "booked-invoice"))) {
            NorceModel.Order order = harness.placeOrder(1);
            harness.runUntilSettled(10);
            Path backup = tempDir.resolve("backup.sql");
            sql(harness, "SCRIPT TO '" + backup + "'");
            harness.clock.advance(Duration.ofMinutes(1));
            harness.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CANCELLED.id());
            harness.clock.advance(Duration.ofMinutes(1));
            harness.runReversalsUntilSettled(20);
            String creditReference = "jetshop:se:" + order.orderNo() + "/credit-1";
            assertThat(harness.economic.documentsByReference(creditReference)).hasSize(1);

            harness.clock.advance(Duration.ofHours(3));
            sql(harness, "DROP ALL OBJECTS");
            sql(harness, "RUNSCRIPT FROM '" + backup + "'");
            harness.restartReversals();
            assertThat(harness.reversals().ledger().forOrder("se", order.orderNo())).isEmpty();
            harness.runReversalsUntilSettled(20);

            assertThat(harness.economic.documentsByReference(creditReference)).as("one credit note").hasSize(1);
            assertThat(harness.reversals().ledger().forOrder("se", order.orderNo())).singleElement()
                    .extracting(ReversalEntry::state).isEqualTo(ReversalState.DONE);
            assertThat(harness.assembly.ledger().events("se", order.orderNo())).extracting(OrderEvent::detail)
                    .anyMatch(detail -> detail.startsWith("Found credit note"));
        }
    }

    private static void sql(OrderFlowHarness harness, String statement) throws Exception {
        try (Connection connection = harness.database.dataSource().getConnection();
             Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
