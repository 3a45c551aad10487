package io.jesync.status;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event read from e-conomic for one order. {@code documentNumber} numbers the document the event is about in
 * its collection (order number for sent/archived/deleted orders, draft number for a deleted draft invoice, booked
 * invoice number for booked, paid and credit notes); with the order and the type it makes the event's identity, so
 * reading it again changes nothing. {@code document} is the listing entry as e-conomic returned it (notes,
 * references, amounts; no lines), kept for the trace and for the tracking number; null when the event was inferred
 * from an absence (deleted).
 */
public record StatusEvent(String shopId, String orderNo, StatusEventType type, long documentNumber,
                          JsonNode document) {

    public StatusEvent {
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(type, "type");
    }
}
