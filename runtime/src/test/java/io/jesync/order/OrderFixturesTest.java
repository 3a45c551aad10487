package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jesync.json.Json;
import io.jesync.shop.ShopOrder;
import io.jesync.simulator.economic.EconomicWriteRules;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden fixtures, one folder per scenario under {@code src/test/resources/order}: {@code 10-shop-order.json} goes
 * in; {@code 15-economic-customer.json}, {@code 20-economic-document.json} and {@code 30-expected-totals.json} are
 * what must come out. {@code 05-mapping-input.json} optionally overrides settings and the customer number. The
 * expected files were written by hand, amounts worked out on paper.
 */
class OrderFixturesTest {
    private static final int DEFAULT_CUSTOMER_NUMBER = 1001;

    /** The project has no java.time module for Jackson; fixtures only need ISO instants. */
    static final ObjectMapper FIXTURE_JSON = Json.MAPPER.copy().registerModule(new SimpleModule()
            .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    return Instant.parse(p.getValueAsString());
                }
            }));

    /** Numbers compare by value, so a hand-written 70.0 equals a mapped 70.00. */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue())
            : a.equals(b) ? 0 : 1;

    static Stream<String> scenarios() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shop_order_maps_to_the_golden_document_customer_and_totals(String scenario) throws Exception {
        Path dir = root().resolve(scenario);
        JsonNode input = Files.exists(dir.resolve("05-mapping-input.json"))
                ? FIXTURE_JSON.readTree(dir.resolve("05-mapping-input.json").toFile())
                : FIXTURE_JSON.createObjectNode();
        OrderMappingSettings settings = settings(input.path("settings"));
        int customerNumber = input.path("customerNumber").asInt(DEFAULT_CUSTOMER_NUMBER);
        ShopOrder order = FIXTURE_JSON.readValue(dir.resolve("10-shop-order.json").toFile(), ShopOrder.class);

        JsonNode document = Json.MAPPER.valueToTree(OrderMapper.toDocument(order, customerNumber, settings));
        assertSameJson(document, read(dir.resolve("20-economic-document.json")), scenario + " document");

        JsonNode totals = Json.MAPPER.valueToTree(OrderMapper.expectedTotals(order, settings));
        assertSameJson(totals, read(dir.resolve("30-expected-totals.json")), scenario + " totals");

        Path customerFile = dir.resolve("15-economic-customer.json");
        if (Files.exists(customerFile)) {
            JsonNode customer = Json.MAPPER.valueToTree(
                    OrderMapper.toCustomer(order, CustomerDefaults.defaults(settings)));
            assertSameJson(customer, read(customerFile), scenario + " customer");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void golden_files_stay_within_economic_rules(String scenario) throws Exception {
        Path dir = root().resolve(scenario);
        List<String> problems = new ArrayList<>();
        JsonNode document = read(dir.resolve("20-economic-document.json"));
        check("invoices.drafts.post", document, problems);
        check("orders.drafts.post", document, problems);
        Path customer = dir.resolve("15-economic-customer.json");
        if (Files.exists(customer)) {
            check("customers.post", read(customer), problems);
        }
        assertThat(problems).as(scenario).isEmpty();
    }

    @Test
    void every_required_scenario_has_a_fixture() throws Exception {
        assertThat(scenarios().toList()).contains("b2c-domestic", "b2b-domestic", "b2b-eu-reverse-charge",
                "private-eu-buyer", "abroad", "several-vat-rates", "line-and-order-discounts", "free-shipping",
                "payment-fee", "foreign-currency", "guest-order", "gift-zero-priced-line", "unicode-and-long-names");
    }

    static OrderMappingSettings settings(JsonNode overrides) throws IOException {
        ObjectNode merged = FIXTURE_JSON.valueToTree(OrderMappingSettings.defaults());
        if (overrides.isObject()) {
            merged.setAll((ObjectNode) overrides);
        }
        return FIXTURE_JSON.treeToValue(merged, OrderMappingSettings.class);
    }

    static void assertSameJson(JsonNode actual, JsonNode expected, String what) throws IOException {
        if (!actual.equals(BY_VALUE, expected)) {
            assertThat(FIXTURE_JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual)).as(what)
                    .isEqualTo(FIXTURE_JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected));
        }
    }

    /** The project's transcription of e-conomic's rules; the contract profile holds it against the published ones. */
    private static void check(String schema, JsonNode body, List<String> problems) {
        EconomicWriteRules.violations(schema, body).forEach(p -> problems.add(schema + " " + p));
        EconomicWriteRules.unwritten(schema, body).forEach(p -> problems.add(schema + " " + p));
    }

    private static JsonNode read(Path file) throws IOException {
        return FIXTURE_JSON.readTree(file.toFile());
    }

    private static Path root() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(OrderFixturesTest.class.getResource("/order"), "order fixtures")
                .toURI());
    }
}
