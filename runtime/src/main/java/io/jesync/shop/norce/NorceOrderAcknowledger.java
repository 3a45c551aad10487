package io.jesync.shop.norce;

import java.io.IOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.ShopSettings;
import io.jesync.shop.ShopOrder;

/**
 * Tells Norce that the ERP took an order: Connect 4.0 {@code Order/SendOrderStatus} with the order's
 * ClientOrderRef, the ERP's order number and a status name. Norce documents that the acknowledgement "Confirmed"
 * stores the ERP order number on the order. Setting the same status twice changes nothing, so a retry after a
 * lost answer is harmless.
 */
public final class NorceOrderAcknowledger {
    static final String SEND_ORDER_STATUS_PATH = "/commerce/connect/4.0/Order/SendOrderStatus";

    private final NorceConnection connection;

    public NorceOrderAcknowledger(NorceConnection connection) {
        this.connection = connection;
    }

    /**
     * @param status an OrderStatus name Connect accepts, e.g. "Confirmed"
     * @throws NorceUnavailableException 429/5xx/I/O: retry later
     * @throws NorceRequestException     Norce refused (e.g. unknown order); the message names the order number
     */
    public void acknowledge(ShopSettings shop, ShopOrder order, String erpOrderNo, String status)
            throws IOException, InterruptedException {
        ObjectNode body = connection.mapper().createObjectNode();
        NorceOrderWriter.putOrderRefs(body, order.orderNo(), erpOrderNo);
        body.put("OrderStatus", status);
        connection.postConnect(shop, SEND_ORDER_STATUS_PATH, body, "Norce SendOrderStatus " + status
                + " (ERP order " + erpOrderNo + ") for order " + order.orderNo() + " of shop " + shop.id());
    }
}
