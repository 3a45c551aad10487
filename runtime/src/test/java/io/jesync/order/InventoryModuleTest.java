package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.economic.EconomicAgreement;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The inventory module switched on while the runtime runs a shop that creates orders: e-conomic answers 403 on
 * {@code /orders}. That is the agreement, not the credentials: the order parks at once with the real reason, and
 * readiness names the setting to change.
 */
class InventoryModuleTest {
    private static final Map<String, String> ORDERS = Map.of("shop.se.orders.document-type", "order");

    @TempDir
    Path tempDir;

    @Test
    void a_403_on_orders_parks_the_order_with_the_real_reason_instead_of_retrying_it_as_bad_credentials()
            throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, ORDERS)) {
            harness.economic.setInventoryModule(true);
            NorceModel.Order order = harness.placeOrder(1);

            harness.runUntilSettled(3);

            LedgerEntry entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("has the inventory module")
                    .contains("shop.<id>.orders.document-type").doesNotContain("credentials");
            assertThat(entry.row().attempts()).isLessThanOrEqualTo(1);
            assertThat(harness.economic.orders()).isEmpty();
        }
    }

    @Test
    void readiness_and_start_up_name_the_setting_when_the_agreement_has_the_inventory_module() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, ORDERS)) {
            EconomicAgreement plain = new EconomicAgreement(1, "Demo", "SEK", false);
            EconomicAgreement inventory = new EconomicAgreement(1, "Demo", "SEK", true);

            assertThat(AgreementFit.problem(plain, harness.settings)).isEmpty();
            assertThat(AgreementFit.problem(inventory, harness.settings)).hasValueSatisfying(p -> {
                assertThat(p.setting()).isEqualTo("shop.se.orders.document-type");
                assertThat(p.message()).contains("has the inventory module");
            });
        }
        try (OrderFlowHarness invoices = new OrderFlowHarness(Kind.H2, tempDir.resolve("b"), Map.of())) {
            assertThat(AgreementFit.problem(new EconomicAgreement(1, "Demo", "SEK", true), invoices.settings))
                    .as("draft invoices work with the module").isEmpty();
        }
    }
}
