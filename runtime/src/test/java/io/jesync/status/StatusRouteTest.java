package io.jesync.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.OrderEvent;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.RouteSteps;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The status flow's route ({@link StatusSyncRoutes}) over the harness: a draft the accountant books is read as an
 * event by {@code read-status-events-se}, and {@code carry-out-shop-actions-se} then tells the shop, in that order.
 */
class StatusRouteTest {
    private static final String POLL = "poll-status-se";

    @TempDir
    Path tempDir;

    @Test
    void a_booked_invoice_is_read_as_an_event_before_its_shop_actions_run() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of("shop.se.status.enabled", "true"));
             RouteSteps routes = new RouteSteps()) {
            NorceModel.Order order = h.placeOrder(21);
            h.runUntilSettled(10);
            int draft = h.economic.draftInvoices().get(0).number();
            h.economic.bookDraft(draft);
            routes.bind("runtimeSettings", h.settings)
                    .bind("statusFlow", h.statusFlow(new EconomicStatusEvents(h.client)).flow())
                    .routes(new StatusSyncRoutes()).runOnDemand(POLL)
                    .record(POLL, "read-status-events-se", "carry-out-shop-actions-se").start();

            routes.run(POLL);

            assertThat(routes.ran()).containsExactly("read-status-events-se", "carry-out-shop-actions-se");
            assertThat(h.assembly.ledger().events("se", order.orderNo())).extracting(OrderEvent::step)
                    .containsSubsequence("acknowledged", "status-event", "status-action");
        }
    }
}
