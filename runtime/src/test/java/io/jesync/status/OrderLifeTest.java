package io.jesync.status;

import static io.jesync.status.StatusFlowRoundTripTest.transferred;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.admin.OrderAdminService;
import io.jesync.simulator.norce.NorceModel.OrderStatus;
import io.jesync.simulator.norce.NorceModel.WriteBackKind;
import io.jesync.status.StatusFlowRoundTripTest.Transferred;
import io.jesync.reversal.ReversalState;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The status flow and the reversal flow agree on one order life: an order cancelled in the shop and credited in
 * e-conomic gets no delivery note, capture or Invoiced status, however the runs of the two flows interleave, and
 * an operator sees what a retry would do before doing it.
 */
class OrderLifeTest {
    @TempDir
    Path tempDir;

    @Test
    void an_order_cancelled_in_the_shop_whose_draft_the_accountant_booked_is_credited_and_never_delivered()
            throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            Transferred order = transferred(harness, 1).get(0);
            harness.norce.setOrderStatus(order.placed().id(), OrderStatus.CANCELLED.id());
            harness.clock.advance(Duration.ofMinutes(1));
            int booked = harness.economic.bookDraft((int) order.documentNumber()).path("bookedInvoiceNumber").asInt();
            harness.runReversalsUntilSettled(20);
            assertThat(harness.reversals().ledger().forOrder("se", order.orderNo())).singleElement()
                    .satisfies(r -> assertThat(r.action()).isEqualTo("credit-note"));

            StatusFlowAssembly status = harness.statusFlow(new ScriptedEvents()
                    .add(order.event(StatusEventType.INVOICE_BOOKED, booked, "{}")));
            status.flow().poll("se");

