package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;

class NorceOrderMapperTest {
    private static final Path FIXTURES = Path.of("runtime/src/test/resources/norce-order");
    /** ShopOrder as its record components only (no derived isGuest/isBusiness, nulls kept), Instants as ISO text. */
    static final ObjectMapper SHOP_JSON = NorceOrderMapper.JSON.copy()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    static JsonNode fixture(String scenario, String file) {
        try {
            return NorceOrderMapper.JSON.readTree(FIXTURES.resolve(scenario).resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Norce order of a scenario with what its ids meant ({@code 15-resolved.json}), as the reader hands it on. */
    static ObjectNode order(String scenario) {
        ObjectNode raw = (ObjectNode) fixture(scenario, "10-norce-order.json");
        raw.set(NorceOrderMapper.RESOLVED, fixture(scenario, "15-resolved.json"));
        return raw;
    }

    static ObjectNode b2c() {
        return order("b2c-domestic");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void golden_fixture(String scenario) throws Exception {
        ShopOrder order = NorceOrderMapper.toShopOrder("webshop", order(scenario));

        JsonNode actual = SHOP_JSON.valueToTree(order);
        JsonNode expected = fixture(scenario, "20-shop-order.json");
        assertThat(actual.equals(BY_VALUE, expected)).as("%s:%nactual   %s%nexpected %s", scenario, actual, expected)
                .isTrue();
    }

    @Test
    void fixtures_cover_every_scenario_of_the_brief() throws IOException {
        assertThat(scenarios().toList()).contains("b2c-domestic", "b2b-company", "guest", "eur-channel", "payment-fee",
                "line-discount", "gift-line", "missing-shipto", "unicode-names", "nullable-application");
    }

    @Test
    void json_text_maps_like_the_tree() throws Exception {
        String text = order("unicode-names").toString();

        ShopOrder order = NorceOrderMapper.toShopOrder("webshop", text);

        assertThat(order.buyer().firstName()).isEqualTo("Søren 😀");
        assertThat(order.buyer().address().line1()).isEqualTo("שדרות רוטשילד 1 / شارع 5");
        assertThat(order.lines().get(0).name()).isEqualTo("Kaffe ☕ «Ørsted» قهوة");
    }

    @Test
    void malformed_json_text_is_a_parse_error_of_the_whole_order() {
        NorceOrderParseException e = catchThrowableOfType(NorceOrderParseException.class,
                () -> NorceOrderMapper.toShopOrder("webshop", "{\"Id\": 9001, \"OrderNo\": \"12"));

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.orderNo()).isNull();
        assertThat(e.getMessage()).startsWith("Norce order with unreadable OrderNo: $: the order is not valid JSON");
    }

    @Test
    void an_element_that_is_not_an_object_is_a_parse_error() {
        NorceOrderParseException e = catchThrowableOfType(NorceOrderParseException.class,
                () -> NorceOrderMapper.toShopOrder("webshop", JsonNodeFactory.instance.textNode("{broken")));

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.problem()).contains("not a JSON object");
    }

    @Test
    void missing_items() {
        ObjectNode raw = b2c();
        raw.remove("Items");

        NorceOrderParseException e = catchThrowableOfType(NorceOrderParseException.class,
                () -> NorceOrderMapper.toShopOrder("webshop", raw));

        assertThat(e.field()).isEqualTo("Items");
        assertThat(e.orderNo()).isEqualTo(raw.get("OrderNo").asText());
        assertThat(e.platformOrderId()).isEqualTo(raw.get("Id").asLong());
        assertThat(e.getMessage()).isEqualTo("Norce order " + raw.get("OrderNo").asText() + " (Id "
                + raw.get("Id").asLong() + "): Items: the order has no Items; read it with $expand=Items");
    }

    @Test
    void non_numeric_quantity() {
        ObjectNode raw = b2c();
        ((ObjectNode) raw.get("Items").get(1)).put("QtyOrdered", "två");

        NorceOrderParseException e = catchThrowableOfType(NorceOrderParseException.class,
                () -> NorceOrderMapper.toShopOrder("webshop", raw));

        assertThat(e.field()).isEqualTo("Items[1].QtyOrdered");
        assertThat(e.problem()).isEqualTo("expected a number but found \"två\"");
    }

    @Test
    void numeric_text_is_a_number() throws Exception {
        ObjectNode raw = b2c();
        ((ObjectNode) raw.get("Items").get(1)).put("QtyOrdered", "3");

        assertThat(NorceOrderMapper.toShopOrder("webshop", raw).lines().get(1).quantity()).isEqualByComparingTo("3");
    }

    @Test
    void missing_order_no_without_quotation_id() {
        ObjectNode raw = b2c();
        raw.remove("OrderNo");
        raw.remove("QuotationId");

        NorceOrderParseException e = catchThrowableOfType(NorceOrderParseException.class,
                () -> NorceOrderMapper.toShopOrder("webshop", raw));

        assertThat(e.field()).isEqualTo("OrderNo");
        assertThat(e.orderNo()).isNull();
        assertThat(e.platformOrderId()).isEqualTo(raw.get("Id").asLong());
        assertThat(e.getMessage()).startsWith("Norce order with unreadable OrderNo (Id ");
    }

    @Test
    void a_currency_id_the_tenant_does_not_know_names_the_id() {
        ObjectNode raw = b2c();
        ((ObjectNode) raw.get(NorceOrderMapper.RESOLVED)).remove("Currency");
        raw.put("CurrencyId", 99);

        assertThatThrownBy(() -> NorceOrderMapper.toShopOrder("webshop", raw))
                .isInstanceOf(NorceOrderParseException.class)
                .hasMessageContaining("CurrencyId: currency id 99 is not in the tenant's Core/Currencies");
    }

    @Test
    void a_country_id_the_tenant_does_not_know_names_the_id() {
        ObjectNode raw = b2c();
        ((ObjectNode) raw.get("ShipTo")).put("CountryId", 4711);

        assertThatThrownBy(() -> NorceOrderMapper.toShopOrder("webshop", raw))
                .isInstanceOf(NorceOrderParseException.class)
                .hasMessageContaining("ShipTo.CountryId: country id 4711 is not in the tenant's Core/Countries");
    }

    @Test
    void freight_is_recognised_by_its_sku_type_not_by_any_item_field() throws Exception {
        ObjectNode raw = b2c();
        ((ObjectNode) raw.get(NorceOrderMapper.RESOLVED).get("SkuTypes")).put("FRAKT", 1);

        assertThat(NorceOrderMapper.toShopOrder("webshop", raw).lines().get(2).kind())
                .isEqualTo(ShopOrderLine.Kind.PRODUCT);
        assertThat(NorceOrderMapper.toShopOrder("webshop", b2c()).lines().get(2).kind())
                .isEqualTo(ShopOrderLine.Kind.SHIPPING);
    }

    @Test
    void the_quotation_id_is_the_order_number_even_when_an_erp_overrode_order_no() throws Exception {
        ObjectNode raw = b2c();
        raw.put("OrderNo", "ERP-77");

        assertThat(NorceOrderMapper.toShopOrder("webshop", raw).orderNo()).isEqualTo("1209001");
    }

    @Test
    void business_numbers_come_from_the_company_not_the_customer_info() throws Exception {
        ShopOrder order = NorceOrderMapper.toShopOrder("webshop", order("b2b-company"));
        ObjectNode withoutCompany = order("b2b-company");
        ((ObjectNode) withoutCompany.get(NorceOrderMapper.RESOLVED)).remove("BuyerCompany");

        assertThat(order.buyer().organisationNumber()).isEqualTo("556123-4567");
        assertThat(order.buyer().vatNumber()).isEqualTo("SE556123456701");
        assertThat(NorceOrderMapper.toShopOrder("webshop", withoutCompany).buyer().organisationNumber()).isNull();
    }

    @Test
    void missing_buyer_and_payer() {
        ObjectNode raw = b2c();
        raw.remove("Buyer");
        raw.putNull("Payer");

        assertThatThrownBy(() -> NorceOrderMapper.toShopOrder("webshop", raw))
                .isInstanceOf(NorceOrderParseException.class).hasMessageContaining(": Buyer: ");
    }

    @Test
    void payer_stands_in_for_a_missing_buyer() throws Exception {
        ObjectNode raw = b2c();
        raw.remove("Buyer");

        assertThat(NorceOrderMapper.toShopOrder("webshop", raw).buyer().email()).isEqualTo("anna@example.se");
    }

    @Test
    void price_sale_is_after_discounts_and_the_line_total_is_always_line_amount() throws Exception {
        ObjectNode raw = b2c();
        ObjectNode coffee = (ObjectNode) raw.get("Items").get(0);
        coffee.put("QtyOrdered", 3).put("PriceSale", new BigDecimal("86.67"))
                .put("DiscountAmount", new BigDecimal("40.00")).put("LineAmount", new BigDecimal("260.00"));

        ShopOrderLine line = NorceOrderMapper.toShopOrder("webshop", raw).lines().get(0);

        // (260 + 40) / 3 = 100 before the discount; 3 × 100 − 40 = 260, what the customer was charged.
        assertThat(line.unitPriceExVat()).isEqualByComparingTo("100");
        assertThat(line.discountAmount()).isEqualByComparingTo("40.00");
        assertThat(line.lineTotalExVat()).isEqualByComparingTo("260.00");
        coffee.put("DiscountAmount", new BigDecimal("10.00"));
        ShopOrderLine uneven = NorceOrderMapper.toShopOrder("webshop", raw).lines().get(0);
        assertThat(uneven.lineTotalExVat()).isEqualByComparingTo("260.00");
        assertThat(uneven.discountAmount()).isGreaterThanOrEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void cash_discount_comes_off_the_products_at_their_vat_rate_not_the_freights() throws Exception {
        ObjectNode raw = order("line-discount");
        raw.put("CashDiscount", new BigDecimal("19.92"));

        ShopOrder order = NorceOrderMapper.toShopOrder("webshop", raw);

        // 160 @12 % + 39.20 @25 % = 228.20 incl. VAT; the discount takes 12 % VAT with it: 19.92 × 1.12 = 22.31.
        assertThat(order.orderDiscountExVat()).isEqualByComparingTo("19.92");
        assertThat(order.totalIncVat()).isEqualByComparingTo("205.89");
    }

    /** Issue 14, finding 4: goods 500 at 12 %, freight 49 at 25 %, discount 50: 560 + 61.25 − 56 = 565.25. */
    @Test
    void mixed_vat_order_with_freight_allocates_the_discount_like_the_mapping() throws Exception {
        ObjectNode raw = order("line-discount");
        ObjectNode coffee = (ObjectNode) raw.get("Items").get(0);
        coffee.put("QtyOrdered", 5).put("PriceSale", new BigDecimal("100.00")).put("DiscountAmount", BigDecimal.ZERO)
                .put("LineAmount", new BigDecimal("500.00"));
        ObjectNode freight = (ObjectNode) raw.get("Items").get(1);
        freight.put("PriceSale", new BigDecimal("49.00")).put("LineAmount", new BigDecimal("49.00"));
        raw.put("CashDiscount", new BigDecimal("50.00"));

        assertThat(NorceOrderMapper.toShopOrder("webshop", raw).totalIncVat()).isEqualByComparingTo("565.25");
    }

    /** Whatever shape a field takes, the mapper answers with an order or a parse error, never anything else. */
    @Test
    void any_field_in_any_shape_gives_an_order_or_a_parse_error() {
        List<JsonNode> shapes = List.of(JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode("x"),
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.numberNode(1.5), JsonNodeFactory.instance.booleanNode(true));
        int outcomes = 0;
        for (String scope : List.of("order", "item", "buyer")) {
            List<String> names = new ArrayList<>();
            target(b2c(), scope).fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                for (JsonNode shape : shapes) {
                    ObjectNode raw = b2c();
                    target(raw, scope).set(name, shape);
                    try {
                        NorceOrderMapper.toShopOrder("webshop", raw);
                    } catch (NorceOrderParseException expected) {
                        assertThat(expected.field()).isNotBlank();
                    }
                    outcomes++;
                }
            }
        }
        assertThat(outcomes).isGreaterThan(200);
    }

    private static ObjectNode target(ObjectNode raw, String scope) {
        return switch (scope) {
            case "item" -> (ObjectNode) raw.get("Items").get(0);
            case "buyer" -> (ObjectNode) raw.get("Buyer");
            default -> raw;
        };
    }
}
