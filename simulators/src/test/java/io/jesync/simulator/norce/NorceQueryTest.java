package io.jesync.simulator.norce;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.norce.NorceModel.CustomerInfo;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderDraft;
import io.jesync.simulator.norce.NorceModel.OrderItem;

class NorceQueryTest extends NorceSimulatorTestSupport {
    private static final String ORDERS = "/commerce/query/2.0/Orders/Orders";

    static OrderDraft draft(int app, int status) {
        CustomerInfo buyer = new CustomerInfo("Anna", "Lindqvist", "anna@example.se", "+46701234567", null, null, null,
                "Storgatan 12", "111 22", "Stockholm", "SE");
        return new OrderDraft(app, app == EU_APP ? "EUR" : "SEK", status, "KCO", "C-1001", null, buyer, buyer, buyer,
                List.of(OrderItem.line("KAF-00001", "Bryggkaffe 250 g", 2, new BigDecimal("100.00"),
                                new BigDecimal("40.00"), new BigDecimal("12"), null),
                        OrderItem.line(DemoCatalog.SHIPPING_ARTICLE, "Frakt", 1, new BigDecimal("39.20"),
                                BigDecimal.ZERO, new BigDecimal("25"), OrderItem.FREIGHT)));
    }

    private List<Long> ids(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        reply.json().get("value").forEach(o -> ids.add(o.get("Id").asLong()));
        return ids;
    }

    private List<Long> filter(String filter) {
        return ids(query(ORDERS + "?$filter=" + enc(filter)));
    }

    /** Orders a, b, c, d one minute apart: statuses 2, 4, 2, 6; applications SE, SE, EU, SE. */
    private List<Order> fourOrders() {
        List<Order> placed = new ArrayList<>();
        int[][] spec = {{SE_APP, 2}, {SE_APP, 4}, {EU_APP, 2}, {SE_APP, 6}};
        for (int[] s : spec) {
            placed.add(sim.placeOrder(draft(s[0], s[1])));
            clock.advance(Duration.ofMinutes(1));
        }
        return placed;
    }

