package io.jesync.order;

/**
 * Why an order cannot be sent to e-conomic, in words a shop owner acts on. The order is parked with this reason
 * and never retried until someone changes the order or the settings.
 *
 * @param field   where the problem is, as a path into the shop order (e.g. {@code lines[2].articleNumber})
 * @param value   the offending value, shortened to at most {@value #MAX_VALUE_LENGTH} characters
 * @param message the full sentence shown to the merchant: order, problem, then {@code action}
 * @param action  what to do about it
 */
public record ParkReason(Code code, String orderNo, String field, String value, String message, String action) {

    public static final int MAX_VALUE_LENGTH = 80;

    public enum Code {
        MISSING_EMAIL,
        MISSING_NAME,
        UNKNOWN_COUNTRY,
        UNKNOWN_CURRENCY,
        BAD_QUANTITY,
        MISSING_PRICE,
        BAD_DISCOUNT,
        MISSING_ARTICLE_NUMBER,
        ARTICLE_NUMBER_TOO_LONG,
        TEXT_TOO_LONG,
        TOTALS_DO_NOT_ADD_UP,
        UNREADABLE_ORDER,
        ORDER_VANISHED,
        ARTICLE_NOT_IN_ECONOMIC,
        REJECTED_BY_ECONOMIC,
        TOTALS_DIFFER_IN_ECONOMIC,
        NO_LINES,
        OUT_OF_BOUNDS,
        REFUSED_BY_AGREEMENT,
        PLUGIN
    }

    static ParkReason of(Code code, String orderNo, String field, String value, String problem, String action) {
        return new ParkReason(code, orderNo, field, Texts.shorten(value, MAX_VALUE_LENGTH),
                "Order " + orderNo + ": " + problem + " " + action, action);
    }
}
