package io.jesync.order;

/**
 * The steps of one claimed order after {@code claim-order} (or {@code claim-due-order}), in the order the
 * {@code transfer-order} and {@code resume-order} routes run them; {@link #id()} is the route step's id, the name
 * tracing, route tests and plugins use. Everything that can park runs before {@code record-send-intent}, so a
 * parked order leaves nothing behind; once the document exists the steps before the send are passed over.
 */
public enum OrderStep {
    /** An order that may be in e-conomic already (in doubt, sent before, or restored store) is looked up and adopted. */
    FIND_EXISTING_DOCUMENT("find-existing-document"),
    /** Still in a trigger status, and a dry run of the pure mapping finds no bad data. */
    MAP_ORDER("map-order"),
    /** Which of the order's articles e-conomic lacks (and whether they may be created). */
    CHECK_ARTICLES("check-articles"),
    /** The e-conomic customer: matched, bound or created. */
    RESOLVE_CUSTOMER("resolve-customer"),
    /** The missing articles created in e-conomic. */
    CREATE_ARTICLES("create-articles"),
    /** The document, its Idempotency-Key and reference committed to the ledger (SENDING) before the send. */
    RECORD_SEND_INTENT("record-send-intent"),
    /** The document created in e-conomic (CREATED), or the order left IN_DOUBT when no answer came. */
    SEND_DOCUMENT("send-document"),
    /** e-conomic's total compared with the shop's; a difference beyond rounding deletes the draft and parks. */
    CHECK_TOTALS("check-totals"),
    /** The draft booked (booked-invoice shops) or the order marked sent (order shops that ask for it). */
    BOOK_INVOICE("book-invoice"),
    /** The shop told the e-conomic number and its new status (ACKNOWLEDGED). */
    ACKNOWLEDGE_ORDER("acknowledge-order");

    private final String id;

    OrderStep(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
