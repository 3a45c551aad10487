package io.jesync.simulator.norce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Json;
import io.jesync.simulator.SimRequest;
import io.jesync.simulator.SimResponse;
import io.jesync.simulator.SimulatorException;
import io.jesync.simulator.norce.NorceModel.Order;
import io.jesync.simulator.norce.NorceModel.OrderStatus;
import io.jesync.simulator.norce.NorceModel.WriteBack;
import io.jesync.simulator.norce.NorceModel.WriteBackKind;

import static io.jesync.simulator.norce.NorceJson.decimal;
import static io.jesync.simulator.norce.NorceJson.field;
import static io.jesync.simulator.norce.NorceJson.text;

/**
 * Connect 4.0 order write-backs. Each call is checked against the stored order, applied to it (status, ERP
 * order number, capture, reservation, parcels; Updated moves) and recorded as a {@link WriteBack}, all under the
 * store lock so a concurrent poll sees either the old or the new order, never half of it.
 */
final class NorceConnectOrders {
    private final NorceStore store;

    NorceConnectOrders(NorceStore store) {
        this.store = store;
    }

    SimResponse sendOrderStatus(SimRequest request) {
        JsonNode body = requireBody(request, NorceConnectContracts.SEND_ORDER_STATUS);
        synchronized (store) {
            Order order = findByRefs(body);
            OrderStatus status = OrderStatus.parse(field(body, "OrderStatus"))
                    .orElseThrow(() -> failed("OrderStatus is missing or not a known status."));
            // The documented acknowledgement: Confirmed with an ErpOrderNo stores the ERP's number on the order.
            String erpNo = order.erpOrderNo();
            if (status == OrderStatus.CONFIRMED && text(body, "ErpOrderNo") != null) {
                erpNo = text(body, "ErpOrderNo");
            }
            Order after = order.withWriteBack(status.id(), store.now(), erpNo, order.capturedAmount(),
                    order.reservationCancelled(), order.parcelNumbers());
            return apply(WriteBackKind.ORDER_STATUS, order, after, BigDecimal.ZERO, body);
        }
    }

    /** A delivery note has no ClientOrderRef: it names the order by its current OrderNo and by nothing else. */
    SimResponse createDeliveryNote(SimRequest request) {
        JsonNode body = requireBody(request, NorceConnectContracts.DELIVERY_NOTE);
        synchronized (store) {
            String orderNo = text(body, "OrderNo");
            if (orderNo == null) {
                throw failed("OrderNo is required.");
            }
            Order order = store.orderByOrderNo(orderNo)
                    .orElseThrow(() -> failed("Order '" + orderNo + "' was not found."));
            requireNotCancelled(order);
            // Assumed like CreateInvoice's InvoiceNo: a note number is unique per order, so a retried note is refused.
            String noteNo = text(body, "NoteNo");
            boolean duplicate = noteNo != null && store.writeBacks().stream().anyMatch(w -> w.kind()
                    == WriteBackKind.DELIVERY_NOTE && w.orderId() == order.id() && noteNo.equals(text(w.request(),
                    "NoteNo")));
            if (duplicate) {
                throw failed("Delivery note '" + noteNo + "' already exists for order " + order.orderNo() + ".");
            }
            Map<String, BigDecimal> delivered = deliveredSoFar(order);
            JsonNode items = field(body, "DeliveryNoteItems");
            if (items.isArray()) {
                for (JsonNode item : items) {
                    String itemNo = text(item, "ItemNo");
                    if (order.items().stream().noneMatch(i -> i.partNo().equals(itemNo))) {
                        throw failed("Item '" + itemNo + "' is not on order " + order.orderNo() + ".");
                    }
                    delivered.merge(itemNo, NorceJson.orElse(decimal(item, "Qty"), BigDecimal.ZERO), BigDecimal::add);
                }
            } else {
                order.items().forEach(i -> delivered.put(i.partNo(), i.qtyOrdered()));
            }
            boolean complete = order.items().stream().filter(i -> !i.isFee())
                    .allMatch(i -> delivered.getOrDefault(i.partNo(), BigDecimal.ZERO).compareTo(i.qtyOrdered()) >= 0);
            List<String> parcels = new ArrayList<>(order.parcelNumbers());
            for (JsonNode p : field(body, "DeliveryNotePackages")) {
                Optional.ofNullable(text(p, "ParcelNumber")).ifPresent(parcels::add);
            }
            int status = complete ? OrderStatus.DELIVERED.id() : OrderStatus.PARTLY_DELIVERED.id();
            Order after = order.withWriteBack(status, store.now(), order.erpOrderNo(), order.capturedAmount(),
                    order.reservationCancelled(), List.copyOf(parcels));
            return apply(WriteBackKind.DELIVERY_NOTE, order, after, BigDecimal.ZERO, body);
        }
    }

