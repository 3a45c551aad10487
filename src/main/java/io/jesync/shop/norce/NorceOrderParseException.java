package io.jesync.shop.norce;

/**
 * One raw Norce order that cannot become a {@code ShopOrder}. It names the order as far as it was readable, the
 * JSON path of the offending field and what is wrong with it, so the order can be parked with a reason a person
 * understands while the rest of the page goes on.
 */
public final class NorceOrderParseException extends Exception {
    private final String orderNo;
    private final Long platformOrderId;
    private final String field;
    private final String problem;

    public NorceOrderParseException(String orderNo, Long platformOrderId, String field, String problem) {
        super(describe(orderNo, platformOrderId, field, problem));
        this.orderNo = orderNo;
        this.platformOrderId = platformOrderId;
        this.field = field;
        this.problem = problem;
    }

    private static String describe(String orderNo, Long platformOrderId, String field, String problem) {
        String who = orderNo != null ? "Norce order " + orderNo : "Norce order with unreadable OrderNo";
        String id = platformOrderId != null ? " (Id " + platformOrderId + ")" : "";
        return who + id + ": " + field + ": " + problem;
    }

    /** The shop's order number, null when the order did not carry a readable one. */
    public String orderNo() {
        return orderNo;
    }

    /** Norce's internal order id, null when unreadable. */
    public Long platformOrderId() {
        return platformOrderId;
    }

    /** JSON path of the offending field, e.g. {@code Items[1].QtyOrdered}; {@code $} for the order as a whole. */
    public String field() {
        return field;
    }

    /** The problem in plain words, without the order's name. */
    public String problem() {
        return problem;
    }
}
