package io.jesync.order;

import static io.jesync.order.TestOrders.order;
import static io.jesync.order.TestOrders.person;
import static io.jesync.order.TestOrders.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.jesync.economic.model.EconomicDocument;
import io.jesync.json.Json;
import io.jesync.shop.ShopAddress;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopParty;
import java.time.Instant;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderDocumentJsonTest {

    @Test
    void big_decimals_are_written_plain_and_nulls_not_at_all() throws Exception {
        EconomicDocument.Line line = new EconomicDocument.Line(1, 1, new EconomicDocument.ProductRef("A"), "A",
                new BigDecimal("1E+1"), new BigDecimal("1E+2"), null);
        assertThat(Json.MAPPER.writeValueAsString(line)).isEqualTo("{\"lineNumber\":1,\"sortKey\":1,"
                + "\"product\":{\"productNumber\":\"A\"},\"description\":\"A\",\"quantity\":10,\"unitNetPrice\":100}");
    }

    @Test
    void document_date_is_the_shop_s_local_date() {
        ShopOrder late = order(person("SE"));
        ShopOrder atMidnight = new ShopOrder(late.shopId(), late.orderNo(), 1L, 1001, 3,
                Instant.parse("2026-06-30T22:30:00Z"), late.updated(), "SEK", late.buyer(), null,
                late.lines(), BigDecimal.ZERO, late.totalIncVat(), null, null);
        EconomicDocument doc = OrderMapper.toDocument(atMidnight, 1, OrderMappingSettings.defaults());
        assertThat(doc.date()).isEqualTo("2026-07-01");
        assertThat(doc.notes().textLine1()).isEqualTo("Channel 1001");
    }

    @Test
    void exchange_rate_only_for_a_foreign_currency_with_a_configured_rate() {
        OrderMappingSettings d = OrderMappingSettings.defaults();
        OrderMappingSettings withRate = new OrderMappingSettings(d.homeCountry(), 1, 2, 3, 1, null, 19, 1, "FRAKT",
                "AVGIFT", null, "jetshop:", 2500, d.roundingTolerance(), null, "SEK",
                Map.of("EUR", new BigDecimal("1150.2512345")), true, d.timeZone());
        var sek = order(person("SE"));
        assertThat(OrderMapper.toDocument(sek, 1, withRate).exchangeRate()).isNull();
        var eur = TestOrders.withCurrency(sek, "eur");
        assertThat(OrderMapper.toDocument(eur, 1, withRate).exchangeRate()).isEqualByComparingTo("1150.251235");
        assertThat(OrderMapper.toDocument(eur, 1, withRate).currency()).isEqualTo("EUR");
        assertThat(OrderMapper.toDocument(TestOrders.withCurrency(sek, "NOK"), 1, withRate).exchangeRate()).isNull();
    }

    @Test
    void delivery_only_when_the_ship_to_address_differs() {
        var o = order(person("SE"));
        assertThat(OrderMapper.toDocument(TestOrders.withShipTo(o, person("SE")), 1, OrderMappingSettings.defaults())
                .delivery()).isNull();
        ShopParty elsewhere = new ShopParty(null, "Anna", "Svensson", null, null, null, null, null,
                new ShopAddress("Sjövägen 4", null, "Berg", "123 45", "Visby", "SE"));
        EconomicDocument.Delivery delivery = OrderMapper.toDocument(TestOrders.withShipTo(o, elsewhere), 1,
                OrderMappingSettings.defaults()).delivery();
        assertThat(delivery.address()).isEqualTo("c/o Berg\nSjövägen 4");
        assertThat(delivery.city()).isEqualTo("Visby");
    }

    @Test
    void lines_are_numbered_from_one_in_document_order() {
        EconomicDocument doc = OrderMapper.toDocument(order(person("SE"),
                List.of(product(7, "A", "1", "10.00"), product(9, "B", "1", "10.00")), "25.00"), 1,
                OrderMappingSettings.defaults());
        assertThat(doc.lines()).extracting(EconomicDocument.Line::lineNumber, EconomicDocument.Line::sortKey)
                .containsExactly(tuple(1, 1), tuple(2, 2));
    }
}
