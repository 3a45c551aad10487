package io.jesync.status;

/** What the shop is asked to do for a status event. */
public enum ActionKind {
    /** Set the shop's order status (argument: the Norce status name). */
    SET_STATUS,
    /** Create a delivery note with the order's lines and tracking numbers (argument: the note number). */
    DELIVERY_NOTE,
    /** Create the shop invoice that captures the payment (argument: the invoice number). */
    CAPTURE,
    /** Cancel the order and, when configured, its payment reservation. */
    CANCEL
}
