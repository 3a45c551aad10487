package io.jesync.reconcile;

import java.util.Map;

/**
 * One thing that does not match, in words a support person acts on: what is wrong ({@code detail}), what fixes it
 * ({@code action}), and, where the admin API can do it, the call that does ({@code fixMethod} {@code fixPath} with
 * {@code fixBody}; null when only a person in e-conomic or the shop can). A stock or price finding names the
 * {@code articleNo} and the compared {@code values} (e-conomic, pushed, shop), and has no order.
 */
public record Finding(Kind kind, String orderNo, String detail, String action, String fixMethod, String fixPath,
                      Map<String, Object> fixBody, String articleNo, Map<String, String> values) {

    /** An order finding: no article, no compared values. */
    public Finding(Kind kind, String orderNo, String detail, String action, String fixMethod, String fixPath,
                   Map<String, Object> fixBody) {
        this(kind, orderNo, detail, action, fixMethod, fixPath, fixBody, null, null);
    }

    public enum Kind {
        /** In the shop in a trigger status, never read by the flow. */
        MISSING_IN_LEDGER,
        /** In the ledger, not (yet) in e-conomic: parked, failed or still on its way. */
        NOT_IN_ECONOMIC,
        /** The ledger recorded a document that e-conomic no longer has. */
        MISSING_IN_ECONOMIC,
        /** More than one e-conomic document carries the order's reference. */
        DUPLICATE_IN_ECONOMIC,
        /** The document's total incl. VAT differs from the shop order's. */
        TOTAL_DIFFERS,
        /** An operator skipped the order, yet e-conomic has a document for it. */
        SKIPPED_BUT_IN_ECONOMIC,
        /** The shop's on-hand stock, as last pushed, differs from what e-conomic's figure gives now. */
        STOCK_DRIFT,
        /** A base price list's price, as last pushed, differs from what e-conomic's sales price gives now. */
        PRICE_DRIFT,
        /** The shop's payment was captured, but the payment flow has not recorded it. */
        PAYMENT_NOT_RECORDED,
        /** A recorded payment is not entered in e-conomic: waiting, parked or failed. */
        PAYMENT_NOT_ENTERED,
        /** The payment flow entered the payment, but e-conomic has no entry with its text that day. */
        PAYMENT_MISSING_IN_ECONOMIC
    }

    static Finding manual(Kind kind, String orderNo, String detail, String action) {
        return new Finding(kind, orderNo, detail, action, null, null, null);
    }
}
