package io.jesync.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderState;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.PluginContext;
import io.jesync.testsupport.TestDatabases.Kind;

/** The order flow's extension points with YAML plugins loaded from files, against both simulators. */
class OrderPluginPointsTest {
    @TempDir
    Path tempDir;

    @Test
    void a_document_plugin_changes_the_heading_of_the_draft_sent() throws Exception {
        try (PluginContext plugins = new PluginContext()
                .write(tempDir.resolve("routes"), "heading.yaml", heading("heading", "", "Gift order"));
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(), plugins.points())) {
            NorceModel.Order order = harness.placeOrder(1);

            harness.runUntilSettled(5);

            assertThat(state(harness, order)).isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(draft(harness, order).path("notes").path("heading").asText()).isEqualTo("Gift order");
        }
    }

    @Test
    void several_plugins_on_one_point_run_by_file_name() throws Exception {
        Path routes = tempDir.resolve("routes");
        try (PluginContext plugins = new PluginContext()
                .write(routes, "20-second.yaml", heading("second", ".b", "${body[document][notes][heading]} then B"))
                .write(routes, "10-first.yaml", heading("first", ".a", "A"));
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(), plugins.points())) {
            NorceModel.Order order = harness.placeOrder(1);

            harness.runUntilSettled(5);

            assertThat(plugins.points().on(PluginPoint.ORDER_DOCUMENT)).extracting(Plugin::routeId)
                    .containsExactly("first", "second");
            assertThat(draft(harness, order).path("notes").path("heading").asText()).isEqualTo("A then B");
        }
    }

    @Test
    void a_plugin_that_throws_parks_the_order_with_its_name_and_nothing_is_written() throws Exception {
        try (PluginContext plugins = new PluginContext().write(tempDir.resolve("routes"), "broken.yaml", """
                - route:
                    id: broken-enricher
                    from:
                      uri: direct:plugin-order-document
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: "no layout for this channel"
                """);
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(), plugins.points())) {
            int customersBefore = harness.economic.customers().size();
            NorceModel.Order order = harness.placeOrder(1);

            harness.runUntilSettled(5);

            LedgerEntry entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("plugin 'broken-enricher' (broken.yaml)")
                    .contains("direct:plugin-order-document").contains("no layout for this channel");
            assertThat(harness.economic.customers()).hasSize(customersBefore);
            assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo())).isEmpty();
        }
    }

    @Test
    void a_plugin_changing_what_it_may_not_parks_the_order_naming_the_field() throws Exception {
        try (PluginContext plugins = new PluginContext().write(tempDir.resolve("routes"), "customer.yaml", """
                - route:
                    id: sneaky
                    from:
                      uri: direct:plugin-order-document
                      steps:
                        - bean:
                            ref: pluginBody
                            method: "set(${body}, 'document.customer.customerNumber', 99)"
                """);
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(), plugins.points())) {
            NorceModel.Order order = harness.placeOrder(1);

            harness.runUntilSettled(5);

            LedgerEntry entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("'sneaky'").contains("changed document.customer.customerNumber");
            assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo())).isEmpty();
        }
    }

    @Test
    void a_plugin_may_park_an_order_with_its_own_reason() throws Exception {
        try (PluginContext plugins = new PluginContext().write(tempDir.resolve("routes"), "hold.yaml", """
                - route:
                    id: hold-all
                    from:
                      uri: direct:plugin-order-read
                      steps:
                        - bean:
                            ref: pluginBody
                            method: "set(${body}, 'park', 'held for manual review')"
                """);
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(), plugins.points())) {
            NorceModel.Order order = harness.placeOrder(1);

            harness.runUntilSettled(5);

            LedgerEntry entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("'hold-all'").contains("held for manual review");
        }
    }

    @Test
    void without_a_plugin_on_a_point_the_value_comes_back_as_it_went_in() throws Exception {
        try (PluginContext plugins = new PluginContext().write(tempDir.resolve("routes"), "other.yaml",
                heading("elsewhere", "", "x").replace("order-document", "order-created"))) {
            List<String> value = List.of("unchanged");

            assertThat(plugins.points().apply(PluginPoint.ORDER_DOCUMENT, "se/1", value, List.class, Map.of()))
                    .isSameAs(value);
        }
    }

    static String heading(String id, String suffix, String heading) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:plugin-order-document%s
                      steps:
                        - bean:
                            ref: pluginBody
                            method: "set(${body}, 'document.notes.heading', '%s')"
                """.formatted(id, suffix, heading);
    }

    private static OrderState state(OrderFlowHarness harness, NorceModel.Order order) {
        return harness.assembly.ledger().find("se", order.orderNo()).orElseThrow().state();
    }

    private static JsonNode draft(OrderFlowHarness harness, NorceModel.Order order) {
        List<io.jesync.simulator.economic.EconomicSimulator.DocumentView> documents =
                harness.economic.documentsByReference("jetshop:se:" + order.orderNo());
        assertThat(documents).hasSize(1);
        return harness.economic.document(documents.get(0).collection(), documents.get(0).number()).orElseThrow();
    }
}