            assertThat(order.writeBacks(harness)).as("nothing moved the cancelled order forward in the shop")
                    .isEmpty();
            assertThat(order.now(harness).statusId()).isEqualTo(OrderStatus.CANCELLED.id());
            assertThat(status.ledger().actionsOf("se", order.orderNo()))
                    .extracting(StatusActionEntry::action, StatusActionEntry::state)
                    .containsExactly(tuple(ActionKind.DELIVERY_NOTE, ActionState.SKIPPED),
                            tuple(ActionKind.CAPTURE, ActionState.SKIPPED),
                            tuple(ActionKind.SET_STATUS, ActionState.SKIPPED));
            assertThat(order.timeline(harness, "status-action")).first().asString()
                    .startsWith("skipped delivery note " + order.erpOrderNo() + "-D1: order " + order.orderNo()
                            + " was cancelled in the shop and credited in e-conomic");
            JsonNode view = harness.admin().order("se", order.orderNo()).orElseThrow();
            assertThat(view.path("life").asText()).isEqualTo("CREDITED");
        }
    }

    @Test
    void a_parked_delivery_note_of_an_order_cancelled_meanwhile_is_skipped_on_retry_and_the_operator_is_told_so()
            throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.status.on.order-sent", "delivery-note"))) {
            Transferred order = transferred(harness, 1).get(0);
            harness.norce.setOrderStatus(order.placed().id(), OrderStatus.CANCELLED.id());
            StatusFlowAssembly status = harness.statusFlow(new ScriptedEvents()
                    .add(order.event(StatusEventType.ORDER_SENT, order.documentNumber(), "{}")));
            status.flow().poll("se");
            StatusActionEntry parked = status.ledger().actionsOf("se", order.orderNo()).get(0);
            assertThat(parked.state()).isEqualTo(ActionState.PARKED);
            OrderAdminService admin = harness.admin();
            assertThat(admin.order("se", order.orderNo()).orElseThrow().path("statusActions").get(0)
                    .path("retryWill").asText()).startsWith("Delivery note " + order.erpOrderNo() + "-D1 will be"
                    + " created in the shop");

            harness.clock.advance(Duration.ofMinutes(1));
            harness.runReversalsUntilSettled(20);
            assertThat(harness.reversals().ledger().forOrder("se", order.orderNo())).singleElement()
                    .satisfies(r -> assertThat(r.state()).isEqualTo(ReversalState.DONE));
            assertThat(admin.order("se", order.orderNo()).orElseThrow().path("statusActions").get(0)
                    .path("retryWill").asText()).startsWith("Nothing will be done in the shop: order "
                    + order.orderNo() + " was cancelled in the shop and its draft deleted in e-conomic");

            OrderAdminService.ActionAnswer answer = admin.retryStatusAction("se", order.orderNo(), parked.id());
            status.flow().poll("se");

            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.message()).contains("Nothing will be done in the shop");
            assertThat(order.writeBacks(harness, WriteBackKind.DELIVERY_NOTE)).isEmpty();
            assertThat(status.ledger().find(parked.id()).orElseThrow().state()).isEqualTo(ActionState.SKIPPED);
        }
    }

    @Test
    void parked_status_actions_and_reversals_can_be_skipped_with_a_reason_that_stays_on_the_timeline()
            throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.status.on.order-sent", "delivery-note", "shop.se.reversal.on-cancel", "park"))) {
            Transferred order = transferred(harness, 1).get(0);
            harness.norce.setOrderStatus(order.placed().id(), OrderStatus.CANCELLED.id());
            StatusFlowAssembly status = harness.statusFlow(new ScriptedEvents()
                    .add(order.event(StatusEventType.ORDER_SENT, order.documentNumber(), "{}")));
            status.flow().poll("se");
            harness.clock.advance(Duration.ofMinutes(1));
            harness.runReversalsUntilSettled(20);
            StatusActionEntry parked = status.ledger().actionsOf("se", order.orderNo()).get(0);
            OrderAdminService admin = harness.admin();

            assertThatThrownBy(() -> admin.skipStatusAction("se", order.orderNo(), parked.id(), " "))
                    .hasMessageContaining("a reason is required");

            assertThat(admin.skipStatusAction("se", order.orderNo(), parked.id(), "goods never left").status())
                    .isEqualTo(200);
            assertThat(admin.skipStatusAction("se", order.orderNo(), parked.id(), "again").status())
                    .as("skipped is final").isEqualTo(409);
            assertThat(status.ledger().find(parked.id()).orElseThrow().state()).isEqualTo(ActionState.SKIPPED);
            assertThat(order.timeline(harness, "status-action-skipped")).singleElement().asString()
                    .startsWith("An operator skipped delivery-note " + order.erpOrderNo() + "-D1 (it was PARKED: ")
                    .endsWith("): goods never left");

            assertThat(harness.reversals().ledger().forOrder("se", order.orderNo())).singleElement()
                    .satisfies(r -> assertThat(r.state()).isEqualTo(ReversalState.PARKED));
            assertThat(admin.skipReversal("se", order.orderNo(), 1, "credited by hand").status()).isEqualTo(200);
            assertThat(harness.reversals().ledger().forOrder("se", order.orderNo())).singleElement()
                    .satisfies(r -> {
                        assertThat(r.state()).isEqualTo(ReversalState.SKIPPED);
                        assertThat(r.row().reason()).isEqualTo("Skipped by an operator: credited by hand");
                    });
            assertThat(admin.retryReversal("se", order.orderNo(), 1))
                    .isEqualTo(OrderAdminService.ResendOutcome.NOT_PARKED_OR_FAILED);
            assertThat(harness.runReversalsOnce()).as("a skipped reversal is never due").isEmpty();
            assertThat(order.timeline(harness, "reversal-skipped")).singleElement().asString()
                    .endsWith("): credited by hand");
            assertThat(admin.order("se", order.orderNo()).orElseThrow().path("life").asText())
                    .as("skipping the reversal does not undo the shop's cancellation").isEqualTo("CANCELLED_IN_SHOP");
        }
    }
}
