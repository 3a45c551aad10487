package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.admin.OrderAdminService;
import io.jesync.shop.IncomingOrder;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/** Document types per shop, the erp-master article rule, the operator's safe re-send, and what a poll sends. */
class OrderFlowOptionsTest {

    @TempDir
    Path tempDir;

    @Test
    void booked_invoice_shops_get_the_draft_booked_and_the_booked_number_acknowledged() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(
                "shop.se.orders.document-type", "booked-invoice"))) {
            NorceModel.Order order = harness.placeOrder(5);

            harness.runUntilSettled(5);

            List<EconomicSimulator.DocumentView> booked = harness.economic.bookedInvoices();
            assertThat(booked).extracting(EconomicSimulator.DocumentView::referencesOther)
                    .containsExactly("jetshop:se:" + order.orderNo());
            assertThat(harness.economic.draftInvoices()).isEmpty();
            var entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.economicBookedNumber()).isEqualTo((long) booked.get(0).number());
            assertThat(harness.norce.writeBacks()).anySatisfy(w -> assertThat(w.request().toString())
                    .contains("\"ErpOrderNo\":\"" + booked.get(0).number() + "\""));
        }
    }

    @Test
    void order_shops_get_an_e_conomic_order_marked_as_sent_when_asked() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(
                "shop.se.orders.document-type", "order", "shop.se.orders.mark-order-sent", "true"))) {
            NorceModel.Order order = harness.placeOrder(6);

            harness.runUntilSettled(5);

            assertThat(harness.economic.documents().get("orders/sent"))
                    .extracting(EconomicSimulator.DocumentView::referencesOther)
                    .containsExactly("jetshop:se:" + order.orderNo());
            harness.schemaCheck.assertNoViolations();
        }
    }

    @Test
    void in_erp_master_an_article_missing_in_e_conomic_parks_the_order_naming_it() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of("sync.mode", "erp-master"))) {
            NorceModel.Order order = harness.placeBadOrder(DemoOrderGenerator.BadOrder.UNKNOWN_ARTICLE);

            harness.runUntilSettled(5);

            var entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("Order " + order.orderNo(), "NOPE-99999", "not in e-conomic");
            assertThat(harness.economic.draftInvoices()).isEmpty();
        }
    }

    @Test
    void in_combo_a_missing_article_is_created_in_e_conomic_and_the_order_goes_through() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of("sync.mode", "combo"))) {
            NorceModel.Order order = harness.placeBadOrder(DemoOrderGenerator.BadOrder.UNKNOWN_ARTICLE);

            harness.runUntilSettled(5);

            assertThat(harness.economic.product("NOPE-99999")).isPresent();
            assertThat(harness.assembly.ledger().find("se", order.orderNo()).orElseThrow().state())
                    .isEqualTo(OrderState.ACKNOWLEDGED);
        }
    }

    @Test
    void a_parked_order_fixed_in_the_shop_and_re_sent_is_created_once() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order broken = harness.placeBadOrder(DemoOrderGenerator.BadOrder.MISSING_EMAIL);
            harness.runUntilSettled(5);
            OrderAdminService admin = harness.admin();
            assertThat(admin.list("se", "PARKED", 10).toString()).contains(broken.orderNo(), "e-mail");

            NorceModel.Order stored = harness.norce.orders().stream().filter(o -> o.id() == broken.id()).findFirst()
                    .orElseThrow();
            harness.norce.modifyOrder(stored.id(), new NorceModel.OrderDraft(stored.applicationId(),
                    stored.currencyCode(), stored.statusId(), stored.paymentMethodCode(), stored.buyerCustomerCode(),
                    stored.buyerCompanyCode(), stored.buyer().withEmailAddress("fixed@example.se"), stored.shipTo(),
                    stored.payer(), stored.items()));
            assertThat(admin.resend("se", broken.orderNo())).isEqualTo(OrderAdminService.ResendOutcome.QUEUED);
            harness.runUntilSettled(5);
            assertThat(admin.resend("se", broken.orderNo()))
                    .isEqualTo(OrderAdminService.ResendOutcome.NOT_PARKED_OR_FAILED);
            harness.runUntilSettled(5);

            assertThat(harness.economic.draftInvoices()).extracting(EconomicSimulator.DocumentView::referencesOther)
                    .containsExactly("jetshop:se:" + broken.orderNo());
            assertThat(admin.order("se", broken.orderNo()).orElseThrow().toString())
                    .contains("parked", "resend-requested", "created", "acknowledged");
        }
    }

    @Test
    void an_order_that_vanishes_from_the_shop_before_its_retry_is_parked_saying_so() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = harness.placeOrder(8);
            harness.failDraftCreation(io.jesync.simulator.Fault.UNAVAILABLE, 5);
            harness.runOnce();
            assertThat(harness.assembly.ledger().find("se", order.orderNo()).orElseThrow().state())
                    .isEqualTo(OrderState.FAILED);

            harness.norce.vanishOrder(order.id());
            harness.runUntilSettled(60);

            var entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("Order " + order.orderNo(), "no longer in the shop");
            assertThat(harness.economic.draftInvoices()).isEmpty();
        }
    }

    @Test
    void an_order_cancelled_in_the_shop_before_its_retry_is_not_sent() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = harness.placeOrder(9);
            harness.failDraftCreation(io.jesync.simulator.Fault.UNAVAILABLE, 5);
            harness.runOnce();
            harness.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CANCELLED.id());

            harness.runUntilSettled(60);

            var entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.PARKED);
            assertThat(entry.row().reason()).contains("left the statuses", "status 6");
            assertThat(harness.economic.draftInvoices()).isEmpty();
        }
    }

    @Test
    void an_order_parked_for_leaving_the_trigger_statuses_is_sent_by_itself_when_it_comes_back() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = harness.placeOrder(9);
            harness.failDraftCreation(io.jesync.simulator.Fault.UNAVAILABLE, 5);
            harness.runOnce();
            harness.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.ON_HOLD.id());
            harness.runUntilSettled(60);
            assertThat(harness.assembly.ledger().find("se", order.orderNo()).orElseThrow().state())
                    .isEqualTo(OrderState.PARKED);

            harness.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
            harness.clock.advance(java.time.Duration.ofMinutes(1));
            harness.runUntilSettled(60);

            var entry = harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
            assertThat(entry.state()).isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(harness.economic.documentsByReference("jetshop:se:" + order.orderNo())).hasSize(1);
            assertThat(harness.assembly.ledger().events("se", order.orderNo()))
                    .extracting(io.jesync.order.OrderEvent::step).containsSubsequence("parked", "back-in-trigger-status",
                            "created", "acknowledged");
        }
    }

    @Test
    void an_order_parked_for_its_data_stays_parked_when_the_poll_sees_it_again() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = harness.placeBadOrder(io.jesync.simulator.norce.DemoOrderGenerator.BadOrder
                    .NEGATIVE_QUANTITY);
            harness.runUntilSettled(5);
            harness.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
            harness.clock.advance(java.time.Duration.ofMinutes(1));
            harness.runOnce();

            assertThat(harness.assembly.ledger().events("se", order.orderNo()))
                    .extracting(io.jesync.order.OrderEvent::step).containsOnlyOnce("parked")
                    .doesNotContain("back-in-trigger-status");
        }
    }

    @Test
    void a_poll_sends_the_oldest_placed_order_first_and_leaves_out_the_orders_already_done() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            List<NorceModel.Order> placed = new ArrayList<>();
            for (long seed = 1; seed <= 8; seed++) {
                placed.add(harness.placeOrder(seed));
                harness.clock.advance(Duration.ofSeconds(10));
            }
            List<Integer> channels = placed.stream().map(NorceModel.Order::applicationId).toList();
            assertThat(channels).as("the shop lists one channel after the other: a later channel's order comes first")
                    .isNotEqualTo(channels.stream().sorted().toList());

            assertThat(harness.flow().poll("se").items()).extracting(IncomingOrder::orderNo)
                    .containsExactlyElementsOf(placed.stream().map(NorceModel.Order::orderNo).toList());
            harness.runUntilSettled(5);
            NorceModel.Order late = harness.placeOrder(9);

            assertThat(harness.flow().poll("se").items()).as("the overlap reads the acknowledged orders again")
                    .extracting(IncomingOrder::orderNo).containsExactly(late.orderNo());
        }
    }
}
