package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.shop.ShopOrder;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * Two shops matching e-conomic customers by e-mail, one buyer ordering in both at once: the look-up-then-create is
 * reserved by the e-mail across shops, so the second shop waits instead of creating a second customer.
 */
class CustomerRaceAcrossShopsTest {
    @TempDir
    Path tempDir;

    @Test
    void a_buyer_being_created_for_one_shop_makes_the_other_shop_wait_and_then_share_the_customer() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            OrderFlowSettings flow = harness.shop().orders();
            assertThat(flow.customerMatch()).isEqualTo(OrderFlowSettings.CustomerMatch.EMAIL);
            CustomerBindings bindings = new CustomerBindings(harness.database, harness.clock);
            ShopOrder inSweden = TestOrders.withShopId(TestOrders.order(TestOrders.withEmail(TestOrders.person("SE"),
                    "race@example.se")), "se");
            ShopOrder inNorway = TestOrders.withShopId(inSweden, "no");
            String email = "email:race@example.se";
            // The Swedish shop's worker is matching or creating this buyer right now.
            assertThat(bindings.reserve(CustomerResolver.SHARED_SCOPE, email, "se-worker", Duration.ofMinutes(2)))
                    .isInstanceOf(CustomerBindings.Reservation.Reserved.class);

            CustomerResolver norway = new CustomerResolver(harness.client, bindings, "no-worker");
            assertThatThrownBy(() -> norway.resolve("no", inNorway, flow))
                    .isInstanceOf(CustomerResolver.CustomerBusyException.class);
            bindings.release(CustomerResolver.SHARED_SCOPE, email, "se-worker");

            long sweden = new CustomerResolver(harness.client, bindings, "se-worker").resolve("se", inSweden, flow)
                    .customerNumber();
            CustomerResolver.Resolution shared = norway.resolve("no", inNorway, flow);

            assertThat(shared.customerNumber()).isEqualTo(sweden);
            assertThat(shared.how()).startsWith("bound earlier");
            assertThat(harness.economic.customers()).filteredOn(c -> "race@example.se".equals(c.path("email")
                    .asText())).hasSize(1);
        }
    }
}