    /** Quantities already shipped by earlier delivery notes: partial deliveries add up to a full one. */
    private Map<String, BigDecimal> deliveredSoFar(Order order) {
        Map<String, BigDecimal> delivered = new HashMap<>();
        for (WriteBack w : store.writeBacks()) {
            if (w.kind() == WriteBackKind.DELIVERY_NOTE && w.orderId() == order.id()) {
                JsonNode items = field(w.request(), "DeliveryNoteItems");
                if (!items.isArray()) {
                    order.items().forEach(i -> delivered.put(i.partNo(), i.qtyOrdered()));
                }
                for (JsonNode item : items) {
                    delivered.merge(text(item, "ItemNo"), NorceJson.orElse(decimal(item, "Qty"), BigDecimal.ZERO),
                            BigDecimal::add);
                }
            }
        }
        return delivered;
    }

    SimResponse createInvoice(SimRequest request) {
        JsonNode body = requireBody(request, NorceConnectContracts.INVOICE);
        synchronized (store) {
            Order order = findByRefs(body);
            requireNotCancelled(order);
            String invoiceNo = text(body, "InvoiceNo");
            if (invoiceNo == null) {
                throw failed("InvoiceNo is required.");
            }
            boolean duplicate = store.writeBacks().stream().anyMatch(w -> w.kind() == WriteBackKind.INVOICE
                    && w.orderId() == order.id() && invoiceNo.equals(text(w.request(), "InvoiceNo")));
            if (duplicate) {
                throw failed("Invoice '" + invoiceNo + "' already exists for order " + order.orderNo() + ".");
            }
            boolean suppressPsp = field(body, "SuppressPspCall").asBoolean(false);
            BigDecimal captured = BigDecimal.ZERO;
            if (!suppressPsp) {
                JsonNode items = field(body, "Items");
                if (!items.isArray() || items.isEmpty()) {
                    throw failed("Items are mandatory when the invoice captures the payment.");
                }
                if (order.reservationCancelled()) {
                    throw failed("The payment reservation of order " + order.orderNo() + " is cancelled.");
                }
                captured = captureAmount(body, items);
                if (order.capturedAmount().add(captured).compareTo(order.totalIncVat()) > 0) {
                    throw failed("Capture of " + captured + " exceeds the reserved amount " + order.totalIncVat() + ".");
                }
            }
            boolean last = field(body, "IsLastInvoiceForOrder").asBoolean(true);
            int status = last ? OrderStatus.INVOICED.id() : order.statusId();
            Order after = order.withWriteBack(status, store.now(), order.erpOrderNo(),
                    order.capturedAmount().add(captured), order.reservationCancelled(), order.parcelNumbers());
            return apply(WriteBackKind.INVOICE, order, after, captured, body);
        }
    }