    @Test
    void application_id_header_is_required_but_does_not_filter() {
        List<Order> o = fourOrders();
        Reply missing = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + ORDERS))
                .header("Authorization", "Bearer " + token()).GET());
        Reply dashed = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + ORDERS))
                .header("Authorization", "Bearer " + token()).header("application-id", "1002").GET());

        assertThat(missing.status()).isEqualTo(400);
        assertThat(ids(dashed)).containsExactly(o.get(0).id(), o.get(1).id(), o.get(2).id(), o.get(3).id());
    }

    @Test
    void comparison_operators() {
        List<Order> o = fourOrders();
        long a = o.get(0).id();
        long b = o.get(1).id();
        long c = o.get(2).id();
        long d = o.get(3).id();

        assertThat(filter("StatusId eq 2")).containsExactly(a, c);
        assertThat(filter("StatusId ne 2")).containsExactly(b, d);
        assertThat(filter("Id gt " + b)).containsExactly(c, d);
        assertThat(filter("Id ge " + b)).containsExactly(b, c, d);
        assertThat(filter("Id lt " + b)).containsExactly(a);
        assertThat(filter("Id le " + b)).containsExactly(a, b);
        assertThat(filter("OrderNo eq '" + o.get(2).orderNo() + "'")).containsExactly(c);
        assertThat(filter("ApplicationId eq 1002")).containsExactly(c);
    }

    @Test
    void and_or_parentheses_and_in() {
        List<Order> o = fourOrders();
        long a = o.get(0).id();
        long b = o.get(1).id();
        long c = o.get(2).id();
        long d = o.get(3).id();

        assertThat(filter("ApplicationId eq 1001 and StatusId in (2,4)")).containsExactly(a, b);
        assertThat(filter("StatusId eq 6 or ApplicationId eq 1002")).containsExactly(c, d);
        assertThat(filter("ApplicationId eq 1001 and (StatusId eq 4 or StatusId eq 6)")).containsExactly(b, d);
        assertThat(filter("not (StatusId eq 2)")).containsExactly(b, d);
    }

    @Test
    void timestamp_filters_on_created_and_updated() {
        List<Order> o = fourOrders();
        String third = o.get(2).created().toString();

        assertThat(filter("Created ge " + third)).containsExactly(o.get(2).id(), o.get(3).id());
        assertThat(filter("Created lt " + third)).containsExactly(o.get(0).id(), o.get(1).id());

        clock.advance(Duration.ofMinutes(30));
        sim.setOrderStatus(o.get(0).id(), 4);
        String since = clock.instant().minusSeconds(1).toString();
        assertThat(filter("ApplicationId eq 1001 and (Updated ge " + since + " or (Updated eq null and Created ge "
                + since + "))")).containsExactly(o.get(0).id());
        assertThat(filter("Updated gt 2026-03-02T10:10:00+01:00")).containsExactly(o.get(0).id());
    }

    @Test
    void malformed_or_unknown_filter_is400() {
        fourOrders();
        assertThat(query(ORDERS + "?$filter=" + enc("StatusId eq")).status()).isEqualTo(400);
        assertThat(query(ORDERS + "?$filter=" + enc("StatusId equals 2")).status()).isEqualTo(400);
        assertThat(query(ORDERS + "?$filter=" + enc("(StatusId eq 2")).status()).isEqualTo(400);
        assertThat(query(ORDERS + "?$filter=" + enc("Nope eq 2")).status()).isEqualTo(400);
        assertThat(query(ORDERS + "?$filter=" + enc("StatusId in 2")).status()).isEqualTo(400);
        assertThat(query(ORDERS + "?$top=abc").status()).isEqualTo(400);
        assertThat(query(ORDERS + "?$expand=Lines").status()).isEqualTo(400);
    }

    @Test
    void navigation_properties_only_with_expand() {
        fourOrders();
        JsonNode plain = query(ORDERS + "?$top=1").json().get("value").get(0);
        JsonNode expanded = query(ORDERS + "?$top=1&$expand=" + enc("Items($select=PartNo,QtyOrdered),Buyer,ShipTo,Payer"))
                .json().get("value").get(0);

        assertThat(plain.has("Items")).isFalse();
        assertThat(plain.has("Buyer")).isFalse();
        assertThat(plain.get("FreightCost").decimalValue()).isEqualByComparingTo("39.20");
        assertThat(plain.get("CurrencyId").asInt()).isEqualTo(sim.tenant().currencies().get("SEK"));
        assertThat(plain.has("CurrencyCode")).as("Query 2.0 has no CurrencyCode").isFalse();
        JsonNode line = expanded.get("Items").get(0);
        assertThat(line.get("LineNumber").asInt()).isEqualTo(1);
        assertThat(line.get("PriceSale").decimalValue()).as("after discounts").isEqualByComparingTo("80");
        assertThat(line.get("DiscountAmount").decimalValue()).isEqualByComparingTo("40");
        assertThat(line.get("LineAmount").decimalValue()).isEqualByComparingTo("160");
        assertThat(expanded.get("Items").get(1).has("Type")).as("no item Type on Query").isFalse();
        assertThat(expanded.get("Buyer").get("EmailAddress").asText()).isEqualTo("anna@example.se");
        assertThat(expanded.has("ShipTo")).isTrue();
        assertThat(expanded.has("Payer")).isTrue();
    }

    @Test
    void top_is_capped_at500_and_next_link_pages_to_the_end_without_gaps_or_duplicates() {
        for (int i = 0; i < 1234; i++) {
            sim.placeOrder(draft(i % 3 == 0 ? EU_APP : SE_APP, 2));
        }
        Reply capped = query(ORDERS + "?$top=1000");
        assertThat(capped.json().get("value")).hasSize(500);
        assertThat(capped.json().get("@odata.nextLink").asText()).contains("$skip=500");
        assertThat(capped.json().get("@odata.context").asText()).endsWith("$metadata#Orders");

        List<Long> seen = new ArrayList<>();
        Reply page = query(ORDERS + "?$filter=" + enc("StatusId eq 2") + "&$orderby=Id&$top=500");
        int pages = 1;
        while (true) {
            seen.addAll(ids(page));
            JsonNode next = page.json().get("@odata.nextLink");
            if (next == null) {
                break;
            }
            page = getAbsolute(next.asText());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(1234).doesNotHaveDuplicates().isSorted();
        assertThat(new HashSet<>(seen)).isEqualTo(Set.copyOf(sim.orders().stream().map(Order::id).toList()));
    }

    @Test
    void order_by_updated_descending() {
        List<Order> o = fourOrders();
        clock.advance(Duration.ofMinutes(5));
        sim.setOrderStatus(o.get(1).id(), 5);

        assertThat(ids(query(ORDERS + "?$orderby=" + enc("Updated desc")))).first().isEqualTo(o.get(1).id());
        assertThat(query(ORDERS + "?$orderby=Bogus").status()).isEqualTo(400);
    }

    @Test
    void vanished_order_is_no_longer_returned() {
        List<Order> o = fourOrders();
        sim.vanishOrder(o.get(1).id());

        assertThat(filter("Id eq " + o.get(1).id())).isEmpty();
    }
}
