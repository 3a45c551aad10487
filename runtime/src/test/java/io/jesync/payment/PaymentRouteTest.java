package io.jesync.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.order.BackoffSchedule;
import io.jesync.shop.norce.NorceOrderMapper;
import io.jesync.status.EconomicStatusEvents;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.RouteSteps;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The payment flow's route ({@link PaymentSyncRoutes}) over the harness: captured payments of booked invoices are
 * recorded, entered and checked in the named steps, in that order, and the run's counts come out of the last one.
 */
class PaymentRouteTest {
    private static final String RUN = "register-payments-se";

    @TempDir
    Path tempDir;

    @Test
    void captured_payments_are_recorded_then_entered_then_settled_then_summarised() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of());
             RouteSteps routes = new RouteSteps()) {
            h.placeOrder(401);
            h.placeOrder(402);
            h.runUntilSettled(10);
            h.economic.draftInvoices().forEach(d -> h.economic.bookDraft(d.number()));
            h.statusFlow(new EconomicStatusEvents(h.client)).flow().poll("se");
            PaymentFlow flow = PaymentFlowAssembly.create(h.settings, Map.of("se", PaymentSettings.enabled(5820)),
                    h.database, h.client, (shop, json) -> NorceOrderMapper.toShopOrder(shop.id(), json), h.clock,
                    BackoffSchedule.defaults(), new SplittableRandom(1)).flow();
            routes.bind("runtimeSettings", h.settings).bind("paymentFlow", flow)
                    .routes(new PaymentSyncRoutes()).runOnDemand(RUN)
                    .record(RUN, "record-payments-se", "enter-due-payments-se", "settle-payments-se",
                            "summarise-payments-se").start();

            PaymentFlow.Summary summary = routes.run(RUN).getMessage().getBody(PaymentFlow.Summary.class);

            assertThat(routes.ran()).containsExactly("record-payments-se", "enter-due-payments-se",
                    "settle-payments-se", "summarise-payments-se");
            assertThat(summary.recorded()).isEqualTo(2);
            assertThat(summary.entered()).isEqualTo(2);
        }
    }
}
