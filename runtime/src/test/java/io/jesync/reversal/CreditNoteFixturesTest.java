package io.jesync.reversal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.jesync.order.OrderFlowSettings;
import io.jesync.economic.model.EconomicDocument;
import io.jesync.json.Json;
import io.jesync.order.OrderMappingSettings;
import io.jesync.shop.ShopOrder;

/**
 * Golden fixtures, one folder per scenario under {@code src/test/resources/reversal}: {@code 05-input.json} (order,
 * credit-note reference, date), {@code 10-booked-invoice.json} as e-conomic returns it, and for refunds
 * {@code 15-transferred-order.json} and {@code 17-reversed-lines.json}; {@code 20-credit-note.json} is what must
 * come out. Without reversed lines the whole invoice is credited (a cancellation).
 */
class CreditNoteFixturesTest {
    private static final ObjectMapper JSON = Json.MAPPER.copy().registerModule(new SimpleModule()
            .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    return Instant.parse(p.getValueAsString());
                }
            }));
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue())
            : a.equals(b) ? 0 : 1;
    private static final OrderMappingSettings SETTINGS = OrderFlowSettings.defaults().mapping();

    static Stream<String> scenarios() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void booked_invoice_and_reversed_lines_give_the_golden_credit_note(String scenario) throws Exception {
        Path dir = root().resolve(scenario);
        JsonNode input = JSON.readTree(dir.resolve("05-input.json").toFile());
        JsonNode invoice = JSON.readTree(dir.resolve("10-booked-invoice.json").toFile());
        LocalDate date = LocalDate.parse(input.path("date").asText());
        String reference = input.path("reference").asText();

        EconomicDocument note;
        if (Files.exists(dir.resolve("17-reversed-lines.json"))) {
            ShopOrder order = JSON.readValue(dir.resolve("15-transferred-order.json").toFile(), ShopOrder.class);
            List<ReversedLine> lines = JSON.readValue(dir.resolve("17-reversed-lines.json").toFile(),
                    new TypeReference<>() {
                    });
            note = CreditNoteMapper.creditLines(invoice, order, SETTINGS, lines, reference, date);
        } else {
            note = CreditNoteMapper.creditAll(invoice, input.path("orderNo").asText(), reference, date);
        }

        JsonNode actual = Json.MAPPER.valueToTree(note);
        JsonNode expected = JSON.readTree(dir.resolve("20-credit-note.json").toFile());
        assertThat(actual.equals(BY_VALUE, expected)).as(scenario + ":\nactual   " + actual + "\nexpected " + expected)
                .isTrue();
    }

    @Test
    void a_refund_of_a_line_the_accountant_removed_from_the_invoice_is_refused_naming_order_and_line()
            throws Exception {
        Path dir = root().resolve("refund-one-unit-and-shipping");
        JsonNode invoice = JSON.readTree(dir.resolve("10-booked-invoice.json").toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) invoice.path("lines")).remove(0);
        ShopOrder order = JSON.readValue(dir.resolve("15-transferred-order.json").toFile(), ShopOrder.class);
        List<ReversedLine> lines = List.of(new ReversedLine(1, io.jesync.shop.ShopOrderLine.Kind.PRODUCT, "KAF-001",
                "Bryggkaffe 500 g", BigDecimal.ONE, new BigDecimal("79.20")));

        assertThatThrownBy(() -> CreditNoteMapper.creditLines(invoice, order, SETTINGS, lines, "r", LocalDate.now()))
                .isInstanceOf(CreditNoteMapper.CreditNoteException.class)
                .hasMessageContaining("Order " + order.orderNo()).hasMessageContaining("lines[1]")
                .hasMessageContaining("changed after the transfer");
    }

    private static Path root() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(CreditNoteFixturesTest.class.getResource("/reversal")).toURI());
    }
}
