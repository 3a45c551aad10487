package io.jesync.status;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.simulator.economic.EconomicSimulator.CreditLine;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceModel.OrderStatus;
import io.jesync.simulator.norce.NorceModel.WriteBack;
import io.jesync.simulator.norce.NorceModel.WriteBackKind;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderEvent;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole round trip with nothing scripted: orders go to e-conomic through the order flow, the accountant moves
 * their documents on with the e-conomic simulator's controls, the status flow reads e-conomic with the real
 * detection and acts on the Norce simulator. Each event → action pair of the shipped mapping, for both document
 * types, and a second poll repeats nothing.
 */
class OrderStatusEndToEndTest {
    static final String TRACKING_PATTERN = "(?i)tracking:?\\s*([A-Z0-9]{8,35})";

    @TempDir
    Path tempDir;

    @Test
    void draft_invoices_booked_paid_credited_and_deleted_come_back_to_the_shop() throws Exception {
        try (OrderFlowHarness harness = harness(Map.of())) {
            NorceModel.Order shipped = harness.placeOrder(201);
            NorceModel.Order cancelled = harness.placeOrder(202);
            NorceModel.Order untouched = harness.placeOrder(203);
            harness.runUntilSettled(10);
            StatusFlow status = harness.statusFlow(new EconomicStatusEvents(harness.client)).flow();
            status.poll("se");
            assertThat(harness.norce.writeBacks()).as("nothing happened in e-conomic yet")
                    .allMatch(w -> w.kind() == WriteBackKind.ORDER_STATUS && statusOf(w).equals("Confirmed"));

            int draft = (int) (long) ledger(harness, shipped).economicDocumentNumber();
            harness.economic.addNote("invoices/drafts", draft, "Tracking: 00373500000000123");
            JsonNode invoice = harness.economic.bookDraft(draft);
            int booked = invoice.path("bookedInvoiceNumber").asInt();
            harness.economic.deleteDraft("invoices/drafts", (int) (long) ledger(harness, cancelled)
                    .economicDocumentNumber());
            status.poll("se");

            NorceModel.Order delivered = harness.norce.store().order(shipped.id()).orElseThrow();
            assertThat(delivered.parcelNumbers()).containsExactly("00373500000000123");
            assertThat(delivered.capturedAmount()).isEqualByComparingTo(shipped.totalIncVat());
            assertThat(delivered.statusId()).isEqualTo(OrderStatus.INVOICED.id());
            NorceModel.Order cancelledNow = harness.norce.store().order(cancelled.id()).orElseThrow();
            assertThat(cancelledNow.statusId()).isEqualTo(OrderStatus.CANCELLED.id());
            assertThat(cancelledNow.reservationCancelled()).as("Query shows no PaymentRef to release").isFalse();
            assertThat(harness.norce.store().order(untouched.id()).orElseThrow().statusId())
                    .isEqualTo(OrderStatus.CONFIRMED.id());

            harness.economic.registerPayment(booked, invoice.path("remainder").decimalValue());
            harness.economic.creditInvoice(booked, Optional.of(List.of(new CreditLine(1, BigDecimal.ONE))));
            int writeBacks = harness.norce.writeBacks().size();
            status.poll("se");
            status.poll("se");

            assertThat(harness.norce.writeBacks()).as("paid and credited need nothing in the shop by default, and"
                    + " reading again repeats nothing").hasSize(writeBacks);
            assertThat(steps(harness, shipped, "status-event")).as("one poll reads paid and credited together")
                    .containsExactlyInAnyOrder(
                    "e-conomic: invoice " + booked + " booked; next: delivery note " + draft + "-D1, capture (invoice "
                            + draft + "-I1), status Invoiced",
                    "e-conomic: invoice " + booked + " paid; nothing to do in the shop"
                            + " (shop.se.status.on.invoice-paid=none)",
                    "e-conomic: credit note " + (booked + 1) + " booked; nothing to do in the shop"
                            + " (shop.se.status.on.credit-note-booked=none)");
            assertThat(steps(harness, cancelled, "status-action")).containsExactly(
                    "Norce: order cancelled (the shop showed no payment reference, so the"
                            + " reservation is left to the shop's payment set-up)");

            harness.clock.advance(java.time.Duration.ofMinutes(1));
            harness.runReversalsUntilSettled(5);
            assertThat(harness.reversals().ledger().forOrder("se", cancelled.orderNo()))
                    .as("the shop's cancellation came from e-conomic: nothing to reverse there").isEmpty();
        }
    }

    @Test
    void orders_marked_sent_are_delivered_with_tracking_and_invoiced_when_booked() throws Exception {
        try (OrderFlowHarness harness = harness(Map.of("shop.se.orders.document-type", "order"))) {
            NorceModel.Order placed = harness.placeOrder(301);
            harness.runUntilSettled(10);
            StatusFlow status = harness.statusFlow(new EconomicStatusEvents(harness.client)).flow();
            int orderNumber = (int) (long) ledger(harness, placed).economicDocumentNumber();

            harness.economic.addNote("orders/drafts", orderNumber, "Tracking: 00373500000000456");
            harness.economic.markOrderSent(orderNumber);
            status.poll("se");

            NorceModel.Order delivered = harness.norce.store().order(placed.id()).orElseThrow();
            assertThat(delivered.parcelNumbers()).containsExactly("00373500000000456");
            assertThat(delivered.capturedAmount()).isEqualByComparingTo(placed.totalIncVat());

            int invoiceDraft = harness.economic.archiveSentOrder(orderNumber).draftInvoice()
                    .path("draftInvoiceNumber").asInt();
            harness.economic.bookDraft(invoiceDraft);
            status.poll("se");
            status.poll("se");

            List<WriteBack> writeBacks = harness.norce.writeBacks().stream().filter(w -> w.orderId() == placed.id())
                    .toList();
            assertThat(writeBacks).extracting(WriteBack::kind).containsExactly(WriteBackKind.ORDER_STATUS,
                    WriteBackKind.ORDER_STATUS, WriteBackKind.DELIVERY_NOTE, WriteBackKind.INVOICE,
                    WriteBackKind.ORDER_STATUS);
            assertThat(writeBacks).filteredOn(w -> w.kind() == WriteBackKind.ORDER_STATUS)
                    .extracting(OrderStatusEndToEndTest::statusOf)
                    .containsExactly("Confirmed", "Delivered", "Invoiced");
            assertThat(harness.norce.store().order(placed.id()).orElseThrow().statusId())
                    .isEqualTo(OrderStatus.INVOICED.id());
        }
    }

    private OrderFlowHarness harness(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "shop.se.status.tracking.source", "field:notes.textLine2",
                "shop.se.status.tracking.pattern", TRACKING_PATTERN));
        settings.putAll(extra);
        return new OrderFlowHarness(Kind.H2, tempDir, settings);
    }

    private static LedgerEntry ledger(OrderFlowHarness harness, NorceModel.Order order) {
        return harness.assembly.ledger().find("se", order.orderNo()).orElseThrow();
    }

    private static List<String> steps(OrderFlowHarness harness, NorceModel.Order order, String step) {
        return harness.assembly.ledger().events("se", order.orderNo()).stream()
                .filter(e -> e.step().equals(step)).map(OrderEvent::detail).toList();
    }

    private static String statusOf(WriteBack writeBack) {
        return writeBack.request().path("OrderStatus").asText();
    }
}
