package io.jesync.simulator.norce;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.jesync.simulator.norce.NorceModel.CustomerInfo;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderDraft;

/**
 * The simulated tenant keeps to what Norce publishes: Updated null until an order changes, lookup ids only by
 * Code and unlike any default, 400 for names Query does not have, a $metadata document, and Connect bodies checked
 * against the contracts.
 */
class NorceTenantTest extends NorceSimulatorTestSupport {
    private static final String Q = "/commerce/query/2.0/";

    private Order placed() {
        return sim.placeOrder(NorceQueryTest.draft(SE_APP, 2));
    }

    @Test
    void updated_is_null_until_the_order_changes() {
        Order order = placed();
        clock.advance(Duration.ofMinutes(3));

        JsonNode before = query(Q + "Orders/Orders?$filter=" + enc("Id eq " + order.id())).json().get("value").get(0);
        sim.setOrderStatus(order.id(), 4);
        JsonNode after = query(Q + "Orders/Orders?$filter=" + enc("Id eq " + order.id())).json().get("value").get(0);

        assertThat(before.get("Updated").isNull()).isTrue();
        assertThat(before.get("Created").asText()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(after.get("Updated").asText()).isEqualTo("2026-03-02T09:03:00Z");
    }

    @Test
    void lookup_sets_serve_the_tenants_ids_by_code_and_a_second_tenant_differs() {
        JsonNode currencies = query(Q + "Core/Currencies?$select=Id,Code").json().get("value");
        sim.tenant(sim.tenant().shifted(1000));
        JsonNode shifted = query(Q + "Core/Currencies?$filter=" + enc("Code eq 'SEK'")).json().get("value");

        assertThat(currencies).anySatisfy(c -> {
            assertThat(c.get("Code").asText()).isEqualTo("SEK");
            assertThat(c.get("Id").asInt()).isNotIn(1, 0).isEqualTo(41);
        });
        assertThat(shifted.get(0).get("Id").asInt()).isEqualTo(1041);
        assertThat(query(Q + "Core/Countries").json().get("value")).anySatisfy(c ->
                assertThat(c.get("Code").asText()).isEqualTo("SE"));
        assertThat(query(Q + "Core/PaymentMethods").json().get("value")).anySatisfy(c ->
                assertThat(c.get("Code").asText()).isEqualTo("KCO"));
        assertThat(query(Q + "Application/ClientPriceLists").json().get("value")).hasSize(3);
        assertThat(query(Q + "Core/Currencies?$filter=" + enc("ApplicationId eq 1001")).status())
                .as("Core sets have no ApplicationId").isEqualTo(400);
    }

    @Test
    void names_query_does_not_have_are_refused_with400() {
        placed();

        assertThat(query(Q + "Orders/Orders?$expand=Payments").status()).isEqualTo(400);
        assertThat(query(Q + "Orders/Orders?$expand=Addresses").status()).isEqualTo(400);
        assertThat(query(Q + "Orders/Orders?$select=Id,CurrencyCode").status()).isEqualTo(400);
        assertThat(query(Q + "Orders/Orders?$filter=" + enc("PaymentMethodCode eq 'KCO'")).status()).isEqualTo(400);
        assertThat(query(Q + "Orders/Orders?$expand=Items,Buyer,Payer,ShipTo,Infos").status()).isEqualTo(200);
        JsonNode selected = query(Q + "Orders/Orders?$select=Id,OrderNo&$expand=Items").json().get("value").get(0);
        assertThat(selected.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("Id", "OrderNo", "Items");
    }

    @Test
    void every_property_the_order_shows_is_in_the_metadata_and_the_metadata_lists_the_navigations() throws Exception {
        placed();
        JsonNode order = query(Q + "Orders/Orders?$expand=Items,Buyer,Payer,ShipTo,Infos").json().get("value").get(0);
        HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + Q
                        + "Orders/$metadata")).header("Authorization", "Bearer " + token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metadata.statusCode()).isEqualTo(200);
        order.fieldNames().forEachRemaining(name -> assertThat(metadata.body())
                .contains("Name=\"" + name + "\""));
        order.get("Items").get(0).fieldNames().forEachRemaining(name ->
                assertThat(NorceQueryModel.ORDER_ITEM).containsKey(name));
        order.get("Buyer").fieldNames().forEachRemaining(name ->
                assertThat(NorceQueryModel.CUSTOMER_INFO).containsKey(name));
        assertThat(metadata.body()).contains("<NavigationProperty Name=\"Infos\"").doesNotContain("CurrencyCode")
                .doesNotContain("PaymentRef").doesNotContain("OrganizationNo");
    }

