package io.jesync.reversal;

/** What the shop did to an order after its transfer. */
public enum ReversalKind {
    /** The whole order was cancelled in the shop. */
    CANCEL,
    /** Lines were refunded or returned: quantities went down, lines were cancelled or removed. */
    REFUND
}
