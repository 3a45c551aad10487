package io.jesync.simulator.norce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.norce.DemoOrderGenerator.BadOrder;
import io.jesync.simulator.norce.DemoOrderGenerator.Settings;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderDraft;
import io.jesync.simulator.norce.NorceModel.OrderItem;

class NorceDemoOrderGeneratorTest extends NorceSimulatorTestSupport {

    private List<OrderDraft> drafts(long seed, int count) {
        DemoOrderGenerator generator = new DemoOrderGenerator(sim, Settings.defaults().withSeed(seed));
        for (int i = 0; i < count; i++) {
            generator.placeOrderNow();
        }
        List<OrderDraft> drafts = sim.orders().stream().map(Order::toDraft).toList();
        sim.reset();
        return drafts;
    }

    @Test
    void same_seed_same_orders_other_seed_other_orders() {
        List<OrderDraft> first = drafts(11, 40);
        List<OrderDraft> second = drafts(11, 40);
        List<OrderDraft> other = drafts(12, 40);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void orders_cover_channels_buyers_fees_and_gifts() {
        List<OrderDraft> orders = drafts(3, 300);

        assertThat(orders).anySatisfy(o -> assertThat(o.applicationId()).isEqualTo(SE_APP));
        assertThat(orders).filteredOn(o -> o.applicationId() == EU_APP).isNotEmpty()
                .allSatisfy(o -> assertThat(o.currencyCode()).isEqualTo("EUR"));
        assertThat(orders).anySatisfy(o -> assertThat(o.buyerCustomerCode()).isNull());
        assertThat(orders).anySatisfy(o -> assertThat(o.buyerCompanyCode()).isNotNull());
        assertThat(orders).anySatisfy(o -> assertThat(o.buyer().countryCode()).isNotIn("SE"));
        assertThat(orders).allSatisfy(o -> assertThat(o.items()).anySatisfy(i ->
                assertThat(i.partNo()).isEqualTo(DemoCatalog.SHIPPING_ARTICLE)));
        assertThat(orders).anySatisfy(o -> assertThat(o.items()).anySatisfy(i -> {
            assertThat(i.partNo()).isEqualTo(DemoCatalog.SHIPPING_ARTICLE);
            assertThat(i.priceSale()).isZero();
        }));
        assertThat(orders).anySatisfy(o -> assertThat(o.items()).extracting(OrderItem::partNo)
                .contains(DemoCatalog.PAYMENT_FEE_ARTICLE));
        assertThat(orders).anySatisfy(o -> assertThat(o.items()).anySatisfy(i -> {
            assertThat(i.isFee()).isFalse();
            assertThat(i.priceSale()).isZero();
        }));
        assertThat(orders).anySatisfy(o -> assertThat(o.items()).anySatisfy(i ->
                assertThat(i.discountAmount()).isPositive()));
        assertThat(orders).anySatisfy(o -> assertThat(o.items().stream().map(OrderItem::vatRate).distinct().count())
                .isGreaterThan(2));
        assertThat(orders).extracting(OrderDraft::statusId).contains(2, 4);
        assertThat(orders).allSatisfy(o -> assertThat(o.items().stream().filter(i -> !i.isFee()).count())
                .isBetween(1L, 6L));
    }

    @Test
    void bad_orders_carry_their_defect() {
        DemoOrderGenerator generator = new DemoOrderGenerator(sim, Settings.defaults());

        Order noEmail = generator.placeBadOrder(BadOrder.MISSING_EMAIL);
        Order unknown = generator.placeBadOrder(BadOrder.UNKNOWN_ARTICLE);
        Order negative = generator.placeBadOrder(BadOrder.NEGATIVE_QUANTITY);
        Order tooLong = generator.placeBadOrder(BadOrder.ARTICLE_NUMBER_TOO_LONG);

        assertThat(noEmail.buyer().emailAddress()).isNull();
        assertThat(sim.store().sku(unknown.items().get(0).partNo())).isEmpty();
        assertThat(negative.items().get(0).qtyOrdered()).isNegative();
        assertThat(tooLong.items().get(0).partNo()).hasSizeGreaterThan(25);
    }

    @Test
    void places_orders_at_the_configured_rate_until_stopped() {
        try (DemoOrderGenerator generator = new DemoOrderGenerator(sim,
                Settings.defaults().withInterval(Duration.ofMillis(20)))) {
            generator.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.orders().size() >= 10);
            generator.stop();
            long placed = generator.placedCount();

            assertThat(sim.orders()).hasSize((int) placed);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> sim.orders().size() == placed);
        }
    }

    @Test
    void control_routes_place_modify_and_move_orders() {
        Reply placed = control("POST", "norce/orders", "{\"ApplicationId\":1001,\"CurrencyCode\":\"SEK\",\"StatusId\":2,"
                + "\"Buyer\":{\"FirstName\":\"Test\",\"EmailAddress\":\"t@example.se\",\"CountryCode\":\"SE\"},"
                + "\"Items\":[{\"PartNo\":\"KAF-00001\",\"QtyOrdered\":2,\"PriceSale\":10,\"VatRate\":12}]}");
        long id = placed.json().get("Id").asLong();
        clock.advance(Duration.ofMinutes(1));

        Reply patched = control("PATCH", "norce/orders/" + id, "{\"Buyer\":{\"EmailAddress\":null}}");
        clock.advance(Duration.ofMinutes(1));
        Reply moved = control("PUT", "norce/orders/" + id + "/status?statusId=4", null);
        Reply vanished = control("DELETE", "norce/orders/" + id, null);

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("Items").get(0).get("LineAmount").decimalValue()).isEqualByComparingTo("20");
        assertThat(patched.json().get("Buyer").get("EmailAddress").isNull()).isTrue();
        assertThat(patched.json().get("Buyer").get("FirstName").asText()).isEqualTo("Test");
        assertThat(moved.json().get("StatusId").asInt()).isEqualTo(4);
        assertThat(moved.json().get("Updated").asText()).isGreaterThan(patched.json().get("Updated").asText());
        assertThat(vanished.status()).isEqualTo(204);
        assertThat(sim.orders()).isEmpty();
    }
}
