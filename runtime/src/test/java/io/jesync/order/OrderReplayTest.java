package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.LedgerEntry;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.PluginContext;
import io.jesync.testsupport.TestDatabases.Kind;

/** A replay shows the document the flow would send now, with plugins, and writes nothing anywhere. */
class OrderReplayTest {
    @TempDir
    Path tempDir;

    @Test
    void a_replay_with_a_new_plugin_prints_the_document_and_its_difference_and_writes_nothing() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of());
             PluginContext plugins = new PluginContext().write(tempDir.resolve("routes"), "heading.yaml", """
                     - route:
                         id: heading
                         from:
                           uri: direct:plugin-order-document
                           steps:
                             - bean:
                                 ref: pluginBody
                                 method: "set(${body}, 'document.notes.heading', 'Gift order')"
                     """)) {
            NorceModel.Order order = harness.placeOrder(1);
            harness.runUntilSettled(5);
            LedgerEntry before = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            int economicCalls = harness.economic.journal().size();
            int norceCalls = harness.norce.journal().size();

            OrderReplay.Result replay = new OrderReplay(harness.settings, harness.assembly.ledger(),
                    harness.assembly.shop(), plugins.points()).replay("se", order.orderNo());

            assertThat(replay.parked()).isNull();
            assertThat(replay.document().path("notes").path("heading").asText()).isEqualTo("Gift order");
            assertThat(replay.document().path("customer")).isEqualTo(replay.sent().path("customer"));
            assertThat(replay.differences()).containsExactly("notes.heading: Order " + order.orderNo()
                    + " → Gift order");
            assertThat(harness.economic.journal()).as("no call to e-conomic at all").hasSize(economicCalls);
            List<RecordedRequest> shopCalls = harness.norce.journal().subList(norceCalls,
                    harness.norce.journal().size());
            assertThat(shopCalls).isNotEmpty().extracting(RecordedRequest::method).containsOnly("GET");
            assertThat(harness.assembly.ledger().find("se", order.orderNo()).orElseThrow()).isEqualTo(before);
        }
    }

    @Test
    void without_plugins_a_replay_matches_what_was_sent() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = harness.placeOrder(2);
            harness.runUntilSettled(5);

            OrderReplay.Result replay = new OrderReplay(harness.settings, harness.assembly.ledger(),
                    harness.assembly.shop(), io.jesync.plugin.PluginPoints.NONE).replay("se", order.orderNo());

            assertThat(replay.sent()).isNotNull();
            assertThat(replay.differences()).isEmpty();
        }
    }
}
