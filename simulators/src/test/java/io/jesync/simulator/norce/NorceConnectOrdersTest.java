package io.jesync.simulator.norce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.WriteBack;
import io.jesync.simulator.norce.NorceModel.WriteBackKind;

class NorceConnectOrdersTest extends NorceSimulatorTestSupport {

    private Order placed() {
        Order order = sim.placeOrder(NorceQueryTest.draft(SE_APP, 2));
        clock.advance(Duration.ofMinutes(1));
        return order;
    }

    private Order current(Order order) {
        return sim.store().order(order.id()).orElseThrow();
    }

    @Test
    void send_order_status_is_applied_and_recorded_and_confirmed_stores_the_erp_number() {
        Order order = placed();

        Reply reply = connectPost("/Order/SendOrderStatus", "{\"ClientOrderRef\":" + order.orderNo()
                + ",\"ErpOrderNo\":\"SO-88\",\"OrderStatus\":\"Confirmed\"}");
        Reply byErpNo = connectPost("/Order/SendOrderStatus", "{\"ErpOrderNo\":\"SO-88\",\"OrderStatus\":\"Delivered\"}");

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(byErpNo.status()).as(byErpNo.raw()).isEqualTo(200);
        assertThat(current(order).statusId()).isEqualTo(4);
        assertThat(current(order).erpOrderNo()).isEqualTo("SO-88");
        assertThat(order.updated()).as("never updated before").isNull();
        assertThat(current(order).updated()).isNotNull();
        assertThat(sim.writeBacks()).extracting(WriteBack::kind)
                .containsExactly(WriteBackKind.ORDER_STATUS, WriteBackKind.ORDER_STATUS);
        assertThat(sim.writeBacks().get(1).statusBefore()).isEqualTo(2);
    }

    @Test
    void unknown_order_or_status_is400_and_not_recorded() {
        Order order = placed();

        assertThat(connectPost("/Order/SendOrderStatus", "{\"ClientOrderRef\":999,\"OrderStatus\":\"Delivered\"}")
                .status()).isEqualTo(400);
        assertThat(connectPost("/Order/SendOrderStatus", "{\"ClientOrderRef\":" + order.orderNo()
                + ",\"OrderStatus\":\"Teleported\"}").status()).isEqualTo(400);
        assertThat(connectPost("/Order/CreateInvoice", "{\"ClientOrderRef\":999,\"InvoiceNo\":\"F-1\"}").status())
                .isEqualTo(400);
        assertThat(connectPost("/Order/CancelOrder", "{\"ErpOrderNo\":\"nope\"}").status()).isEqualTo(400);
        assertThat(connectPost("/Order/CreateDeliveryNote", "{\"OrderNo\":\"404\"}").status()).isEqualTo(400);
        assertThat(connectPost("/Order/CreateDeliveryNote", "not json").status()).isEqualTo(400);
        assertThat(sim.writeBacks()).isEmpty();
    }

    @Test
    void partial_then_complete_delivery_notes_with_tracking() {
        Order order = placed();

        Reply first = connectPost("/Order/CreateDeliveryNote", "{\"OrderNo\":\"" + order.orderNo() + "\",\"NoteNo\":"
                + "\"DN-1\",\"DeliveryNoteItems\":[{\"ItemNo\":\"KAF-00001\",\"Qty\":1,\"RowNumber\":1}],"
                + "\"DeliveryNotePackages\":[{\"ParcelNumber\":\"TRACK1\",\"StatusId\":4}]}");
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(current(order).statusId()).isEqualTo(8);

        Reply second = connectPost("/Order/CreateDeliveryNote", "{\"OrderNo\":\"" + order.orderNo() + "\",\"NoteNo\":"
                + "\"DN-2\",\"DeliverynoteItems\":[{\"ItemNo\":\"KAF-00001\",\"Qty\":1,\"RowNumber\":1}],"
                + "\"DeliveryNotePackages\":[{\"ParcelNumber\":\"TRACK2\",\"StatusId\":4}]}");
        assertThat(second.status()).as(second.raw()).isEqualTo(200);
        assertThat(current(order).statusId()).isEqualTo(4);
        assertThat(current(order).parcelNumbers()).containsExactly("TRACK1", "TRACK2");
        assertThat(connectPost("/Order/CreateDeliveryNote", "{\"OrderNo\":\"" + order.orderNo()
                + "\",\"DeliveryNoteItems\":[{\"ItemNo\":\"UNKNOWN\",\"Qty\":1}]}").status()).isEqualTo(400);
    }

