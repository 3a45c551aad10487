package io.jesync.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.norce.NorceModel.WriteBack;
import io.jesync.simulator.norce.NorceModel.WriteBackKind;
import io.jesync.status.StatusFlowRoundTripTest.Transferred;
import io.jesync.status.StatusActionEntry;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.PluginContext;
import io.jesync.testsupport.TestDatabases.Kind;

/** direct:plugin-status-event decides which shop actions follow an e-conomic event. */
class StatusPluginPointTest {
    @TempDir
    Path tempDir;

    @Test
    void a_plugin_removes_the_capture_for_an_order_sent() throws Exception {
        try (PluginContext plugins = new PluginContext().write(tempDir.resolve("routes"), "no-capture.yaml", """
                - route:
                    id: no-capture
                    from:
                      uri: direct:plugin-status-event
                      steps:
                        - bean:
                            ref: pluginBody
                            method: "remove(${body}, 'actions[kind=CAPTURE]')"
                """);
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            Transferred order = StatusFlowRoundTripTest.transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.ORDER_SENT,
                    order.documentNumber(), "{}"));

            harness.statusFlow(events, (uri, body) -> null, plugins.points()).flow().poll("se");

            assertThat(order.writeBacks(harness)).extracting(WriteBack::kind)
                    .containsExactly(WriteBackKind.ORDER_STATUS, WriteBackKind.DELIVERY_NOTE);
        }
    }

    @Test
    void a_failing_plugin_parks_the_event_s_actions_and_nothing_reaches_the_shop() throws Exception {
        try (PluginContext plugins = new PluginContext().write(tempDir.resolve("routes"), "broken.yaml", """
                - route:
                    id: broken-status
                    from:
                      uri: direct:plugin-status-event
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalArgumentException
                            message: "carrier unknown"
                """);
             OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            Transferred order = StatusFlowRoundTripTest.transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.ORDER_SENT,
                    order.documentNumber(), "{}"));
            StatusFlowAssembly status = harness.statusFlow(events, (uri, body) -> null, plugins.points());

            status.flow().poll("se");

            List<StatusActionEntry> actions = status.ledger().actionsOf("se", order.orderNo());
            assertThat(actions).isNotEmpty().allSatisfy(action -> {
                assertThat(action.state()).isEqualTo(ActionState.PARKED);
                assertThat(action.reason()).contains("'broken-status' (broken.yaml)").contains("carrier unknown");
            });
            assertThat(order.writeBacks(harness)).isEmpty();
        }
    }
}
