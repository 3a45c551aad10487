package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.shop.IncomingOrder;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;
import io.jesync.store.WatermarkWindow;

/**
 * A store restored from an older backup, started after e-conomic's idempotency window has passed: the orders the
 * backup does not know were sent are found in e-conomic by their reference and adopted, not sent twice, while an
 * order placed after the start costs no look-up.
 */
class RestoreSafetyTest {
    /** The shop keeps the orders in their trigger status, so a rewound watermark reads the sent ones again. */
    private static final Map<String, String> KEEP_STATUS = Map.of("shop.se.orders.acknowledge-status", "none");

    @TempDir
    Path tempDir;

    @Test
    void orders_sent_after_the_backup_are_adopted_after_a_restore_and_new_orders_cost_no_look_up() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, KEEP_STATUS)) {
            NorceModel.Order beforeBackup = harness.placeOrder(1);
            harness.runUntilSettled(10);
            Path backup = tempDir.resolve("backup.sql");
            sql(harness, "SCRIPT TO '" + backup + "'");
            List<NorceModel.Order> afterBackup = List.of(harness.placeOrder(2), harness.placeOrder(3),
                    harness.placeOrder(4));
            harness.runUntilSettled(10);
            for (NorceModel.Order order : afterBackup) {
                assertThat(harness.economic.documentsByReference(reference(order))).hasSize(1);
            }

            harness.clock.advance(Duration.ofHours(3));
            sql(harness, "DROP ALL OBJECTS");
            sql(harness, "RUNSCRIPT FROM '" + backup + "'");
            assertThat(harness.assembly.ledger().find("se", afterBackup.get(0).orderNo())).isEmpty();
            OrderFlowAssembly restarted = OrderFlowAssembly.create(harness.settings, harness.database, harness.client,
                    java.net.http.HttpClient.newHttpClient(), harness.clock, BackoffSchedule.defaults(),
                    new SplittableRandom(29));
            runOnce(restarted);
            harness.clock.advance(Duration.ofMinutes(1));
            NorceModel.Order placedAfterStart = harness.placeOrder(5);
            for (int run = 0; run < 10; run++) {
                runOnce(restarted);
                harness.clock.advance(Duration.ofMinutes(1));
            }

            for (NorceModel.Order order : afterBackup) {
                assertThat(harness.economic.documentsByReference(reference(order))).as(order.orderNo() + " once")
                        .hasSize(1);
                LedgerEntry entry = restarted.ledger().find("se", order.orderNo()).orElseThrow();
                assertThat(entry.state()).isEqualTo(OrderState.ACKNOWLEDGED);
                assertThat(steps(restarted, order)).contains("looked-up", "adopted").doesNotContain("created");
            }
            assertThat(harness.economic.documentsByReference(reference(beforeBackup))).hasSize(1);
            assertThat(harness.economic.documentsByReference(reference(placedAfterStart))).hasSize(1);
            assertThat(steps(restarted, placedAfterStart)).as("an order placed after the restore was noticed is not looked up")
                    .contains("created").doesNotContain("looked-up");
        }
    }

    @Test
    void without_a_restore_no_order_is_looked_up_before_its_first_send() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, KEEP_STATUS)) {
            NorceModel.Order first = harness.placeOrder(1);
            harness.runUntilSettled(10);
            NorceModel.Order second = harness.placeOrder(2);
            harness.clock.advance(Duration.ofMinutes(1));
            harness.runUntilSettled(10);

            assertThat(steps(harness.assembly, first)).contains("created").doesNotContain("looked-up");
            assertThat(steps(harness.assembly, second)).contains("created").doesNotContain("looked-up");
        }
    }

    private static void runOnce(OrderFlowAssembly assembly) throws Exception {
        WatermarkWindow.Poll<IncomingOrder> poll = assembly.flow().poll("se");
        for (IncomingOrder order : poll.items()) {
            assembly.flow().accept("se", order);
        }
        for (LedgerEntry due : assembly.flow().due("se")) {
            assembly.flow().resume("se", due);
        }
        assembly.flow().commitWatermark("se", poll.watermark());
    }

    private static List<String> steps(OrderFlowAssembly assembly, NorceModel.Order order) {
        return assembly.ledger().events("se", order.orderNo()).stream().map(OrderEvent::step).toList();
    }

    private static String reference(NorceModel.Order order) {
        return "jetshop:se:" + order.orderNo();
    }

    private static void sql(OrderFlowHarness harness, String statement) throws Exception {
        try (Connection connection = harness.database.dataSource().getConnection();
             Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
