package io.jesync.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.economic.model.EconomicDocument;
import io.jesync.order.OrderMapper;
import io.jesync.order.OrderMappingSettings;
import io.jesync.product.ProductFlowAssembly;
import io.jesync.shop.ShopAddress;
import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopParty;
import io.jesync.simulator.economic.EconomicSimulator.DocumentView;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.OrderState;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.PluginContext;
import io.jesync.testsupport.TestDatabases.Kind;

/** Each example in routes/examples/, loaded from that folder as a merchant would copy it, and its effect. */
class PluginExamplesTest {
    private static final Path EXAMPLES = Path.of("routes", "examples");

    @TempDir
    Path tempDir;

    @Test
    void order_info_to_notes_puts_the_shop_s_customer_message_into_the_first_text_line() throws Exception {
        try (PluginContext plugins = new PluginContext().load(EXAMPLES.resolve("order-info-to-notes.yaml"))) {
            ShopOrder order = order();
            EconomicDocument mapped = OrderMapper.toDocument(order, 7, OrderMappingSettings.defaults());
            JsonNode shopOrder = PluginJson.MAPPER.readTree("""
                    {"OrderNo": "1209002", "Infos": [{"Code": "Other", "Value": "x"},
                      {"Code": "CustomerMessage", "Value": "Leave it at the door"}]}""");

            EconomicDocument withInfo = plugins.points().apply(PluginPoint.ORDER_DOCUMENT, "se/1209002", mapped,
                    EconomicDocument.class, Map.of("order", order, "shopOrder", shopOrder));
            EconomicDocument without = plugins.points().apply(PluginPoint.ORDER_DOCUMENT, "se/1209002", mapped,
                    EconomicDocument.class, Map.of("order", order, "shopOrder", PluginJson.MAPPER.readTree(
                            "{\"Infos\": []}")));

            assertThat(withInfo.notes().textLine1()).isEqualTo(mapped.notes().textLine1()
                    + "; message: Leave it at the door");
            assertThat(withInfo.lines()).isEqualTo(mapped.lines());
            assertThat(without).isEqualTo(mapped);
        }
    }

    @Test
    void layout_by_channel_gives_the_european_channel_the_english_layout_and_card_terms() throws Exception {
        try (PluginContext plugins = new PluginContext().load(EXAMPLES.resolve("layout-by-channel.yaml"));
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(), plugins.points())) {
            NorceModel.Order european = placeUntil(harness, o -> o.applicationId() == 1002);
            NorceModel.Order swedish = placeUntil(harness, o -> o.applicationId() == 1001);

            harness.runUntilSettled(5);

            assertThat(draft(harness, european).path("layout").path("layoutNumber").asInt()).isEqualTo(20);
            assertThat(draft(harness, european).path("paymentTerms").path("paymentTermsNumber").asInt()).isEqualTo(3);
            assertThat(draft(harness, swedish).path("layout").path("layoutNumber").asInt()).isEqualTo(19);
            assertThat(draft(harness, swedish).path("paymentTerms").path("paymentTermsNumber").asInt()).isEqualTo(1);
        }
    }

    @Test
    void payment_surcharge_adds_an_invoice_fee_line_and_the_order_still_passes_the_totals_check() throws Exception {
        try (PluginContext plugins = new PluginContext().load(EXAMPLES.resolve("payment-surcharge.yaml"));
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(), plugins.points())) {
            NorceModel.Order invoice = placeUntil(harness, o -> o.paymentMethodCode().equals("INVOICE"));
            NorceModel.Order other = placeUntil(harness, o -> !o.paymentMethodCode().equals("INVOICE"));

            harness.runUntilSettled(5);

            io.jesync.order.LedgerEntry entry = harness.assembly.ledger().find("se", invoice.orderNo()).orElseThrow();
            assertThat(entry.state()).as(String.valueOf(entry.row().reason())).isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(fees(draft(harness, invoice))).as("the shop's own fee stays").contains("Invoice fee 29.00")
                    .hasSize(2);
            assertThat(view(harness, invoice).grossAmount()).isEqualByComparingTo(invoice.totalIncVat()
                    .add(new BigDecimal("36.25")));
            assertThat(fees(draft(harness, other))).doesNotContain("Invoice fee 29.00");
        }
    }

    @Test
    void product_group_by_prefix_files_service_articles_under_group_4() throws Exception {
        try (PluginContext plugins = new PluginContext().load(EXAMPLES.resolve("product-group-by-prefix.yaml"));
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of("sync.mode", "combo",
                     "shop.se.products.job-poll-millis", "1"))) {
            ProductFlowAssembly products = ProductFlowAssembly.create(harness.settings, harness.database,
                    harness.client, harness.shopCatalog(d -> { }).products(), harness.clock, plugins.points());
            products.flow().poll("se");
            harness.clock.advance(Duration.ofMinutes(5));
            harness.norce.putSku("SVC-INSTALL", "Installation", new BigDecimal("25"), null, 1, new BigDecimal("400"));
            harness.norce.putSku("MUG-RED", "Red mug", new BigDecimal("25"), null, 1, new BigDecimal("90"));

            products.flow().poll("se");

            assertThat(harness.economic.product("SVC-INSTALL").orElseThrow().productGroupNumber()).isEqualTo(4);
            assertThat(harness.economic.product("MUG-RED").orElseThrow().productGroupNumber()).isEqualTo(1);
        }
    }

    private static List<String> fees(JsonNode draft) {
        List<String> fees = new java.util.ArrayList<>();
        for (JsonNode line : draft.path("lines")) {
            if ("AVGIFT".equals(line.path("product").path("productNumber").asText())) {
                fees.add(line.path("description").asText() + " " + line.path("unitNetPrice").decimalValue()
                        .setScale(2).toPlainString());
            }
        }
        return fees;
    }

    private static NorceModel.Order placeUntil(OrderFlowHarness harness,
                                               java.util.function.Predicate<NorceModel.Order> wanted) {
        for (long seed = 1; seed < 200; seed++) {
            NorceModel.Order order = harness.placeOrder(seed);
            if (wanted.test(order)) {
                return order;
            }
            harness.norce.vanishOrder(order.id());
        }
        throw new AssertionError("no generated order fits");
    }

    private static DocumentView view(OrderFlowHarness harness, NorceModel.Order order) {
        List<DocumentView> documents = harness.economic.documentsByReference("jetshop:se:" + order.orderNo());
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }

    private static JsonNode draft(OrderFlowHarness harness, NorceModel.Order order) {
        DocumentView view = view(harness, order);
        return harness.economic.document(view.collection(), view.number()).orElseThrow();
    }

    private static ShopOrder order() {
        ShopParty buyer = new ShopParty(null, "Anna", "Svensson", null, null, null, "anna@example.com", null,
                new ShopAddress("Storgatan 1", null, null, "11122", "Stockholm", "SE"));
        return new ShopOrder("se", "1209002", 55L, 1001, 2, Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-01T10:05:00Z"), "SEK", buyer, null, List.of(new ShopOrderLine(1,
                ShopOrderLine.Kind.PRODUCT, "MUG-RED", "Red mug", BigDecimal.ONE, new BigDecimal("80.00"),
                BigDecimal.ZERO, new BigDecimal("25"))), BigDecimal.ZERO, new BigDecimal("100.00"), "INVOICE", null);
    }
}