    /** Payment.Amount (incl. VAT) when given; otherwise the items' amounts plus their VAT. */
    private static BigDecimal captureAmount(JsonNode body, JsonNode items) {
        BigDecimal paymentAmount = decimal(field(body, "Payment"), "Amount");
        if (paymentAmount != null) {
            return paymentAmount;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode item : items) {
            BigDecimal qty = NorceJson.orElse(decimal(item, "Quantity"), BigDecimal.ONE);
            BigDecimal unitPrice = NorceJson.orElse(decimal(item, "UnitPrice"), BigDecimal.ZERO);
            BigDecimal unitVat = NorceJson.orElse(decimal(item, "UnitVat"), BigDecimal.ZERO);
            sum = sum.add(unitPrice.add(unitVat).multiply(qty));
        }
        return sum.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    SimResponse cancelOrder(SimRequest request) {
        JsonNode body = requireBody(request, NorceConnectContracts.CANCEL_ORDER);
        synchronized (store) {
            Order order = findByRefs(body);
            if (order.statusId() == OrderStatus.INVOICED.id()) {
                throw failed("Order " + order.orderNo() + " is invoiced and cannot be cancelled.");
            }
            // Assumed: a second cancellation changes nothing and is refused, like a second invoice number.
            if (order.statusId() == OrderStatus.CANCELLED.id()) {
                throw failed("Order " + order.orderNo() + " is already cancelled.");
            }
            // "If supplied, a cancel call is made for all included payments. Required property for each Payment is
            // PaymentRef." Without Payments the PSP reservation stays as it is.
            JsonNode payments = field(body, "Payments");
            boolean cancelReservation = order.reservationCancelled();
            for (JsonNode payment : payments.isArray() ? payments : Json.array()) {
                String ref = text(payment, "PaymentRef");
                if (ref == null || ref.isBlank()) {
                    throw failed("PaymentRef is required for each Payment.");
                }
                if (!ref.equals(order.paymentRef())) {
                    throw failed("Payment '" + ref + "' is not a payment of order " + order.orderNo() + ".");
                }
                cancelReservation = true;
            }
            Order after = order.withWriteBack(OrderStatus.CANCELLED.id(), store.now(), order.erpOrderNo(),
                    order.capturedAmount(), cancelReservation, order.parcelNumbers());
            return apply(WriteBackKind.CANCEL_ORDER, order, after, BigDecimal.ZERO, body);
        }
    }

    private SimResponse apply(WriteBackKind kind, Order before, Order after, BigDecimal captured, JsonNode body) {
        store.replaceOrder(after);
        store.recordWriteBack(kind, before, after, captured, body);
        // The contract declares these operations void: a 200 without a body.
        return SimResponse.empty(200);
    }

    /**
     * ClientOrderRef is the quotation (basket) id; ErpOrderNo matches once a Confirmed status stored it. "Either
     * ClientOrderRef or ErpOrderNo must be provided."
     */
    private Order findByRefs(JsonNode body) {
        String clientRef = text(body, "ClientOrderRef");
        String erpNo = text(body, "ErpOrderNo");
        if ((clientRef == null || clientRef.equals("0")) && erpNo == null) {
            throw failed("ClientOrderRef or ErpOrderNo is required.");
        }
        Optional<Order> order = clientRef == null || clientRef.equals("0") ? Optional.empty()
                : store.orderByQuotationId(Integer.parseInt(clientRef));
        if (order.isEmpty() && erpNo != null) {
            order = store.orderByErpOrderNo(erpNo);
        }
        return order.orElseThrow(() -> failed("Order was not found (ClientOrderRef " + clientRef + ", ErpOrderNo "
                + erpNo + ")."));
    }

    private static void requireNotCancelled(Order order) {
        if (order.statusId() == OrderStatus.CANCELLED.id()) {
            throw failed("Order " + order.orderNo() + " is cancelled.");
        }
    }

    private static JsonNode requireBody(SimRequest request, NorceConnectContracts.Shape contract) {
        JsonNode body = request.json();
        if (body == null || !body.isObject()) {
            throw failed("A JSON object body is required.");
        }
        NorceConnectContracts.check(contract, body);
        return body;
    }

    static SimulatorException failed(String description) {
        ObjectNode body = Json.object();
        body.put("StatusCode", "Failed");
        body.put("Description", description);
        return new SimulatorException(SimResponse.json(400, body));
    }
}
