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
    private static final Path FIXTURES = Path.of("src/test/resources/norce-order");
    /** ShopOrder as its record components only (no derived isGuest/isBusiness), Instants as ISO text. */
    static final ObjectMapper SHOP_JSON = NorceOrderMapper.JSON.copy()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    static JsonNode fixture(String scenario, String file) {
        try {
            return NorceOrderMapper.JSON.readTree(FIXTURES.resolve(scenario).resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode b2c() {
        return (ObjectNode) fixture("b2c-domestic", "10-norce-order.json");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void goldenFixture(String scenario) throws Exception {
        ShopOrder order = NorceOrderMapper.toShopOrder("webshop", fixture(scenario, "10-norce-order.json"));

        JsonNode actual = SHOP_JSON.valueToTree(order);
        JsonNode expected = fixture(scenario, "20-shop-order.json");
        assertThat(actual.equals(BY_VALUE, expected)).as("%s:%nactual   %s%nexpected %s", scenario, actual, expected)
                .isTrue();
    }

    @Test
    void fixturesCoverEveryScenarioOfTheBrief() throws IOException {
        assertThat(scenarios().toList()).contains("b2c-domestic", "b2b-company", "guest", "eur-channel", "payment-fee",
                "line-discount", "gift-line", "missing-shipto", "unicode-names", "id-only-tenant");
    }

    @Test
    void jsonTextMapsLikeTheTree() throws Exception {
        String text = Files.readString(FIXTURES.resolve("unicode-names/10-norce-order.json"));

        ShopOrder order = NorceOrderMapper.toShopOrder("webshop", text);

        assertThat(order.buyer().firstName()).isEqualTo("Søren 😀");
        assertThat(order.buyer().address().line1()).isEqualTo("שדרות רוטשילד 1 / شارع 5");
        assertThat(order.lines().get(0).name()).isEqualTo("Kaffe ☕ «Ørsted» قهوة");
    }

    @Test
    void malformedJsonTextIsAParseErrorOfTheWholeOrder() {
        NorceOrderParseException e = catchThrowableOfType(NorceOrderParseException.class,
                () -> NorceOrderMapper.toShopOrder("webshop", "{\"Id\": 9001, \"OrderNo\": \"12"));

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.orderNo()).isNull();
        assertThat(e.getMessage()).startsWith("Norce order with unreadable OrderNo: $: the order is not valid JSON");
    }

    @Test
    void anElementThatIsNotAnObjectIsAParseError() {
        NorceOrderParseException e = catchThrowableOfType(NorceOrderParseException.class,
                () -> NorceOrderMapper.toShopOrder("webshop", JsonNodeFactory.instance.textNode("{broken")));

        assertThat(e.field()).isEqualTo("$");
        assertThat(e.problem()).contains("not a JSON object");
    }

    @Test
    void missingItems() {
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
    void nonNumericQuantity() {
        ObjectNode raw = b2c();
        ((ObjectNode) raw.get("Items").get(1)).put("QtyOrdered", "två");

        NorceOrderParseException e = catchThrowableOfType(NorceOrderParseException.class,
                () -> NorceOrderMapper.toShopOrder("webshop", raw));

        assertThat(e.field()).isEqualTo("Items[1].QtyOrdered");
        assertThat(e.problem()).isEqualTo("expected a number but found \"två\"");
    }

    @Test
    void numericTextIsANumber() throws Exception {
        ObjectNode raw = b2c();
        ((ObjectNode) raw.get("Items").get(1)).put("QtyOrdered", "3");

        assertThat(NorceOrderMapper.toShopOrder("webshop", raw).lines().get(1).quantity()).isEqualByComparingTo("3");
    }

    @Test
    void missingOrderNo() {
        ObjectNode raw = b2c();
        raw.remove("OrderNo");

        NorceOrderParseException e = catchThrowableOfType(NorceOrderParseException.class,
                () -> NorceOrderMapper.toShopOrder("webshop", raw));

        assertThat(e.field()).isEqualTo("OrderNo");
        assertThat(e.orderNo()).isNull();
        assertThat(e.platformOrderId()).isEqualTo(raw.get("Id").asLong());
        assertThat(e.getMessage()).startsWith("Norce order with unreadable OrderNo (Id ");
    }

    @Test
    void unknownCurrencyIdWithoutCodeNamesTheId() {
        ObjectNode raw = b2c();
        raw.remove("CurrencyCode");
        raw.put("CurrencyId", 99);

        assertThatThrownBy(() -> NorceOrderMapper.toShopOrder("webshop", raw))
                .isInstanceOf(NorceOrderParseException.class)
                .hasMessageContaining("CurrencyId: currency id 99 is not in the lookup table");
    }

    @Test
    void missingBuyerAndPayer() {
        ObjectNode raw = b2c();
        raw.remove("Buyer");
        raw.putNull("Payer");

        assertThatThrownBy(() -> NorceOrderMapper.toShopOrder("webshop", raw))
                .isInstanceOf(NorceOrderParseException.class).hasMessageContaining(": Buyer: ");
    }

    @Test
    void payerStandsInForAMissingBuyer() throws Exception {
        ObjectNode raw = b2c();
        raw.remove("Buyer");

        assertThat(NorceOrderMapper.toShopOrder("webshop", raw).buyer().email()).isEqualTo("anna@example.se");
    }

    @Test
    void lineAmountDisagreeingWithAWholeLineDiscountMeansAPerUnitDiscount() throws Exception {
        ObjectNode raw = b2c();
        ObjectNode coffee = (ObjectNode) raw.get("Items").get(0);
        coffee.put("DiscountAmount", new BigDecimal("10.00"));
        coffee.put("LineAmount", new BigDecimal("180.00"));

        ShopOrderLine line = NorceOrderMapper.toShopOrder("webshop", raw).lines().get(0);

        assertThat(line.discountAmount()).isEqualByComparingTo("20.00");
        assertThat(line.lineTotalExVat()).isEqualByComparingTo("180.00");
    }

    @Test
    void cashDiscountLowersTheTotalWithItsShareOfVat() throws Exception {
        ObjectNode raw = (ObjectNode) fixture("line-discount", "10-norce-order.json");
        raw.put("CashDiscount", new BigDecimal("19.92"));

        ShopOrder order = NorceOrderMapper.toShopOrder("webshop", raw);

        // lines 160 @12 % + 39.20 @25 % = 199.20 ex, 228.20 inc; a 10 % cash discount leaves 90 % of the total.
        assertThat(order.orderDiscountExVat()).isEqualByComparingTo("19.92");
        assertThat(order.totalIncVat()).isEqualByComparingTo("205.38");
    }

    /** Whatever shape a field takes, the mapper answers with an order or a parse error, never anything else. */
    @Test
    void anyFieldInAnyShapeGivesAnOrderOrAParseError() {
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
