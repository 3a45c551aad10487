package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jesync.shop.ShopOrder;
import io.jesync.simulator.Fault;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.WriteBack;
import io.jesync.simulator.norce.NorceModel.WriteBackKind;

class NorceOrderAcknowledgerTest extends NorceOrderTestSupport {
    private static final String ENDPOINT = "POST " + NorceOrderAcknowledger.SEND_ORDER_STATUS_PATH;
    private NorceOrderAcknowledger acknowledger;

    @BeforeEach
    void create() {
        acknowledger = new NorceOrderAcknowledger(connection);
    }

    private ShopOrder read(Order placed) throws Exception {
        return mapped(placed.applicationId(), List.of(reader.fetchOne(shop, placed.applicationId(), placed.id())
                .orElseThrow())).get(0);
    }

    @Test
    void confirmed_stores_the_erp_order_number_and_status() throws Exception {
        Order placed = sim.placeOrder(simple(SE_APP, 4));

        acknowledger.acknowledge(shop, read(placed), "E-1001", "Confirmed");

        WriteBack w = sim.writeBacks().get(0);
        assertThat(w.kind()).isEqualTo(WriteBackKind.ORDER_STATUS);
        assertThat(w.orderNo()).isEqualTo(placed.orderNo());
        assertThat(w.statusAfter()).isEqualTo(2);
        assertThat(w.request().get("ClientOrderRef").isInt()).as("an int32, as the contract has it").isTrue();
        assertThat(w.request().get("ClientOrderRef").asInt()).isEqualTo(placed.quotationId());
        assertThat(w.request().get("ErpOrderNo").asText()).isEqualTo("E-1001");
        assertThat(w.request().get("OrderStatus").asText()).isEqualTo("Confirmed");
        assertThat(sim.store().order(placed.id()).orElseThrow().erpOrderNo()).isEqualTo("E-1001");
    }

    @Test
    void repeating_the_same_acknowledgement_is_harmless() throws Exception {
        Order placed = sim.placeOrder(simple(SE_APP, 4));
        ShopOrder order = read(placed);

        acknowledger.acknowledge(shop, order, "E-7", "ErpConfirmed");
        acknowledger.acknowledge(shop, order, "E-7", "ErpConfirmed");

        assertThat(sim.writeBacks()).hasSize(2).allSatisfy(w -> assertThat(w.statusAfter()).isEqualTo(10));
        assertThat(sim.store().order(placed.id()).orElseThrow().statusId()).isEqualTo(10);
    }

    @Test
    void unknown_order_is_permanent_and_names_the_order() throws Exception {
        Order placed = sim.placeOrder(simple(SE_APP, 4));
        ShopOrder order = read(placed);
        sim.vanishOrder(placed.id());

        NorceRequestException e = catchThrowableOfType(NorceRequestException.class,
                () -> acknowledger.acknowledge(shop, order, "E-1", "Confirmed"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("for order " + placed.orderNo()).contains("not found");
        assertThat(sim.writeBacks()).isEmpty();
    }

    @Test
    void server_errors_are_retryable() throws Exception {
        ShopOrder order = read(sim.placeOrder(simple(SE_APP, 4)));
        sim.faults().script(ENDPOINT, Fault.UNAVAILABLE);

        NorceUnavailableException e = catchThrowableOfType(NorceUnavailableException.class,
                () -> acknowledger.acknowledge(shop, order, "E-1", "Confirmed"));

        assertThat(e.status()).isEqualTo(503);
        acknowledger.acknowledge(shop, order, "E-1", "Confirmed");
        assertThat(sim.writeBacks()).hasSize(1);
    }

    @Test
    void expired_token_is_refreshed_once() throws Exception {
        ShopOrder order = read(sim.placeOrder(simple(SE_APP, 4)));
        NorceOrderAcknowledger frozen = new NorceOrderAcknowledger(new NorceConnection(http,
                Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)));
        frozen.acknowledge(shop, order, "E-1", "Confirmed");
        clock.advance(Duration.ofHours(2));

        frozen.acknowledge(shop, order, "E-1", "Delivered");

        assertThat(sim.writeBacks()).extracting(WriteBack::statusAfter).isEqualTo(List.of(2, 4));
        assertThat(sim.journal().stream().filter(r -> r.endpoint().equals(ENDPOINT)).map(r -> r.status()))
                .containsExactly(200, 401, 200);
    }
}
