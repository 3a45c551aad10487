package io.jesync.status;

import io.jesync.config.EnumKeys;

/**
 * What can happen to an order's document in e-conomic after the transfer. The rank orders the shop statuses these
 * events lead to: a status from a lower-ranked event never overwrites one already set from a higher-ranked event,
 * whatever order the events are read or retried in.
 */
public enum StatusEventType {
    /** An order (document type order) was marked sent: the goods left. */
    ORDER_SENT(1),
    /** A sent order was upgraded to an invoice draft and moved to {@code /orders/archived}. */
    ORDER_ARCHIVED(2),
    /** An invoice with the order's reference was booked (positive total). */
    INVOICE_BOOKED(2),
    /** The booked invoice's remainder reached zero. */
    INVOICE_PAID(3),
    /** A credit note (booked invoice with a negative total) with the order's reference was booked. */
    CREDIT_NOTE_BOOKED(4),
    /** The order's draft invoice or order draft was deleted before it was booked or archived. */
    DOCUMENT_DELETED(4);

    private final int rank;

    StatusEventType(int rank) {
        this.rank = rank;
    }

    /** The kebab-case name used in settings ({@code shop.<id>.status.on.<key>}) and in the trace. */
    public String key() {
        return EnumKeys.key(this);
    }

    public int rank() {
        return rank;
    }
}