    @Test
    void a_repeated_note_number_is_refused_and_changes_nothing() {
        Order order = placed();
        String note = "{\"OrderNo\":\"" + order.orderNo() + "\",\"NoteNo\":\"DN-1\","
                + "\"DeliveryNotePackages\":[{\"ParcelNumber\":\"TRACK1\",\"StatusId\":4}]}";
        assertThat(connectPost("/Order/CreateDeliveryNote", note).status()).isEqualTo(200);

        Reply again = connectPost("/Order/CreateDeliveryNote", note);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.raw()).contains("Failed", "'DN-1' already exists for order " + order.orderNo());
        assertThat(sim.writeBacks()).hasSize(1);
        assertThat(current(order).parcelNumbers()).containsExactly("TRACK1");
    }

    @Test
    void cancelling_a_cancelled_order_is_refused_and_records_nothing() {
        Order order = placed();
        assertThat(connectPost("/Order/CancelOrder", "{\"ClientOrderRef\":" + order.orderNo() + "}").status())
                .isEqualTo(200);

        Reply again = connectPost("/Order/CancelOrder", "{\"ClientOrderRef\":" + order.orderNo() + "}");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.raw()).contains("is already cancelled");
        assertThat(sim.writeBacks()).hasSize(1);
    }

    @Test
    void invoice_captures_unless_suppressed_and_rejects_duplicates() {
        Order order = placed();
        String total = order.totalIncVat().toPlainString();
        String items = "\"Items\":[{\"PartNo\":\"KAF-00001\",\"Quantity\":2,\"UnitPrice\":80,\"UnitVat\":9.6}]";

        Reply noItems = connectPost("/Order/CreateInvoice", "{\"ClientOrderRef\":" + order.orderNo()
                + ",\"InvoiceNo\":\"F-0\"}");
        Reply captured = connectPost("/Order/CreateInvoice", "{\"ClientOrderRef\":" + order.orderNo()
                + ",\"InvoiceNo\":\"F-1\",\"IsLastInvoiceForOrder\":true," + items + ",\"Payment\":{\"PaymentRef\":\""
                + order.paymentRef() + "\",\"Amount\":" + total + ",\"CurrencyCode\":\"SEK\"}}");
        Reply duplicate = connectPost("/Order/CreateInvoice", "{\"ClientOrderRef\":" + order.orderNo()
                + ",\"InvoiceNo\":\"F-1\",\"SuppressPspCall\":true}");

        assertThat(noItems.status()).isEqualTo(400);
        assertThat(captured.status()).as(captured.raw()).isEqualTo(200);
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(current(order).statusId()).isEqualTo(5);
        assertThat(current(order).capturedAmount()).isEqualByComparingTo(order.totalIncVat());
        assertThat(sim.writeBacks()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WriteBackKind.INVOICE);
            assertThat(w.captured()).isEqualByComparingTo(order.totalIncVat());
        });

        Order other = placed();
        Reply suppressed = connectPost("/Order/CreateInvoice", "{\"ClientOrderRef\":" + other.orderNo()
                + ",\"InvoiceNo\":\"F-2\",\"SuppressPspCall\":true}");
        assertThat(suppressed.status()).isEqualTo(200);
        assertThat(current(other).capturedAmount()).isZero();
        assertThat(current(other).statusId()).isEqualTo(5);
    }

    @Test
    void cancel_with_payments_cancels_the_reservation_and_blocks_capture() {
        Order order = placed();

        Reply cancel = connectPost("/Order/CancelOrder", "{\"ClientOrderRef\":" + order.orderNo()
                + ",\"Payments\":[{\"PaymentRef\":\"" + order.paymentRef() + "\"}]}");

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(current(order).statusId()).isEqualTo(6);
        assertThat(current(order).reservationCancelled()).isTrue();
        assertThat(sim.writeBacks()).extracting(WriteBack::kind).containsExactly(WriteBackKind.CANCEL_ORDER);

        Order keepsReservation = placed();
        connectPost("/Order/CancelOrder", "{\"ClientOrderRef\":" + keepsReservation.orderNo() + "}");
        assertThat(current(keepsReservation).reservationCancelled()).isFalse();
        assertThat(connectPost("/Order/CreateInvoice", "{\"ClientOrderRef\":" + order.orderNo()
                + ",\"InvoiceNo\":\"F-9\",\"SuppressPspCall\":true}").status()).isEqualTo(400);
    }

    @Test
    void concurrent_write_backs_are_all_applied_and_recorded() throws Exception {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            orders.add(placed());
        }
        token();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (Order order : orders) {
                replies.add(pool.submit(() -> connectPost("/Order/SendOrderStatus", "{\"ClientOrderRef\":"
                        + order.orderNo() + ",\"OrderStatus\":\"Delivered\"}").status()));
                replies.add(pool.submit(() -> query("/commerce/query/2.0/Orders/Orders?$expand=Items").status()));
            }
            for (Future<Integer> reply : replies) {
                assertThat(reply.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sim.writeBacks()).hasSize(40);
        assertThat(sim.orders()).allSatisfy(o -> assertThat(o.statusId()).isEqualTo(4));
    }

    @Test
    void write_backs_are_visible_through_the_control_route() {
        Order order = placed();
        connectPost("/Order/SendOrderStatus", "{\"ClientOrderRef\":" + order.orderNo() + ",\"OrderStatus\":4}");

        Reply view = control("GET", "norce/writebacks", null);

        assertThat(view.json()).hasSize(1);
        assertThat(view.json().get(0).get("Kind").asText()).isEqualTo("ORDER_STATUS");
        assertThat(view.json().get(0).get("StatusAfter").asInt()).isEqualTo(4);
        assertThat(view.json().get(0).get("Request").get("OrderStatus").asInt()).isEqualTo(4);
    }
}
