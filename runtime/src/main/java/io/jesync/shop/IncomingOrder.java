package io.jesync.shop;

/**
 * One order as a shop adapter read it: the raw JSON as received (kept for support) and either the parsed
 * order or, for an order that could not be read, what is wrong with it (the order flow parks it for that).
 */
public record IncomingOrder(
        String orderNo,
        int channelId,
        Long platformOrderId,
        String rawJson,
        io.jesync.shop.ShopOrder order,
        Unreadable problem) {

    /** @param field where in the shop's order the problem is, e.g. {@code Buyer.CountryId} */
    public record Unreadable(String field, String problem) {
    }

    public static IncomingOrder readable(io.jesync.shop.ShopOrder order, String rawJson) {
        return new IncomingOrder(order.orderNo(), order.channelId(), order.platformOrderId(), rawJson, order, null);
    }

    public static IncomingOrder unreadable(String orderNo, int channelId, Long platformOrderId, String rawJson,
                                           String field, String problem) {
        return new IncomingOrder(orderNo, channelId, platformOrderId, rawJson, null,
                new Unreadable(field, problem));
    }
}
