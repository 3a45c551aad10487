package io.jesync.shop.norce;

import io.jesync.shop.ShopOrderUnreadableException;

/**
 * One raw Norce order that cannot become a {@code ShopOrder}: the order as far as it was readable, the JSON path of
 * the offending field and what is wrong with it.
 */
public final class NorceOrderParseException extends ShopOrderUnreadableException {

    public NorceOrderParseException(String orderNo, Long platformOrderId, String field, String problem) {
        super(describe(orderNo, platformOrderId, field, problem), orderNo, platformOrderId, field, problem);
    }

    private static String describe(String orderNo, Long platformOrderId, String field, String problem) {
        String who = orderNo != null ? "Norce order " + orderNo : "Norce order with unreadable OrderNo";
        String id = platformOrderId != null ? " (Id " + platformOrderId + ")" : "";
        return who + id + ": " + field + ": " + problem;
    }
}
