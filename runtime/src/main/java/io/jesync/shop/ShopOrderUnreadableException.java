package io.jesync.shop;

/**
 * One order the shop returned that cannot become a {@link ShopOrder}. It names the order as far as it was readable,
 * the offending field and what is wrong with it, so the order is parked with a reason a person understands while
 * the rest of the batch goes on.
 */
public class ShopOrderUnreadableException extends Exception {
    private final String orderNo;
    private final Long platformOrderId;
    private final String field;
    private final String problem;

    public ShopOrderUnreadableException(String message, String orderNo, Long platformOrderId, String field,
                                        String problem) {
        super(message);
        this.orderNo = orderNo;
        this.platformOrderId = platformOrderId;
        this.field = field;
        this.problem = problem;
    }

    /** The shop's order number, null when the order did not carry a readable one. */
    public String orderNo() {
        return orderNo;
    }

    /** The platform's internal order id, null when unreadable. */
    public Long platformOrderId() {
        return platformOrderId;
    }

    /** Path of the offending field in the platform's order, e.g. {@code Items[1].QtyOrdered}; {@code $} for all. */
    public String field() {
        return field;
    }

    /** The problem in plain words, without the order's name. */
    public String problem() {
        return problem;
    }
}
