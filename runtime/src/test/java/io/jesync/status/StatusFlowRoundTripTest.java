package io.jesync.status;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceModel.OrderStatus;
import io.jesync.simulator.norce.NorceModel.WriteBack;
import io.jesync.simulator.norce.NorceModel.WriteBackKind;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderEvent;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * e-conomic events through the status flow to the Norce simulator: each event → action pair of the shipped
 * mapping, what the shop's order looks like afterwards, and what the order's timeline says.
 */
@Tag("harness")
class StatusFlowRoundTripTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> TRACKING = Map.of("shop.se.status.tracking.source", "field:notes.textLine2");

    @TempDir
    Path tempDir;

    @Test
    void a_sent_order_is_delivered_with_its_tracking_number_and_its_payment_captured() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, TRACKING)) {
            Transferred order = transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.ORDER_SENT,
                    order.documentNumber(), "{\"notes\":{\"textLine2\":\"PostNord 00370712345678901\"}}"));

            harness.statusFlow(events).flow().poll("se");

            assertThat(order.writeBacks(harness)).extracting(WriteBack::kind).containsExactly(
                    WriteBackKind.ORDER_STATUS, WriteBackKind.DELIVERY_NOTE, WriteBackKind.INVOICE);
            WriteBack note = order.writeBacks(harness, WriteBackKind.DELIVERY_NOTE).get(0);
            assertThat(note.request().get("NoteNo").asText()).isEqualTo(order.erpOrderNo() + "-D1");
            assertThat(note.request().get("DeliveryNoteItems")).isNotEmpty();
            WriteBack invoice = order.writeBacks(harness, WriteBackKind.INVOICE).get(0);
            assertThat(invoice.request().get("InvoiceNo").asText()).isEqualTo(order.erpOrderNo() + "-I1");
            assertThat(invoice.request().at("/Payment/PaymentRef").isMissingNode()).as("Query shows none").isTrue();
            assertThat(invoice.request().at("/Payment/PaymentMethodCode").asText())
                    .isEqualTo(order.placed().paymentMethodCode());
            assertThat(invoice.request().get("Items")).as("Norce needs the items to capture").isNotEmpty();
            NorceModel.Order shopOrder = order.now(harness);
            assertThat(shopOrder.capturedAmount()).isEqualByComparingTo(order.placed().totalIncVat());
            assertThat(shopOrder.parcelNumbers()).containsExactly("00370712345678901");
            assertThat(shopOrder.statusId()).as("Norce marks an invoiced order Invoiced").isEqualTo(
                    OrderStatus.INVOICED.id());
            assertThat(order.timeline(harness, "status-event")).containsExactly("e-conomic: order "
                    + order.documentNumber() + " marked sent; next: status Delivered, delivery note "
                    + order.erpOrderNo() + "-D1, capture (invoice " + order.erpOrderNo() + "-I1)");
            assertThat(order.timeline(harness, "status-action")).containsExactly(
                    "Norce: status set to Delivered",
                    "Norce: delivery note " + order.erpOrderNo() + "-D1 created with tracking 00370712345678901",
                    "Norce: invoice " + order.erpOrderNo() + "-I1 created, SEK "
                            + order.placed().totalIncVat().toPlainString() + " captured");
        }
    }

    @Test
    void a_note_without_a_tracking_number_says_so_in_the_timeline() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, TRACKING)) {
            Transferred order = transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.ORDER_SENT,
                    order.documentNumber(), "{\"notes\":{}}"));

            harness.statusFlow(events).flow().poll("se");

            assertThat(order.writeBacks(harness, WriteBackKind.DELIVERY_NOTE).get(0).request()
                    .get("DeliveryNotePackages")).isEmpty();
            assertThat(order.timeline(harness, "status-action")).contains("Norce: delivery note "
                    + order.erpOrderNo() + "-D1 created without tracking numbers (none found in the e-conomic field"
                    + " notes.textLine2)");
        }
    }

    @Test
    void a_plugin_route_can_supply_the_tracking_numbers() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.status.tracking.source", "route:direct:tracking-number"))) {
            Transferred order = transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.ORDER_SENT,
                    order.documentNumber(), "{\"references\":{\"other\":\"x\"}}"));
            List<String> bodies = new ArrayList<>();

            harness.statusFlow(events, (uri, body) -> {
                bodies.add(uri + " " + body);
                return List.of("TRACK-A", "TRACK-B");
            }).flow().poll("se");

            assertThat(bodies).containsExactly("direct:tracking-number {\"references\":{\"other\":\"x\"}}");
            assertThat(order.now(harness).parcelNumbers()).containsExactly("TRACK-A", "TRACK-B");
        }
    }

    @Test
    void booking_the_draft_invoice_delivers_captures_and_invoices_and_archived_paid_and_credited_do_nothing_by_default()
            throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            Transferred order = transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents()
                    .add(order.event(StatusEventType.ORDER_ARCHIVED, order.documentNumber(), null))
                    .add(order.event(StatusEventType.INVOICE_BOOKED, 10023, "{\"bookedInvoiceNumber\":10023}"))
                    .add(order.event(StatusEventType.INVOICE_PAID, 10023, "{\"remainder\":0}"))
                    .add(order.event(StatusEventType.CREDIT_NOTE_BOOKED, 10031, "{\"grossAmount\":-100}"));

            harness.statusFlow(events).flow().poll("se");

            assertThat(order.writeBacks(harness)).extracting(WriteBack::kind).containsExactly(
                    WriteBackKind.DELIVERY_NOTE, WriteBackKind.INVOICE, WriteBackKind.ORDER_STATUS);
            WriteBack status = order.writeBacks(harness, WriteBackKind.ORDER_STATUS).get(0);
            assertThat(status.request().get("OrderStatus").asText()).isEqualTo("Invoiced");
            assertThat(status.request().get("ErpOrderNo").asText()).isEqualTo(order.erpOrderNo());
            assertThat(order.now(harness).statusId()).isEqualTo(OrderStatus.INVOICED.id());
            assertThat(order.now(harness).capturedAmount()).isEqualByComparingTo(order.placed().totalIncVat());
            assertThat(order.timeline(harness, "status-event")).containsExactly(
                    "e-conomic: order " + order.documentNumber() + " archived (turned into an invoice); nothing to do"
                            + " in the shop (shop.se.status.on.order-archived=none)",
                    "e-conomic: invoice 10023 booked; next: delivery note " + order.erpOrderNo() + "-D1, capture"
                            + " (invoice " + order.erpOrderNo() + "-I1), status Invoiced",
                    "e-conomic: invoice 10023 paid; nothing to do in the shop (shop.se.status.on.invoice-paid=none)",
                    "e-conomic: credit note 10031 booked; nothing to do in the shop"
                            + " (shop.se.status.on.credit-note-booked=none)");
        }
    }

    @Test
    void a_draft_deleted_before_booking_cancels_the_order_and_leaves_the_reservation_to_the_psp() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            Transferred order = transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.DOCUMENT_DELETED,
                    order.documentNumber(), null));

            harness.statusFlow(events).flow().poll("se");

            WriteBack cancel = order.writeBacks(harness).get(0);
            assertThat(cancel.kind()).isEqualTo(WriteBackKind.CANCEL_ORDER);
            // Norce releases a reservation only for Payments[].PaymentRef, which its Query does not show.
            assertThat(cancel.request().has("Payments")).isFalse();
            assertThat(order.now(harness).statusId()).isEqualTo(OrderStatus.CANCELLED.id());
            assertThat(order.now(harness).reservationCancelled()).isFalse();
            assertThat(order.timeline(harness, "status-action")).containsExactly("Norce: order cancelled (the shop"
                    + " showed no payment reference, so the reservation is left to the shop's payment set-up)");
        }
    }

    @Test
    void a_cancellation_can_leave_the_payment_reservation_alone() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.status.cancel-payment", "false"))) {
            Transferred order = transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.DOCUMENT_DELETED,
                    order.documentNumber(), null));

            harness.statusFlow(events).flow().poll("se");

            assertThat(order.writeBacks(harness).get(0).request().has("Payments")).isFalse();
            assertThat(order.now(harness).statusId()).isEqualTo(OrderStatus.CANCELLED.id());
            assertThat(order.now(harness).reservationCancelled()).isFalse();
        }
    }

    @Test
    void a_document_deleted_after_the_capture_is_not_cancelled_and_the_timeline_says_why() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            Transferred order = transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.ORDER_SENT,
                    order.documentNumber(), "{}"));
            StatusFlow flow = harness.statusFlow(events).flow();
            flow.poll("se");

            events.add(order.event(StatusEventType.DOCUMENT_DELETED, order.documentNumber(), null));
            flow.poll("se");

            assertThat(order.writeBacks(harness, WriteBackKind.CANCEL_ORDER)).isEmpty();
            assertThat(order.now(harness).statusId()).isEqualTo(OrderStatus.INVOICED.id());
            assertThat(order.timeline(harness, "status-action")).last().isEqualTo("skipped cancellation: not"
                    + " cancelled: the payment was captured when the order was sent; refund it in the shop if the"
                    + " goods come back");
        }
    }

    @Test
    void an_older_event_never_overwrites_a_newer_status() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.status.on.order-sent", "status:Delivered",
                        "shop.se.status.on.invoice-booked", "status:Invoiced",
                        "shop.se.status.on.invoice-paid", "status:Invoiced"))) {
            Transferred order = transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents()
                    .add(order.event(StatusEventType.INVOICE_BOOKED, 10023, "{}"))
                    .add(order.event(StatusEventType.INVOICE_PAID, 10023, "{}"));
            StatusFlow flow = harness.statusFlow(events).flow();
            flow.poll("se");

            // e-conomic showed the order as sent only after the invoice was paid (read late, or retried).
            events.add(order.event(StatusEventType.ORDER_SENT, order.documentNumber(), "{}"));
            flow.poll("se");

            assertThat(order.writeBacks(harness)).extracting(w -> w.request().get("OrderStatus").asText())
                    .containsExactly("Invoiced", "Invoiced");
            assertThat(order.now(harness).statusId()).isEqualTo(OrderStatus.INVOICED.id());
            assertThat(order.timeline(harness, "status-action")).last().isEqualTo(
                    "skipped: Invoiced is already set, Delivered is older");
            assertThat(harness.statusFlow(events).ledger().actionsOf("se", order.orderNo()))
                    .extracting(StatusActionEntry::argument, StatusActionEntry::state)
                    .containsExactly(tuple("Invoiced", ActionState.DONE), tuple("Invoiced", ActionState.DONE),
                            tuple("Delivered", ActionState.SKIPPED));
        }
    }

    @Test
    void a_refusal_parks_the_action_with_the_shops_reason_and_the_orders_other_actions_go_on() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.status.on.order-sent", "delivery-note,capture,status:Delivered"))) {
            Transferred order = transferred(harness, 1).get(0);
            harness.norce.setOrderStatus(order.placed().id(), OrderStatus.CANCELLED.id());
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.ORDER_SENT,
                    order.documentNumber(), "{}"));

            harness.statusFlow(events).flow().poll("se");

            assertThat(harness.statusFlow(events).ledger().actionsOf("se", order.orderNo()))
                    .extracting(StatusActionEntry::action, StatusActionEntry::state)
                    .containsExactly(tuple(ActionKind.DELIVERY_NOTE, ActionState.PARKED),
                            tuple(ActionKind.CAPTURE, ActionState.PARKED),
                            tuple(ActionKind.SET_STATUS, ActionState.DONE));
            assertThat(order.timeline(harness, "status-action")).first().asString()
                    .startsWith("parked: Norce CreateDeliveryNote " + order.erpOrderNo() + "-D1 for order "
                            + order.orderNo() + " of shop se was refused with HTTP 400: Order " + order.orderNo()
                            + " is cancelled.");
        }
    }

    @Test
    void an_operator_runs_a_parked_action_again_once_the_cause_is_fixed_and_it_happens_once() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.status.on.order-sent", "delivery-note"))) {
            Transferred order = transferred(harness, 1).get(0);
            harness.norce.setOrderStatus(order.placed().id(), OrderStatus.CANCELLED.id());
            ScriptedEvents events = new ScriptedEvents().add(order.event(StatusEventType.ORDER_SENT,
                    order.documentNumber(), "{}"));
            StatusFlow flow = harness.statusFlow(events).flow();
            flow.poll("se");
            io.jesync.admin.OrderAdminService admin = harness.admin();
            StatusActionEntry parked = harness.statusFlow(events).ledger().actionsOf("se", order.orderNo()).get(0);
            assertThat(admin.statusActions("se", "PARKED", null).path("count").asInt()).isEqualTo(1);
            assertThat(admin.retryStatusAction("se", "404", parked.id()).status()).isEqualTo(404);

            harness.norce.setOrderStatus(order.placed().id(), OrderStatus.ERP_CONFIRMED.id());
            assertThat(admin.retryStatusAction("se", order.orderNo(), parked.id()).status()).isEqualTo(202);
            flow.poll("se");
            flow.poll("se");

            assertThat(order.writeBacks(harness, WriteBackKind.DELIVERY_NOTE)).hasSize(1);
            assertThat(admin.retryStatusAction("se", order.orderNo(), parked.id()).status()).as("done is not parked")
                    .isEqualTo(409);
            assertThat(admin.order("se", order.orderNo()).orElseThrow().path("statusActions").get(0)
                    .path("state").asText()).isEqualTo("DONE");
            assertThat(order.timeline(harness, "status-action-retry")).singleElement().asString()
                    .startsWith("An operator asked to run delivery-note " + order.erpOrderNo() + "-D1 again");
        }
    }

    @Test
    void an_event_for_an_order_the_ledger_does_not_know_parks_its_actions() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            StatusFlowAssembly status = harness.statusFlow(new ScriptedEvents());
            status.flow().record(harness.shop(), new StatusEvent("se", "404", StatusEventType.DOCUMENT_DELETED, 7, null));

            status.flow().poll("se");

            assertThat(status.ledger().actionsOf("se", "404")).singleElement().satisfies(a -> {
                assertThat(a.state()).isEqualTo(ActionState.PARKED);
                assertThat(a.reason()).isEqualTo("order 404 of shop se is not in the order ledger with an"
                        + " e-conomic document, so the shop cannot be told about it");
            });
            assertThat(harness.norce.writeBacks()).isEmpty();
        }
    }

    /** The runtime stopped after recording the event and before acting: the next life acts, once. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_restart_between_recording_an_event_and_acting_on_it_acts_exactly_once(Kind kind) throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(kind, tempDir, Map.of())) {
            List<Transferred> orders = transferred(harness, 2);
            ScriptedEvents events = new ScriptedEvents();
            orders.forEach(o -> events.add(o.event(StatusEventType.ORDER_SENT, o.documentNumber(), "{}")));
            StatusFlowAssembly firstLife = harness.statusFlow(events);
            assertThat(firstLife.flow().recordEvents("se")).isEqualTo(2);
            // The first life also got as far as claiming one action, then died holding its lease.
            StatusActionEntry held = firstLife.ledger().due("se", 10).get(0);
            firstLife.ledger().claim(held.id(), "test-instance#dead", StatusExecutor.LEASE).orElseThrow();

            StatusFlow secondLife = harness.statusFlow(events).flow();
            secondLife.poll("se");
            harness.clock.advance(StatusExecutor.LEASE);
            secondLife.poll("se");
            harness.statusFlow(events).flow().poll("se");

            for (Transferred order : orders) {
                assertThat(order.writeBacks(harness)).extracting(WriteBack::kind).containsExactly(
                        WriteBackKind.ORDER_STATUS, WriteBackKind.DELIVERY_NOTE, WriteBackKind.INVOICE);
                assertThat(order.now(harness).capturedAmount()).isEqualByComparingTo(order.placed().totalIncVat());
                assertThat(order.timeline(harness, "status-event")).hasSize(1);
            }
            assertThat(events.calls()).as("every life re-read the same events").hasSize(4);
        }
    }

    @Test
    void events_of_orders_no_longer_watched_are_not_asked_for_and_the_cursor_is_kept() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of(
                "shop.se.status.track-days", "1"))) {
            Transferred order = transferred(harness, 1).get(0);
            ScriptedEvents events = new ScriptedEvents();
            StatusFlow flow = harness.statusFlow(events).flow();
            flow.poll("se");
            assertThat(events.calls()).singleElement().satisfies(tracked -> assertThat(tracked)
                    .extracting(TrackedOrder::orderNo).containsExactly(order.orderNo()));

            harness.clock.advance(Duration.ofDays(2));
            flow.poll("se");

            assertThat(events.calls()).as("no watched order, no call to e-conomic").hasSize(1);
            assertThat(new io.jesync.store.WatermarkStore(harness.database, harness.clock)
                    .get(StatusFlow.WATERMARK, "se")).contains("call-1");
        }
    }

    /** Places and transfers {@code count} orders; each is acknowledged with its e-conomic number. */
    static List<Transferred> transferred(OrderFlowHarness harness, int count) throws Exception {
        List<NorceModel.Order> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            placed.add(harness.placeOrder(100 + i));
        }
        harness.runUntilSettled(30);
        List<Transferred> transferred = new ArrayList<>();
        for (NorceModel.Order order : placed) {
            transferred.add(new Transferred(order, harness.assembly.ledger().find("se", order.orderNo())
                    .orElseThrow()));
        }
        return transferred;
    }

    record Transferred(NorceModel.Order placed, LedgerEntry ledger) {
        String orderNo() {
            return placed.orderNo();
        }

        long documentNumber() {
            return ledger.economicDocumentNumber();
        }

        String erpOrderNo() {
            return StatusPlanner.erpOrderNo(ledger);
        }

        StatusEvent event(StatusEventType type, long number, String document) {
            try {
                JsonNode json = document == null ? null : JSON.readTree(document);
                return new StatusEvent("se", orderNo(), type, number, json);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        /** The order's write-backs after the order flow's acknowledgement. */
        List<WriteBack> writeBacks(OrderFlowHarness harness) {
            List<WriteBack> all = harness.norce.writeBacks().stream().filter(w -> w.orderId() == placed.id())
                    .toList();
            return all.subList(1, all.size());
        }

        List<WriteBack> writeBacks(OrderFlowHarness harness, WriteBackKind kind) {
            return writeBacks(harness).stream().filter(w -> w.kind() == kind).toList();
        }

        NorceModel.Order now(OrderFlowHarness harness) {
            return harness.norce.store().order(placed.id()).orElseThrow();
        }

        List<String> timeline(OrderFlowHarness harness, String step) {
            return harness.assembly.ledger().events("se", orderNo()).stream().filter(e -> e.step().equals(step))
                    .map(OrderEvent::detail).toList();
        }
    }
}
