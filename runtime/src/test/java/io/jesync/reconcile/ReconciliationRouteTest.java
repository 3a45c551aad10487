package io.jesync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.order.OrderFlow;
import io.jesync.observe.ApiCallMeter;
import io.jesync.reconcile.ReconciliationStore;
import io.jesync.store.WatermarkStore;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.RouteSteps;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The daily reconciliation's route ({@link ReconciliationRoutes}) over the harness: it chooses yesterday in the
 * shop's time zone, lists the kinds that apply and reconciles each, in that order, as a scheduled run.
 */
class ReconciliationRouteTest {
    private static final String RUN = "reconcile-se";

    @TempDir
    Path tempDir;

    @Test
    void the_scheduled_run_chooses_yesterday_then_reconciles_each_kind() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of("shop.se.reconciliation.enabled",
                "true")); RouteSteps routes = new RouteSteps()) {
            h.placeOrder(31);
            h.runUntilSettled(10);
            Reconciliation reconciliation = new Reconciliation(h.settings, List.of(new OrderReconciler(
                    h.assembly.shop(), h.assembly.ledger(), h.reversals().ledger(), h.client,
                    shop -> new WatermarkStore(h.database, h.clock).getInstant(OrderFlow.WATERMARK, shop))),
                    new ReconciliationStore(h.database, h.clock), new ApiCallMeter(h.database, h.clock), h.clock);
            routes.bind("runtimeSettings", h.settings).bind("reconciliation", reconciliation)
                    .routes(new ReconciliationRoutes()).runOnDemand(RUN)
                    .record(RUN, "choose-day-se", "list-reconciliations-se", "reconcile-day-se",
                            "each-reconciliation-se").start();

            routes.run(RUN);

            assertThat(routes.ran()).containsExactly("choose-day-se", "list-reconciliations-se",
                    "each-reconciliation-se", "reconcile-day-se");
            JsonNode runs = reconciliation.latest("se", 10).path("runs");
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).path("trigger").asText()).isEqualTo("schedule");
            assertThat(runs.get(0).path("day").asText()).isEqualTo(LocalDate.ofInstant(h.clock.instant(),
                    ZoneId.of(h.shop().orders().mapping().timeZone())).minusDays(1).toString());
        }
    }
}
