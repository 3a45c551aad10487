package io.jesync.order;

/**
 * One order as a shop adapter read it: the raw JSON as received (kept for support) and either the parsed
 * order or, for an order that could not be read, the reason it is parked.
 */
public record IncomingOrder(
        String orderNo,
        int channelId,
        Long platformOrderId,
        String rawJson,
        io.jesync.shop.ShopOrder order,
        ParkReason problem) {

    public static IncomingOrder readable(io.jesync.shop.ShopOrder order, String rawJson) {
        return new IncomingOrder(order.orderNo(), order.channelId(), order.platformOrderId(), rawJson, order, null);
    }

    public static IncomingOrder unreadable(String orderNo, int channelId, Long platformOrderId, String rawJson,
                                           String field, String problem) {
        return new IncomingOrder(orderNo, channelId, platformOrderId, rawJson, null,
                Park.unreadableOrder(orderNo, field, problem).reason());
    }
}