    @Test
    void a_business_buyers_numbers_are_on_the_company_not_on_the_order() {
        CustomerInfo buyer = new CustomerInfo("Per", "Svensson", "per@example.se", null, "Kafferosteriet AB",
                "556123-4567", "SE556123456701", "Industrivägen 4", "171 48", "Solna", "SE");
        Order order = sim.placeOrder(new OrderDraft(SE_APP, "SEK", 2, "INVOICE", "C-2001", "5561234567", buyer, buyer,
                buyer, NorceQueryTest.draft(SE_APP, 2).items()));

        JsonNode raw = query(Q + "Orders/Orders?$expand=Buyer&$filter=" + enc("Id eq " + order.id())).json()
                .get("value").get(0);
        JsonNode company = query(Q + "Customers/Companies?$filter=" + enc("Id eq " + raw.get("BuyerCompanyId")
                .asLong())).json().get("value").get(0);

        assertThat(raw.get("Buyer").has("OrganizationNo")).isFalse();
        assertThat(raw.get("Buyer").has("VatNo")).isFalse();
        assertThat(company.get("OrganizationNo").asText()).isEqualTo("556123-4567");
        assertThat(company.get("VatNo").asText()).isEqualTo("SE556123456701");
    }

    @Test
    void freight_is_an_ordinary_line_whose_sku_has_the_freight_type() {
        placed();

        JsonNode skus = query(Q + "Products/ProductSkus?$select=PartNo,TypeId&$filter=" + enc(
                "PartNo eq 'FRAKT' or PartNo eq 'KAF-00001'")).json().get("value");

        assertThat(skus).anySatisfy(s -> {
            assertThat(s.get("PartNo").asText()).isEqualTo("FRAKT");
            assertThat(s.get("TypeId").asInt()).isEqualTo(3);
        });
        assertThat(skus).anySatisfy(s -> assertThat(s.get("TypeId").asInt()).isEqualTo(1));
    }

    @Test
    void connect_bodies_are_checked_against_the_contracts() {
        Order order = placed();
        String ref = "\"ClientOrderRef\":" + order.quotationId();

        Reply invented = connectPost("/Order/CancelOrder", "{" + ref + ",\"CancelPayment\":true}");
        Reply tracking = connectPost("/Order/CreateDeliveryNote", "{\"OrderNo\":\"" + order.orderNo()
                + "\",\"NoteNo\":\"N1\",\"TrackingNumber\":\"X\"}");
        Reply textRef = connectPost("/Order/SendOrderStatus", "{\"ClientOrderRef\":\"abc\",\"OrderStatus\":\"Confirmed\"}");
        Reply bigRef = connectPost("/Order/SendOrderStatus", "{\"ClientOrderRef\":12345678901,\"OrderStatus\":2}");
        Reply halfQty = connectPost("/Order/CreateInvoice", "{" + ref + ",\"InvoiceNo\":\"F1\",\"Items\":[{\"PartNo\":"
                + "\"KAF-00001\",\"Quantity\":1.5}]}");
        Reply noRefs = connectPost("/Order/SendOrderStatus", "{\"OrderStatus\":\"Confirmed\"}");

        assertThat(invented.status()).isEqualTo(400);
        assertThat(invented.json().get("Description").asText()).contains("'CancelPayment' is not a member");
        assertThat(tracking.json().get("Description").asText()).contains("'TrackingNumber' is not a member");
        assertThat(textRef.status()).isEqualTo(400);
        assertThat(bigRef.json().get("Description").asText()).contains("32-bit");
        assertThat(halfQty.json().get("Description").asText()).contains("Items[0].Quantity");
        assertThat(noRefs.json().get("Description").asText()).contains("ClientOrderRef or ErpOrderNo");
        assertThat(sim.writeBacks()).isEmpty();
    }

    @Test
    void a_delivery_note_matches_the_current_order_no_only_and_cancel_releases_only_a_named_payment() {
        Order order = placed();
        connectPost("/Order/SendOrderStatus", "{\"ClientOrderRef\":" + order.quotationId()
                + ",\"ErpOrderNo\":\"SO-1\",\"OrderStatus\":\"Confirmed\"}");
        sim.renumberOrder(order.id(), "SO-1");

        Reply byQuotation = connectPost("/Order/CreateDeliveryNote", "{\"OrderNo\":\"" + order.quotationId()
                + "\",\"NoteNo\":\"N1\",\"DeliveryDate\":\"2026-03-02T10:00:00Z\"}");
        Reply byCurrent = connectPost("/Order/CreateDeliveryNote", "{\"OrderNo\":\"SO-1\",\"NoteNo\":\"N1\","
                + "\"DeliveryDate\":\"2026-03-02T10:00:00Z\",\"DeliveryNotePackages\":[{\"ParcelNumber\":\"P-9\","
                + "\"StatusId\":4}]}");
        Reply cancel = connectPost("/Order/CancelOrder", "{\"ClientOrderRef\":" + order.quotationId() + "}");

        assertThat(byQuotation.status()).isEqualTo(400);
        assertThat(byCurrent.status()).as(byCurrent.raw()).isEqualTo(200);
        assertThat(byCurrent.raw()).as("void operation").isEmpty();
        assertThat(cancel.status()).isEqualTo(200);
        Order after = sim.store().order(order.id()).orElseThrow();
        assertThat(after.parcelNumbers()).containsExactly("P-9");
        assertThat(after.reservationCancelled()).as("no Payments[].PaymentRef, no release").isFalse();
        assertThat(after.capturedAmount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(List.of(after.statusId())).containsExactly(6);
    }
}
